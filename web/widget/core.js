// Core: the one module that talks to the wasm, through the `ls_*` exports of
// wasm/platform/web_api.cpp. Each export has one wrapper here that passes the time itself and
// carries strings and JSON in and out of wasm memory, so no other module handles a pointer, a
// clock or `module._ls_…` (tests/node/widget-modules.test.mjs checks that).
//
// Index
//  [SECTION] Where the wasm is: configure()
//  [SECTION] Compile once per page, instantiate per widget
//  [SECTION] The deferred part
//  [SECTION] Strings in and out of wasm memory
//  [SECTION] The exports, one wrapper each

import { LandscapeCoreFactory, defaultWasmUrl, defaultDeferredWasmUrl } from "./platform.js";
import { lsError } from "./errors.js";
import { problem, isPlainObject, kindOf, shown } from "./problems.js";

const now = () => performance.now();

// ---------------------------------------------------------------------------------------------
// [SECTION] Where the wasm is: configure()
// ---------------------------------------------------------------------------------------------

// Shared by every widget on the page: each part of the wasm is fetched and compiled once.
// wasmUrl null: the offline build, whose factory carries the whole wasm inside itself.
// deferredUrl: the second part (see "The deferred part" below); null: beside wasmUrl.
const page = {
  wasmUrl: defaultWasmUrl, deferredUrl: null, compiled: null,
  deferred: { compiled: null, module: null },   // the second part's compile (a promise) and its result
};
const Settings = ["wasmUrl", "deferredWasmUrl"];

// The second part's URL: configured, or the default beside the default wasm, or, when only
// wasmUrl was configured, landscape-core.deferred.wasm in the same folder as it.
function deferredUrl() {
  if (page.deferredUrl) return page.deferredUrl;
  if (page.wasmUrl === defaultWasmUrl) return defaultDeferredWasmUrl;
  return new URL(DeferredFileName, page.wasmUrl).href;
}

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
    else if (key === "wasmUrl") page.wasmUrl = url;
    else page.deferredUrl = url;
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Compile once per page, instantiate per widget
// ---------------------------------------------------------------------------------------------

// fetch() resolves on a 404 too: say which status, not only that the bytes are not wasm.
function fetchWasm(url) {
  return fetch(url, { credentials: "same-origin" }).then((r) => {
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return r;
  });
}
function compileFrom(url) {
  return WebAssembly.compileStreaming
    ? WebAssembly.compileStreaming(fetchWasm(url))
    : fetchWasm(url).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b));
}

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
// wasm runs. Resolves to the wrappers below.
export async function startCore(canvas, onEvent, { wholeAtOnce = false } = {}) {
  const args = {
    canvas,
    print: () => {},
    printErr: (text) => console.warn("[landscape]", text),
    landscapeEmit: onEvent,
    landscapeClipboard: (text) => { if (navigator.clipboard) navigator.clipboard.writeText(text).catch(() => {}); },
  };
  const compiled = compile();
  const part = { split: false, instance: null, imports: null, table: null, installed: true, installing: null, fallbacks: 0, dead: false };
  if (compiled) {
    const early = wholeAtOnce ? compileDeferred().catch(() => null) : null;   // a failure is reported by installDeferred()
    const wasmModule = await compiled;
    const slots = placeholderSlots(wasmModule);
    part.split = slots.length > 0;
    part.installed = !part.split;
    if (part.split && early) await early;
    args.instantiateWasm = (imports, done) => {
      if (part.split) imports[PlaceholderNamespace] = placeholders(slots, part);
      WebAssembly.instantiate(wasmModule, imports).then((instance) => {
        part.instance = instance;
        part.imports = imports;
        part.table = Object.values(instance.exports).find((e) => e instanceof WebAssembly.Table);
        // The deferred part is compiled already (another widget, or wholeAtOnce): installed
        // before the wasm runs any code, so no placeholder is ever called.
        // (A mismatch is reported by installDeferred(), after the first frame.)
        if (part.split && page.deferred.module) { try { install(part, page.deferred.module); } catch { /* see above */ } }
        done(instance, wasmModule);
      });
      return {};
    };
  }
  let module;
  try {
    module = await LandscapeCoreFactory(args);
  } catch (e) {
    throw lsError(`the widget could not start: ${e && e.message ? e.message : e}`);
  }
  return wrap(module, part);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] The deferred part
// ---------------------------------------------------------------------------------------------
// The portal build's wasm comes in two parts (wasm/platform/split_wasm.mjs): landscape-core.wasm
// holds what the map's first frame runs (the functions in wasm/platform/split-keep.txt), and
// landscape-core.deferred.wasm the rest (the other views, tables, text input, ...). In the first
// part every function of the second is a placeholder, imported from "placeholder" under the index
// of its slot in the function table. Instantiating the second part with the first's exports
// writes its functions into those slots of that instance's table.
//
// When: after a widget's first frame (installDeferred(), which createLandscape awaits before it
// resolves, so a host's first setState never meets a placeholder), or before the wasm runs when
// the part is already compiled or the first view needs it (startCore). If a placeholder is called
// all the same (a key pressed or a link followed while the part is still on its way), the part is
// loaded synchronously, installed, and the call goes on to the real function: slower, never
// wrong. stats().deferredFallbacks counts those.

