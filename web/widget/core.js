// Core: the one module that talks to the wasm, through the `ls_*` exports of
// wasm/platform/web_api.cpp. Each export has one wrapper here that passes the time itself and
// carries strings and JSON in and out of wasm memory, so no other module handles a pointer, a
// clock or `module._ls_…` (tests/node/widget-modules.test.mjs checks that).
//
// Index
//  [SECTION] Where the wasm is: configure()
//  [SECTION] Compile once per page, instantiate per widget
//  [SECTION] Strings in and out of wasm memory
//  [SECTION] The exports, one wrapper each

import { LandscapeCoreFactory, defaultWasmUrl } from "./platform.js";
import { compileFrom, setDeferredUrl, newPart, splitPart, compileDeferred, placeholders, installIfCompiled, installDeferred, markDead, deferredStats } from "./deferred.js";
import { lsError } from "./errors.js";
import { problem, isPlainObject, kindOf, shown } from "./problems.js";

const now = () => performance.now();

// ---------------------------------------------------------------------------------------------
// [SECTION] Where the wasm is: configure()
// ---------------------------------------------------------------------------------------------

// Shared by every widget on the page: the wasm is fetched and compiled once (its deferred part
// too: deferred.js). wasmUrl null: the offline build, whose factory carries the whole wasm inside itself.
const page = { wasmUrl: defaultWasmUrl, compiled: null };
const Settings = ["wasmUrl", "deferredWasmUrl"];