const PlaceholderNamespace = "placeholder";
const DeferredFileName = "landscape-core.deferred.wasm";

// The table slots the first part left to the second (none: a whole wasm).
function placeholderSlots(wasmModule) {
  return WebAssembly.Module.imports(wasmModule)
    .filter((i) => i.module === PlaceholderNamespace && i.kind === "function").map((i) => i.name);
}

function compileDeferred() {
  if (!page.deferred.compiled) {
    const url = deferredUrl();
    page.deferred.compiled = compileFrom(url)
      .then((m) => { page.deferred.module = m; return m; })
      .catch((e) => { page.deferred.compiled = null; throw lsError(`could not load the widget's code (${url}): ${e.message}`); });
  }
  return page.deferred.compiled;
}

// The second part's imports: the first part's exports ("primary") and, should it name any, the
// glue's own imports.
function deferredImports(deferredModule, part) {
  const imports = {};
  for (const { module: ns, name } of WebAssembly.Module.imports(deferredModule)) {
    const from = ns === "primary" ? part.instance.exports : part.imports[ns];
    if (!from || !(name in from)) throw lsError(`the widget's two wasm parts do not match (${ns}.${name} is missing): serve both from one build`);
    (imports[ns] ??= {})[name] = from[name];
  }
  return imports;
}

function install(part, deferredModule) {
  if (part.installed || part.dead) return;
  new WebAssembly.Instance(deferredModule, deferredImports(deferredModule, part));
  part.installed = true;
}

// A placeholder was called: the part is needed now. Already compiled (its download finished):
// installed at once; otherwise read with a synchronous request (the bytes as a binary string:
// a synchronous XMLHttpRequest cannot return an ArrayBuffer in a page) and compiled here.
function installNow(part) {
  let deferredModule = page.deferred.module;
  if (!deferredModule) {
    const url = deferredUrl();
    const xhr = new XMLHttpRequest();
    try {
      xhr.open("GET", url, false);
      xhr.overrideMimeType("text/plain; charset=x-user-defined");
      xhr.send();
    } catch (e) {
      throw lsError(`could not load the widget's code (${url}): ${e.message}`);
    }
    if (xhr.status !== 200) throw lsError(`could not load the widget's code (${url}): HTTP ${xhr.status}`);
    const text = xhr.responseText;
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    deferredModule = new WebAssembly.Module(bytes);
    page.deferred.module = deferredModule;
    if (!page.deferred.compiled) page.deferred.compiled = Promise.resolve(deferredModule);
  }
  install(part, deferredModule);
  part.fallbacks++;
}

function placeholders(slots, part) {
  const out = {};
  for (const slot of slots) {
    const index = Number(slot);
    out[slot] = (...args) => {
      if (!part.installed) installNow(part);
      return part.table.get(index)(...args);
    };
  }
  return out;
}

// After the first frame: fetch and compile the part once per page, install it in this instance.
function installDeferred(part) {
  if (part.installed) return Promise.resolve();
  if (!part.installing) {
    part.installing = compileDeferred().then((m) => install(part, m));
    part.installing.catch(() => { part.installing = null; });
  }
  return part.installing;
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
    destroy: () => { part.dead = true; module._ls_destroy(); },
    wake: () => module._ls_wake(now()),
    resize: (width, height, dpr) => module._ls_resize(width, height, dpr),
    frame: (at = now()) => !!module._ls_frame(at),   // true: more frames wanted (animation, settling)
    contextLost: () => module._ls_context_lost(),
    contextRestored: () => module._ls_context_restored(),
    setTheme: (dark) => module._ls_set_theme(bit(dark), now()),
    heapBytes: () => module.HEAPU8.length,
    // The deferred part of the wasm (see its section): installDeferred() resolves once this
    // instance has it; deferred() says whether it has and how often a placeholder had to load it.
    installDeferred: () => installDeferred(part),
    deferred: () => ({ installed: part.installed, fallbacks: part.fallbacks }),

    // Input.
    pointerMove: (x, y, source) => module._ls_pointer_move(x, y, source, now()),
    pointerButton: (button, down) => module._ls_pointer_button(button, bit(down), now()),
    pointerLeave: () => module._ls_pointer_leave(now()),
    wheel: (dx, dy) => module._ls_wheel(dx, dy, now()),
    wantsWheel: (x, y) => !!module._ls_wants_wheel(x, y),
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