// configure({ wasmUrl, deferredWasmUrl }): for hosts that serve the wasm elsewhere (a CDN, another
// origin with CORS). Called once per page before the first widget; afterwards the wasm is
// compiled already and changing its URL would do nothing, so that is a problem and nothing changes.
export function configure(settings) {
  if (!isPlainObject(settings)) {
    return [problem("", settings, `configure() takes an object such as { wasmUrl: "/cdn/landscape-core.wasm" } (got ${kindOf(settings)})`)];
  }
  const problems = [];
  for (const [key, value] of Object.entries(settings)) {
    let url = null;
    if (typeof value === "string" || value instanceof URL) {
      try { url = new URL(String(value), document.baseURI).href; } catch { /* reported below */ }
    }
    if (!Settings.includes(key)) problems.push(problem(key, value, `unknown setting "${key}" for configure() (expected ${Settings.join(" or ")})`));
    else if (!page.wasmUrl) problems.push(problem(key, value, `this build carries its wasm inside itself: ${key} is not used`));
    else if (page.compiled) {
      problems.push(problem(key, value, `the wasm was already loaded from ${page.wasmUrl}: configure() must run before the first createLandscape(); nothing changed`));
    } else if (!url || !value) problems.push(problem(key, value, `${key} is ${shown(value)}, expected a URL; nothing changed`));
    else if (key === "wasmUrl") { page.wasmUrl = url; setDeferredUrl({ wasmUrl: url }); }
    else setDeferredUrl({ deferredWasmUrl: url });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Compile once per page, instantiate per widget
// ---------------------------------------------------------------------------------------------

function compile() {
  if (!page.wasmUrl) return null;
  if (!page.compiled) {
    const url = page.wasmUrl;
    page.compiled = compileFrom(url)
      .catch((e) => { page.compiled = null; throw lsError(`could not load the widget's code (${url}): ${e.message}`); });
  }
  return page.compiled;
}

// A new wasm instance drawing into `canvas`; `onEvent(type, json)` hears what the wasm emits
// (web_api.cpp's EmitEvents). `wholeAtOnce`: the first frame will need the deferred part (a view
// other than the map), so it is fetched now, beside the first part, and installed before the
// wasm runs (deferred.js). Resolves to the wrappers below.
export async function startCore(canvas, onEvent, { wholeAtOnce = false } = {}) {
  const args = {
    canvas,
    print: () => {},
    printErr: (text) => console.warn("[landscape]", text),
    landscapeEmit: onEvent,
    landscapeClipboard: (text) => { if (navigator.clipboard) navigator.clipboard.writeText(text).catch(() => {}); },
  };
  const compiled = compile();
  const part = newPart();
  // The glue waits for instantiateWasm's done() and has no way to hear of a failure: a wasm that
  // does not fit this glue (files from two builds, a stale copy on a CDN) rejects here instead of
  // leaving createLandscape() waiting for ever.
  let refused;
  const instantiateFailed = new Promise((_, reject) => { refused = reject; });
  instantiateFailed.catch(() => {});
  if (compiled) {
    const early = wholeAtOnce ? compileDeferred() : null;
    early?.catch(() => {});   // awaited below, once the first part says it is split
    const wasmModule = await compiled;
    const slots = splitPart(part, wasmModule);
    if (part.split && early) await early;   // a failure rejects here: the first frame would need it
    args.instantiateWasm = (imports, done) => {
      if (part.split) imports.placeholder = placeholders(slots, part);
      WebAssembly.instantiate(wasmModule, imports).then((instance) => {
        part.instance = instance;
        part.imports = imports;
        part.table = Object.values(instance.exports).find((e) => e instanceof WebAssembly.Table);
        // Compiled already (another widget, or wholeAtOnce): installed before the wasm runs any
        // code, so no placeholder is ever called.
        installIfCompiled(part);
        done(instance, wasmModule);
      }, (e) => refused(lsError(`the widget's code (${page.wasmUrl}) does not fit landscape-core.js: ${e.message}. Serve landscape.js, landscape-core.js and the wasm files from one build`)));
      return {};
    };
  }
  let module;
  try {
    module = await Promise.race([LandscapeCoreFactory(args), instantiateFailed]);
  } catch (e) {
    if (e && Array.isArray(e.problems)) throw e;   // already ours (lsError): the refused wasm
    throw lsError(`could not load the widget's code${page.wasmUrl ? ` (${page.wasmUrl})` : ""}: ${e && e.message ? e.message : e}`);
  }
  return wrap(module, part);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Strings in and out of wasm memory
// ---------------------------------------------------------------------------------------------

const encoder = new TextEncoder();

// Calls fn(ptr, length) with `text` NUL-terminated in wasm memory, freed afterwards. For the
// short strings of the API (keys, typed text, state, the status); data files go through the
// streamed load below, never whole.
function withString(module, text, fn) {
  // First try room for mostly-ASCII text; UTF-8 never needs more than 3 bytes per UTF-16 unit.
  let capacity = text.length + (text.length >> 3) + 16;
  for (;;) {
    const ptr = module._malloc(capacity + 1);
    if (!ptr) throw lsError("out of memory");
    const { read, written } = encoder.encodeInto(text, module.HEAPU8.subarray(ptr, ptr + capacity));
    if (read === text.length) {
      module.HEAPU8[ptr + written] = 0;
      try { return fn(ptr, written); } finally { module._free(ptr); }
    }
    module._free(ptr);
    capacity = text.length * 3;
  }
}

// A data file goes to the wasm in pieces of at most this many bytes, through one buffer of the
// wasm's (ls_load_buffer) that is allocated once: the file is never whole in wasm memory.
const FeedBytes = 1 << 20;

function feedBuffer(module) {
  const ptr = module._ls_load_buffer(FeedBytes);
  if (!ptr) throw lsError("out of memory");
  return ptr;
}

// Feeds `bytes` (any length), a buffer-full at a time. False once the loader has failed.
function feedBytes(module, bytes) {
  const ptr = feedBuffer(module);
  for (let at = 0; at < bytes.length; at += FeedBytes) {
    const piece = bytes.subarray(at, at + FeedBytes);
    module.HEAPU8.set(piece, ptr);   // HEAPU8 read anew: feeding may have grown the memory
    if (!module._ls_load_feed(piece.length, now())) return false;
  }
  return true;
}

// Feeds one buffer-full of `text` from UTF-16 index `at`, encoded straight into the buffer.
// Returns the index to go on from (text.length: done), or -1 once the loader has failed.
function feedText(module, text, at) {
  const ptr = feedBuffer(module);
  // FeedBytes UTF-16 units at most; encodeInto then takes as many whole characters as fit.
  let end = Math.min(text.length, at + FeedBytes);
  // Never cut a surrogate pair: encodeInto would write each lone half as U+FFFD.
  const last = text.charCodeAt(end - 1);
  if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
  const slice = at === 0 && end === text.length ? text : text.substring(at, end);
  const { read, written } = encoder.encodeInto(slice, module.HEAPU8.subarray(ptr, ptr + FeedBytes));
  if (!module._ls_load_feed(written, now())) return -1;
  return at + read;
}

function readJson(module, ptr, fallback) {
  try { return JSON.parse(module.UTF8ToString(ptr)); } catch { return fallback; }
}

// The wasm's problems list as the contract's values, whatever it sent.
function asProblems(list) {
  return (Array.isArray(list) ? list : []).filter(isPlainObject)
    .map((p) => problem(String(p.key == null ? "" : p.key), p.value, String(p.message || "")));
}

// ---------------------------------------------------------------------------------------------
// [SECTION] The exports, one wrapper each
// ---------------------------------------------------------------------------------------------

// Times are performance.now() unless the caller has the frame's own (requestAnimationFrame's).
function wrap(module, part) {
  const str = (text, fn) => withString(module, text, fn);
  const json = (ptr, fallback = {}) => readJson(module, ptr, fallback);
  const bit = (flag) => (flag ? 1 : 0);
  return {
    // Life and size.
    init: (width, height, dpr, dark) => !!module._ls_init(width, height, dpr, bit(dark)),
    destroy: () => { markDead(part); module._ls_destroy(); },
    wake: () => module._ls_wake(now()),
    resize: (width, height, dpr) => module._ls_resize(width, height, dpr),
    frame: (at = now()) => !!module._ls_frame(at),   // true: more frames wanted (animation, settling)
    contextLost: () => module._ls_context_lost(),
    contextRestored: () => module._ls_context_restored(),
    setTheme: (dark) => module._ls_set_theme(bit(dark), now()),
    heapBytes: () => module.HEAPU8.length,
    // The deferred part of the wasm (deferred.js): installDeferred() resolves once this
    // instance has it; deferred() says whether it has and how often a placeholder had to load it.
    installDeferred: () => installDeferred(part),
    deferred: () => deferredStats(part),

    // Input.
    pointerMove: (x, y, source) => module._ls_pointer_move(x, y, source, now()),
    pointerButton: (button, down) => module._ls_pointer_button(button, bit(down), now()),
    pointerLeave: () => module._ls_pointer_leave(now()),
    wheel: (dx, dy) => module._ls_wheel(dx, dy, now()),
    wantsWheel: (x, y, dx, dy) => !!module._ls_wants_wheel(x, y, dx, dy),   // dx, dy as wheel() takes them
    pinch: (x, y, scale) => module._ls_pinch(x, y, scale, now()),
    touchKind: (x, y) => module._ls_touch_kind(x, y),   // 0 page, 1 panel (+4 +8 +16 +32: room up, down, left, right), 2 map
    key: (code, down, e) => !!str(code, (ptr) =>
      module._ls_key(ptr, bit(down), bit(e.ctrlKey), bit(e.shiftKey), bit(e.altKey), bit(e.metaKey), now())),
    text: (text) => str(text, (ptr) => module._ls_text(ptr, now())),
    focus: (focused) => module._ls_focus(bit(focused), now()),
    wantsTextInput: () => !!module._ls_wants_text_input(),

    // Data and its status line.
    // A data file is fed in pieces: loadBegin(), loadFeed(bytes) or loadFeedText(text, at) until
    // done (or until they report the loader failed), then loadEnd() (true: shown) or loadAbort()
    // (dropped; the data on screen stays). lastResult() then says how it went.
    loadBegin: () => { module._ls_load_begin(now()); },
    loadFeed: (bytes) => feedBytes(module, bytes),
    loadFeedText: (text, at) => feedText(module, text, at),
    loadEnd: () => !!module._ls_load_end(now()),
    loadAbort: () => module._ls_load_abort(),
    lastResult: () => json(module._ls_last_result()),
    setStatus: (status) => str(JSON.stringify(status), (ptr) => module._ls_set_status(ptr, now())),
    // Glyphs for the atlas (web/widget/glyphs.js rasterises them): what the wasm asks for, and
    // one bitmap per glyph and font (false: refused).
    glyphRequests: () => json(module._ls_glyph_requests(), { glyphs: [] }),
    addGlyph(codepoint, font, bitmap) {
      const { width, height, advance, originX, baseline, alpha } = bitmap;
      const ptr = module._malloc(alpha.length);
      if (!ptr) return false;
      module.HEAPU8.set(alpha, ptr);
      const ok = module._ls_add_glyph(codepoint, font, width, height, advance, originX, baseline, ptr);
      module._free(ptr);
      return !!ok;
    },

    // View state and the URL hash. stateProblems: what the last setState/setHash could not
    // apply; null from a wasm built before it had ls_state_problems.
    getState: () => json(module._ls_get_state()),
    setState: (jsonText) => !!str(jsonText, (ptr) => module._ls_set_state(ptr, now())),
    getHash: () => module.UTF8ToString(module._ls_get_hash()),
    setHash: (hash) => !!str(hash, (ptr) => module._ls_set_hash(ptr, now())),
    stateProblems: () => (typeof module._ls_state_problems === "function" ? asProblems(json(module._ls_state_problems(), [])) : null),

    // What the views show: mirror, exports, counters.
    mirrorVersion: () => module._ls_mirror_version(),
    mirror: () => json(module._ls_mirror(), null),
    exportCsv: () => module.UTF8ToString(module._ls_export_csv()),
    exportFooter: () => json(module._ls_export_footer()),
    stats: () => json(module._ls_stats()),
    layout: () => json(module._ls_layout(), []),
  };
}
