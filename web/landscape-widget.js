// Landscape widget: the JavaScript side of the embed contract (../shared/EMBED.md).
//
// This file is shared by two builds (web/tools/bundle.mjs assembles them):
//  - the ES module `landscape.js` for portals (the wasm compiled once, one instance per widget)
//  - the classic script inside the single-file offline demo (file://, no modules)
// Both define `LandscapeCoreFactory` (Emscripten's MODULARIZE factory) and `LANDSCAPE_CONFIG`
// ({ wasmUrl }) before this code. It talks to the wasm only through the `_ls_*` exports of
// wasm/platform/web_api.cpp.
//
// Index
//  [SECTION] Small helpers
//  [SECTION] Wasm module: compile once, instantiate per widget
//  [SECTION] DOM: host, shadow root, canvas, text agent, accessible mirror
//  [SECTION] The widget: createLandscape()
//  [SECTION] Input scoped to the canvas
//  [SECTION] Rendering on demand
//  [SECTION] Loading data: fetch, progress, errors
//  [SECTION] Exports
//  [SECTION] Custom element <social-landscape>

"use strict";

// ---------------------------------------------------------------------------------------------
// [SECTION] Small helpers
// ---------------------------------------------------------------------------------------------

const LS_VIEWS = ["map", "trend", "compare", "share", "table", "sources"];

function lsNow() { return performance.now(); }

// An error object of the shape the contract gives `error` events and rejections.
function lsError(message, problems = [], extra = {}) {
  const error = new Error(message);
  error.problems = problems;
  Object.assign(error, extra);
  return error;
}
function lsErrorPayload(error) {
  return { message: error.message, problems: error.problems || [], status: error.status, kind: error.kind };
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Wasm module: compile once, instantiate per widget
// ---------------------------------------------------------------------------------------------

let lsCompiledModule = null;   // Promise<WebAssembly.Module> shared by every widget on the page

function lsCompile() {
  if (!LANDSCAPE_CONFIG.wasmUrl) return null;   // single-file build: the factory decodes its own
  if (!lsCompiledModule) {
    const url = LANDSCAPE_CONFIG.wasmUrl;
    lsCompiledModule = (WebAssembly.compileStreaming
      ? WebAssembly.compileStreaming(fetch(url, { credentials: "same-origin" }))
      : fetch(url).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b)))
      .catch((e) => { lsCompiledModule = null; throw lsError(`could not load the widget's code (${url}): ${e.message}`); });
  }
  return lsCompiledModule;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] DOM: host, shadow root, canvas, text agent, accessible mirror
// ---------------------------------------------------------------------------------------------

// All styles live in the shadow root: nothing leaks into the host page, and constructed
// stylesheets need no 'unsafe-inline' under a strict CSP.
const LS_STYLE = `
:host { display: block; position: relative; width: 100%; height: 100%; min-height: 200px; overflow: hidden; contain: content; }
.frame { position: absolute; inset: 0; user-select: none; -webkit-user-select: none; }
canvas { position: absolute; inset: 0; width: 100%; height: 100%; display: block; outline: none; touch-action: pan-y; }
canvas:focus-visible { outline: 2px solid #3b82f6; outline-offset: -2px; }
.text-agent { position: absolute; left: 0; top: 0; width: 1px; height: 1px; opacity: 0; border: 0; padding: 0; font-size: 16px; pointer-events: none; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
`;

let lsSheet = null;
function lsStyleSheet() {
  if (!lsSheet) { lsSheet = new CSSStyleSheet(); lsSheet.replaceSync(LS_STYLE); }
  return lsSheet;
}

let lsWidgetCount = 0;

function lsBuildDom(parent) {
  const id = `landscape-${++lsWidgetCount}`;
  const host = document.createElement("div");
  host.style.width = "100%";
  host.style.height = "100%";
  host.style.position = "relative";
  const shadow = host.attachShadow({ mode: "open" });
  shadow.adoptedStyleSheets = [lsStyleSheet()];

  const frame = document.createElement("div");
  frame.className = "frame";

  const canvas = document.createElement("canvas");
  canvas.tabIndex = 0;
  canvas.setAttribute("role", "application");
  canvas.setAttribute("aria-roledescription", "interactive data explorer");
  canvas.setAttribute("aria-label", "Landscape data explorer");
  canvas.setAttribute("aria-describedby", `${id}-summary`);

  // A hidden text field takes typed text while ImGui edits a text box, so IME composition
  // (小红书) and mobile keyboards work; the canvas itself cannot receive composed text.
  const textAgent = document.createElement("input");
  textAgent.className = "text-agent";
  textAgent.type = "text";
  textAgent.tabIndex = -1;
  textAgent.setAttribute("aria-label", "Text entry for the data explorer");
  textAgent.autocomplete = "off";
  textAgent.spellcheck = false;

  // The accessible mirror: what the canvas shows, as HTML a screen reader can read.
  const mirror = document.createElement("section");
  mirror.className = "sr-only";
  mirror.setAttribute("aria-label", "Data shown in the explorer");
  const summary = document.createElement("p");
  summary.id = `${id}-summary`;
  const live = document.createElement("div");
  live.setAttribute("aria-live", "polite");
  live.setAttribute("role", "status");
  const table = document.createElement("table");
  mirror.append(summary, live, table);

  frame.append(canvas, textAgent);
  shadow.append(frame, mirror);
  parent.append(host);
  return { host, shadow, canvas, textAgent, mirror, summary, live, table };
}

// Rewrites the mirror table from {caption, columns, rows}. Text only: data never becomes HTML.
function lsRenderMirrorTable(table, mirror) {
  table.replaceChildren();
  const caption = document.createElement("caption");
  caption.textContent = mirror.caption || "";
  table.append(caption);
  const thead = document.createElement("thead");
  const headRow = document.createElement("tr");
  for (const column of mirror.columns || []) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = column;
    headRow.append(th);
  }
  thead.append(headRow);
  const tbody = document.createElement("tbody");
  for (const row of mirror.rows || []) {
    const tr = document.createElement("tr");
    row.forEach((cell, i) => {
      const td = document.createElement(i === 0 ? "th" : "td");
      if (i === 0) td.scope = "row";
      td.textContent = cell == null ? "" : String(cell);
      tr.append(td);
    });
    tbody.append(tr);
  }
  table.append(thead, tbody);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] The widget: createLandscape()
// ---------------------------------------------------------------------------------------------

async function createLandscape(parent, options = {}) {
  if (!parent || !parent.appendChild) throw lsError("createLandscape(parent, options): parent must be a DOM element");
  const dom = lsBuildDom(parent);
  const { host, canvas, textAgent } = dom;
  const listeners = new Map();          // event type -> Set of functions
  const cleanups = [];                  // undo functions run by destroy()
  const pendingEvents = [];             // delivered after the frame, never inside it
  let destroyed = false;
  let module = null;
  let loadController = null;
  let frameRequest = 0;
  let visible = true;
  let pageVisible = document.visibilityState !== "hidden";
  let cssWidth = 0, cssHeight = 0, dpr = window.devicePixelRatio || 1;
  let hasData = false;
  let dataTitle = "";
  let lastAnnounce = "";
  let lastFrameMs = 0;
  let lastHash = "";

  function listen(target, type, fn, opts) {
    target.addEventListener(type, fn, opts);
    cleanups.push(() => target.removeEventListener(type, fn, opts));
  }

  function emit(type, detail) {
    pendingEvents.push([type, detail]);
    if (pendingEvents.length === 1) setTimeout(flushEvents, 0);
  }
  function flushEvents() {
    const batch = pendingEvents.splice(0);
    for (const [type, detail] of batch) {
      for (const fn of [...(listeners.get(type) || [])]) {
        try { fn(detail); } catch (e) { console.error(e); }
      }
      if (options.onEvent) try { options.onEvent(type, detail); } catch (e) { console.error(e); }
    }
  }

  // The data download starts now, beside the wasm compile, not after it: load() picks it up.
  let earlyFetch = null;
  if (options.data == null && options.src) {
    const controller = new AbortController();
    const response = fetch(options.src, { ...(options.fetch || {}), signal: controller.signal });
    response.catch(() => {});   // load() reports the failure
    earlyFetch = { url: options.src, controller, response };
  }
  // Until the first data arrives (or a moment has passed) nothing is drawn: a "loading" frame
  // would cost a font atlas and shaders twice and delay the first frame that shows something.
  let quietStart = options.data != null || options.src ? lsNow() : 0;
  const QuietMs = 250;
  let quietTimer = 0;

  // --- the wasm instance --------------------------------------------------------------------
  const compiled = lsCompile();
  const moduleArgs = {
    canvas,
    print: () => {},
    printErr: (text) => console.warn("[landscape]", text),
    landscapeEmit: (type, json) => onWasmEvent(type, json),
    landscapeClipboard: (text) => { if (navigator.clipboard) navigator.clipboard.writeText(text).catch(() => {}); },
  };
  if (compiled) {
    const wasmModule = await compiled;
    moduleArgs.instantiateWasm = (imports, done) => {
      WebAssembly.instantiate(wasmModule, imports).then((instance) => done(instance, wasmModule));
      return {};
    };
  }
  try {
    module = await LandscapeCoreFactory(moduleArgs);
  } catch (e) {
    if (earlyFetch) earlyFetch.controller.abort();
    host.remove();
    throw lsError(`the widget could not start: ${e && e.message ? e.message : e}`);
  }

  const rect = host.getBoundingClientRect();
  cssWidth = Math.max(1, Math.round(rect.width));
  cssHeight = Math.max(1, Math.round(rect.height));
  setBackingStore();
  const themeQuery = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  const theme = options.theme || "auto";
  const wantDark = () => theme === "dark" || (theme === "auto" && themeQuery && themeQuery.matches);
  if (!module._ls_init(cssWidth, cssHeight, dpr, wantDark() ? 1 : 0)) {
    module._ls_destroy();
    if (earlyFetch) earlyFetch.controller.abort();
    host.remove();
    throw lsError("this browser cannot show the widget: WebGL2 is not available");
  }

  // Strings in and out of wasm memory.
  const encoder = new TextEncoder();
  function withString(text, fn) {
    if (typeof text !== "string") {   // the file's own bytes
      const ptr = module._malloc(text.length + 1);
      if (!ptr) throw lsError("out of memory");
      module.HEAPU8.set(text, ptr);
      module.HEAPU8[ptr + text.length] = 0;
      try { return fn(ptr, text.length); } finally { module._free(ptr); }
    }
    // Encoded straight into wasm memory (a data file can be tens of MB: no second copy). First
    // try room for mostly-ASCII text; UTF-8 never needs more than 3 bytes per UTF-16 unit.
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
  const readString = (ptr) => module.UTF8ToString(ptr);
  const readJson = (ptr) => { try { return JSON.parse(readString(ptr)); } catch { return {}; } };

  function onWasmEvent(type, json) {
    let detail = {};
    try { detail = JSON.parse(json); } catch { /* keep {} */ }
    if (type === "statechange" && options.hash) writeHash();
    if (type === "retry") { if (retryLast) setTimeout(() => retryLast(), 0); return; }
    emit(type, detail);
  }

  // --- sizing --------------------------------------------------------------------------------
  function setBackingStore() {
    const w = Math.max(1, Math.round(cssWidth * dpr));
    const h = Math.max(1, Math.round(cssHeight * dpr));
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
  }
  function onResize() {
    if (destroyed) return;
    const r = host.getBoundingClientRect();
    const newDpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(r.width)), h = Math.max(1, Math.round(r.height));
    if (w === cssWidth && h === cssHeight && newDpr === dpr) return;
    cssWidth = w; cssHeight = h; dpr = newDpr;
    setBackingStore();
    module._ls_resize(cssWidth, cssHeight, dpr);
    requestFrame();
  }
  const resizeObserver = new ResizeObserver(onResize);
  resizeObserver.observe(host);
  cleanups.push(() => resizeObserver.disconnect());
  // devicePixelRatio changes (browser zoom, moving to another screen) re-rasterise the fonts.
  let dprQuery = null;
  const onDprChange = () => { watchDpr(); onResize(); };
  function watchDpr() {
    if (dprQuery) dprQuery.removeEventListener("change", onDprChange);
    dprQuery = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    dprQuery.addEventListener("change", onDprChange);
  }
  watchDpr();
  cleanups.push(() => dprQuery && dprQuery.removeEventListener("change", onDprChange));

  // --- visibility: nothing runs off-screen or in a hidden tab --------------------------------
  const intersection = new IntersectionObserver((entries) => {
    visible = entries[entries.length - 1].isIntersecting;
    if (visible) { module._ls_wake(lsNow()); requestFrame(); }
  });
  intersection.observe(host);
  cleanups.push(() => intersection.disconnect());
  listen(document, "visibilitychange", () => {
    pageVisible = document.visibilityState !== "hidden";
    if (pageVisible) { module._ls_wake(lsNow()); requestFrame(); }
  });
  if (themeQuery && theme === "auto") {
    listen(themeQuery, "change", () => { module._ls_set_theme(wantDark() ? 1 : 0, lsNow()); requestFrame(); });
  }

  // --- WebGL context loss ----------------------------------------------------------------------
  listen(canvas, "webglcontextlost", (e) => { e.preventDefault(); module._ls_context_lost(); });
  listen(canvas, "webglcontextrestored", () => { module._ls_context_restored(); requestFrame(); });

  // ---------------------------------------------------------------------------------------------
  // [SECTION] Input scoped to the canvas
  // ---------------------------------------------------------------------------------------------
  const pointers = new Map();   // active touch pointers, for pinch
  let pinchDistance = 0;
  const localPos = (e) => { const r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
  const sourceOf = (e) => (e.pointerType === "touch" ? 1 : e.pointerType === "pen" ? 2 : 0);
  const buttonOf = (e) => (e.button === 2 ? 1 : e.button === 1 ? 2 : e.button === 0 ? 0 : -1);

  listen(canvas, "pointerdown", (e) => {
    const [x, y] = localPos(e);
    if (document.activeElement !== host || dom.shadow.activeElement !== canvas) canvas.focus({ preventScroll: true });
    if (e.pointerType === "touch") {
      pointers.set(e.pointerId, [x, y]);
      if (pointers.size === 2) { pinchDistance = touchDistance(); return; }
      if (pointers.size > 2) return;
    }
    canvas.setPointerCapture(e.pointerId);
    module._ls_pointer_move(x, y, sourceOf(e), lsNow());   // position first: a tap clicks where it lands
    const b = buttonOf(e);
    if (b >= 0) module._ls_pointer_button(b, 1, lsNow());
    requestFrame();
  });
  listen(canvas, "pointermove", (e) => {
    const [x, y] = localPos(e);
    if (e.pointerType === "touch" && pointers.has(e.pointerId)) {
      pointers.set(e.pointerId, [x, y]);
      if (pointers.size === 2) {
        const d = touchDistance();
        if (pinchDistance > 0 && d > 0) {
          const [cx, cy] = touchCentre();
          module._ls_pinch(cx, cy, d / pinchDistance, lsNow());
        }
        pinchDistance = d;
        requestFrame();
        return;
      }
    }
    module._ls_pointer_move(x, y, sourceOf(e), lsNow());
    requestFrame();
  });
  const pointerEnd = (e) => {
    const wasPinch = pointers.size >= 2;
    pointers.delete(e.pointerId);
    if (wasPinch) { pinchDistance = 0; return; }
    const [x, y] = localPos(e);
    module._ls_pointer_move(x, y, sourceOf(e), lsNow());
    const b = buttonOf(e);
    if (b >= 0) module._ls_pointer_button(b, 0, lsNow());
    if (e.pointerType === "touch") module._ls_pointer_leave(lsNow());   // a lifted finger hovers nothing
    requestFrame();
  };
  listen(canvas, "pointerup", pointerEnd);
  listen(canvas, "pointercancel", pointerEnd);
  listen(canvas, "pointerleave", (e) => { if (e.pointerType !== "touch") { module._ls_pointer_leave(lsNow()); requestFrame(); } });
  listen(canvas, "contextmenu", (e) => e.preventDefault());
  // Nothing in the widget is draggable, and a drop onto it must not navigate the host page away
  // (Chromium opens whatever is dropped on a page: a random drag in the monkey test did that).
  for (const el of [canvas, textAgent]) {
    listen(el, "dragstart", (e) => e.preventDefault());
    listen(el, "dragover", (e) => e.preventDefault());
    listen(el, "drop", (e) => e.preventDefault());
  }
  function touchDistance() { const [a, b] = [...pointers.values()]; return Math.hypot(a[0] - b[0], a[1] - b[1]); }
  function touchCentre() { const [a, b] = [...pointers.values()]; return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]; }

  // Wheel: normalised to notches (pixels /100, lines /3, pages x1); the page keeps scrolling
  // unless the pointer is over something in the widget that scrolls or zooms.
  listen(canvas, "wheel", (e) => {
    const [x, y] = localPos(e);
    module._ls_pointer_move(x, y, 0, lsNow());
    if (!module._ls_wants_wheel(x, y)) return;
    e.preventDefault();
    const scale = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 1 : 1 / 100;
    module._ls_wheel(-e.deltaX * scale, -e.deltaY * scale, lsNow());
    requestFrame();
  }, { passive: false });

  // Keys only while the widget has focus (the listeners sit on its own elements).
  const onKey = (down) => (e) => {
    if (e.isComposing || e.keyCode === 229) return;   // the IME owns these keys
    const used = withString(e.code || e.key || "", (ptr) =>
      module._ls_key(ptr, down ? 1 : 0, e.ctrlKey ? 1 : 0, e.shiftKey ? 1 : 0, e.altKey ? 1 : 0, e.metaKey ? 1 : 0, lsNow()));
    // Printable characters typed on the canvas itself (the text agent reports its own).
    if (down && e.target === canvas && e.key && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      withString(e.key, (ptr) => module._ls_text(ptr, lsNow()));
    }
    if (used) e.preventDefault();
    requestFrame();
  };
  listen(canvas, "keydown", onKey(true));
  listen(canvas, "keyup", onKey(false));
  listen(textAgent, "keydown", onKey(true));
  listen(textAgent, "keyup", onKey(false));
  listen(textAgent, "input", (e) => {
    if (e.isComposing) return;
    if (e.data) withString(e.data, (ptr) => module._ls_text(ptr, lsNow()));
    textAgent.value = "";
    requestFrame();
  });
  listen(textAgent, "compositionend", (e) => {
    if (e.data) withString(e.data, (ptr) => module._ls_text(ptr, lsNow()));
    textAgent.value = "";
    requestFrame();
  });
  const onPaste = (e) => {
    const text = e.clipboardData ? e.clipboardData.getData("text/plain") : "";
    if (!text) return;
    e.preventDefault();
    withString(text, (ptr) => module._ls_text(ptr, lsNow()));
    requestFrame();
  };
  listen(canvas, "paste", onPaste);
  listen(textAgent, "paste", onPaste);
  const onFocus = (focused) => () => {
    // Focus moving between the canvas and the text agent is still focus inside the widget.
    setTimeout(() => {
      if (destroyed) return;
      const inside = dom.shadow.activeElement === canvas || dom.shadow.activeElement === textAgent;
      module._ls_focus(inside ? 1 : 0, lsNow());
      requestFrame();
    }, 0);
  };
  listen(canvas, "focus", onFocus(true));
  listen(canvas, "blur", onFocus(false));
  listen(textAgent, "blur", onFocus(false));

  // ---------------------------------------------------------------------------------------------
  // [SECTION] Rendering on demand
  // ---------------------------------------------------------------------------------------------
  function requestFrame() {
    if (destroyed || frameRequest || !visible || !pageVisible) return;
    if (quietStart) {
      const left = QuietMs - (lsNow() - quietStart);
      if (left > 0) { if (!quietTimer) quietTimer = setTimeout(endQuiet, left); return; }
      quietStart = 0;
    }
    frameRequest = requestAnimationFrame(renderFrame);
  }
  function endQuiet() {
    clearTimeout(quietTimer);
    quietTimer = 0;
    if (!quietStart) return;
    quietStart = 0;
    requestFrame();
  }
  const frameWaiters = [];   // nextFrame() promises, resolved after the next rendered frame
  function renderFrame(now) {
    frameRequest = 0;
    if (destroyed) return;
    const start = lsNow();
    const more = module._ls_frame(now);
    lastFrameMs = lsNow() - start;
    afterFrame();
    for (const resolve of frameWaiters.splice(0)) resolve();
    if (more) requestFrame();
  }
  function afterFrame() {
    // Text editing: the hidden input takes the keyboard so IME and mobile keyboards work.
    const wantsText = module._ls_wants_text_input();
    const active = dom.shadow.activeElement;
    if (wantsText && active === canvas) textAgent.focus({ preventScroll: true });
    else if (!wantsText && active === textAgent) canvas.focus({ preventScroll: true });
    updateMirror();
  }
  let lastMirrorVersion = -1;
  function updateMirror() {
    const version = module._ls_mirror_version();
    if (version === lastMirrorVersion) return;
    lastMirrorVersion = version;
    const json = readString(module._ls_mirror());
    let m = {};
    try { m = JSON.parse(json); } catch { return; }
    dom.summary.textContent = m.summary || "";
    canvas.setAttribute("aria-label", m.label || "Landscape data explorer");
    lsRenderMirrorTable(dom.table, m);
    if (m.announce && m.announce !== lastAnnounce) {
      lastAnnounce = m.announce;
      dom.live.textContent = m.announce;
    }
  }

  // --- state and hash ---------------------------------------------------------------------------
  function writeHash() {
    const hash = readString(module._ls_get_hash());
    if (hash && hash !== lastHash) {
      lastHash = hash;
      history.replaceState(history.state, "", `#${hash}`);
    }
  }
  function readHash() {
    const hash = decodeURIComponent(location.hash.replace(/^#/, ""));
    if (!hash || hash === lastHash) return;
    lastHash = hash;
    withString(location.hash.replace(/^#/, ""), (ptr) => module._ls_set_hash(ptr, lsNow()));
    requestFrame();
  }
  if (options.hash) listen(window, "hashchange", readHash);

  // ---------------------------------------------------------------------------------------------
  // [SECTION] Loading data: fetch, progress, errors
  // ---------------------------------------------------------------------------------------------
  function setStatus(status) {
    withString(JSON.stringify(status), (ptr) => module._ls_set_status(ptr, lsNow()));
    requestFrame();
  }

  function fail(error) {
    endQuiet();
    setStatus({ state: "error", message: error.message, problems: (error.problems || []).slice(0, 20), retry: !!error.retry });
    emit("error", lsErrorPayload(error));
    throw error;
  }

  async function setData(data) {
    if (destroyed) throw lsError("the widget was destroyed");
    let text;
    if (typeof data === "string" || data instanceof Uint8Array) text = data;
    else if (data instanceof ArrayBuffer) text = new Uint8Array(data);
    else if (data && typeof data === "object") {
      try { text = JSON.stringify(data); } catch (e) { return fail(lsError(`the data object cannot be serialised: ${e.message}`)); }
    } else return fail(lsError("setData() takes a JSON text or an object"));
    // Loading emits statechange, which rewrites location.hash: keep the shared link to apply it.
    const sharedHash = options.hash ? location.hash : "";
    const ok = withString(text, (ptr, len) => module._ls_set_data(ptr, len, lsNow()));
    if (sharedHash && location.hash !== sharedHash) history.replaceState(history.state, "", sharedHash);
    const result = readJson(module._ls_last_result());
    if (!ok) return fail(lsError(result.message || "the data file was refused", result.problems || []));
    hasData = true;
    endQuiet();
    dataTitle = result.title || "";
    rasteriseMissingGlyphs();
    if (options.hash && location.hash) { lastHash = ""; readHash(); }
    setStatus({ state: "ok" });
    await nextFrame();
    emit("load", { title: result.title, observations: result.observations });
    return { title: result.title, observations: result.observations };
  }

  // Fetch with the host's options (credentials, headers), progress, abort on destroy, timeout.
  async function load(url, fetchInit = options.fetch || {}, early = null) {
    if (destroyed) throw lsError("the widget was destroyed");
    if (loadController) loadController.abort();
    if (earlyFetch && early !== earlyFetch) earlyFetch.controller.abort();   // superseded
    earlyFetch = null;
    const controller = early ? early.controller : new AbortController();
    loadController = controller;
    const timeoutMs = options.timeout || 60000;
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
    const retry = () => load(url, fetchInit).catch(() => {});
    retryLast = retry;
    setStatus({ state: "loading", loaded: 0, total: 0 });
    let text;
    try {
      const response = await (early ? early.response : fetch(url, { ...fetchInit, signal: controller.signal }));
      if (!response.ok) {
        throw lsError(`the data file could not be fetched: the server answered ${response.status} ${response.statusText || ""}`.trim(),
          [], { status: response.status, kind: "http", retry: true });
      }
      const total = Number(response.headers.get("content-length")) || 0;
      // The bytes as sent: the loader itself reports invalid UTF-8, UTF-16 and NUL bytes.
      text = await readBody(response, total, controller);
      const type = response.headers.get("content-type") || "";
      if (/text\/html/i.test(type) || /^\s*</.test(new TextDecoder().decode(text.subarray(0, 256)))) {
        throw lsError("the server sent an HTML page instead of the data file (a login or error page?)", [], { kind: "html", retry: true });
      }
      if (total && text.length < total) {
        throw lsError(`the data file arrived incomplete (${text.length} of ${total} bytes)`, [], { kind: "truncated", retry: true });
      }
    } catch (e) {
      clearTimeout(timer);
      if (loadController === controller) loadController = null;
      if (destroyed) throw lsError("loading was cancelled: the widget was destroyed", [], { kind: "aborted" });
      // Replaced by a newer load(): that one owns the status line and the events.
      if (loadController !== controller && loadController) throw lsError("loading was replaced by a newer load()", [], { kind: "aborted" });
      if (e.name === "AbortError") {
        return fail(timedOut
          ? lsError(`the data file did not arrive within ${Math.round(timeoutMs / 1000)} s`, [], { kind: "timeout", retry: true })
          : lsError("loading was cancelled", [], { kind: "aborted" }));
      }
      if (e.problems) return fail(e);
      return fail(lsError(`the data file could not be fetched: ${e.message} (offline, or blocked by the browser?)`, [], { kind: "network", retry: true }));
    }
    clearTimeout(timer);
    if (loadController === controller) loadController = null;
    return setData(text);
  }
  let retryLast = null;

  async function readBody(response, total, controller) {
    if (!response.body || !response.body.getReader) return new Uint8Array(await response.arrayBuffer());
    const reader = response.body.getReader();
    const parts = [];
    let loaded = 0, lastReport = 0;
    for (;;) {
      let chunk;
      try { chunk = await reader.read(); } catch (e) {
        // The connection dropped mid-body (Chromium: ERR_CONTENT_LENGTH_MISMATCH, a TypeError).
        if (e.name === "AbortError" || !loaded) throw e;
        throw lsError(`the data file arrived incomplete (${loaded}${total ? ` of ${total}` : ""} bytes, then the connection dropped)`, [], { kind: "truncated", retry: true });
      }
      const { done, value } = chunk;
      if (done) break;
      loaded += value.length;
      parts.push(value);
      if (lsNow() - lastReport > 100) {
        lastReport = lsNow();
        emit("progress", { loaded, total });
        setStatus({ state: "loading", loaded, total });
      }
      if (controller.signal.aborted) break;
    }
    emit("progress", { loaded, total });
    const bytes = new Uint8Array(loaded);
    let at = 0;
    for (const part of parts) { bytes.set(part, at); at += part.length; }
    return bytes;
  }

  // Characters no bundled font has (a data file loaded at run time, in any script): the browser
  // rasterises them and the widget adds them to its font atlas.
  function rasteriseMissingGlyphs() {
    const request = readJson(module._ls_missing_glyphs());
    const chars = [...(request.chars || "")];
    if (!chars.length) return;
    const px = Math.max(8, Math.round(request.px || 16));
    const c = document.createElement("canvas");
    const ctx = c.getContext("2d", { willReadFrequently: true });
    const family = 'system-ui, "Noto Sans", "Noto Sans Arabic", "Noto Sans Devanagari", "Noto Sans CJK SC", sans-serif';
    for (const ch of chars) {
      // A combining mark alone would be drawn on a dotted circle: draw it on a no-break space and
      // keep only the mark's part (ImGui does not shape text; the letters must at least appear).
      const isMark = /\p{M}/u.test(ch);
      const prefix = isMark ? "\u00A0" : "";
      ctx.font = `${px}px ${family}`;
      const prefixW = isMark ? ctx.measureText(prefix).width : 0;
      const fullW = ctx.measureText(prefix + ch).width;
      const advance = Math.max(0, Math.ceil(fullW - prefixW));
      const full = Math.max(1, Math.ceil(fullW) + 2), h = Math.ceil(px * 1.3);
      c.width = full; c.height = h;
      ctx.font = `${px}px ${family}`;
      ctx.clearRect(0, 0, full, h);
      ctx.fillStyle = "#fff";
      ctx.textBaseline = "alphabetic";
      ctx.fillText(prefix + ch, 1, Math.round(px * 1.0));
      const skip = Math.floor(prefixW);
      const w = Math.max(1, full - skip);
      const rgba = ctx.getImageData(skip, 0, w, h).data;
      const alpha = new Uint8Array(w * h);
      let ink = 0;
      for (let i = 0; i < w * h; i++) { alpha[i] = rgba[i * 4 + 3]; ink += alpha[i]; }
      if (!ink && ch.trim()) continue;   // no font of this browser has it: stats().missingGlyphs counts it
      const ptr = module._malloc(alpha.length);
      module.HEAPU8.set(alpha, ptr);
      module._ls_add_glyph(ch.codePointAt(0), w, h, advance, ptr);
      module._free(ptr);
    }
    requestFrame();
  }

  // Resolves once a frame has been drawn (not when the widget is idle: a frame that settles the
  // layout after input may follow, but the first one already shows everything, see ls_frame).
  function nextFrame() {
    if (destroyed || !visible || !pageVisible) return Promise.resolve();
    return new Promise((resolve) => {
      frameWaiters.push(resolve);
      requestFrame();
    });
  }

  // ---------------------------------------------------------------------------------------------
  // [SECTION] Exports
  // ---------------------------------------------------------------------------------------------
  function exportCSV() { return readString(module._ls_export_csv()); }

  async function exportPNG() {
    // Render once at 2x, copy the pixels, restore; then add a footer with title, sources, licence.
    const saved = dpr;
    dpr = 2;
    setBackingStore();
    module._ls_resize(cssWidth, cssHeight, 2);
    module._ls_frame(lsNow());
    module._ls_frame(lsNow());   // the second frame draws with the re-rasterised fonts
    const footer = readJson(module._ls_export_footer());
    const lines = [footer.title, footer.sources, footer.license].filter(Boolean);
    const out = document.createElement("canvas");
    const lineHeight = 30;
    out.width = canvas.width;
    out.height = canvas.height + 20 + lines.length * lineHeight;
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    ctx.fillStyle = "#1f2937";
    ctx.font = "22px system-ui, sans-serif";
    lines.forEach((line, i) => ctx.fillText(line, 16, canvas.height + 10 + (i + 1) * lineHeight - 8, out.width - 32));
    dpr = saved;
    setBackingStore();
    module._ls_resize(cssWidth, cssHeight, dpr);
    requestFrame();
    return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(lsError("PNG export failed"))), "image/png"));
  }

  function stats() {
    const s = readJson(module._ls_stats());
    return {
      framesRendered: s.framesRendered || 0,
      lastFrameMs: s.frameCpuMs != null ? s.frameCpuMs : lastFrameMs,
      heapBytes: module.HEAPU8.length,
      observations: s.observations || 0,
      missingGlyphs: s.missingGlyphs || 0,
      rasterisedGlyphs: s.rasterisedGlyphs || 0,
      residentBytes: s.residentBytes || 0,   // the loaded data's own bytes inside the wasm heap
    };
  }

  function destroy() {
    if (destroyed) return;
    destroyed = true;
    if (loadController) loadController.abort();
    if (earlyFetch) earlyFetch.controller.abort();
    clearTimeout(quietTimer);
    for (const resolve of frameWaiters.splice(0)) resolve();
    if (frameRequest) cancelAnimationFrame(frameRequest);
    frameRequest = 0;
    for (const undo of cleanups.splice(0).reverse()) undo();
    listeners.clear();
    pendingEvents.length = 0;
    try { module._ls_destroy(); } catch { /* already gone */ }
    const gl = canvas.getContext("webgl2");
    const lose = gl && gl.getExtension("WEBGL_lose_context");
    if (lose) lose.loseContext();
    host.remove();
    module = null;
  }

  const handle = {
    load: (url, fetchInit) => load(url, fetchInit),
    setData,
    getState: () => readJson(module._ls_get_state()),
    setState: (partial) => {
      if (destroyed) return false;
      const ok = withString(JSON.stringify(partial || {}), (ptr) => module._ls_set_state(ptr, lsNow()));
      requestFrame();
      return !!ok;
    },
    on(type, fn) { if (!listeners.has(type)) listeners.set(type, new Set()); listeners.get(type).add(fn); return handle; },
    off(type, fn) { const set = listeners.get(type); if (set) set.delete(fn); return handle; },
    exportCSV,
    exportPNG,
    stats,
    destroy,
    retry: () => (retryLast ? retryLast() : Promise.resolve()),
    requestRedraw: requestFrame,
    // For benchmarks and monitoring: renders n frames now (the pointer wiggling, so none is
    // skipped) and returns the mean time per frame in ms. Timed as one batch: browsers coarsen
    // performance.now() to 0.1 ms, the size of a whole frame here.
    measureFrames(n = 10) {
      const start = lsNow();
      for (let i = 0; i < n; i++) {
        module._ls_pointer_move(cssWidth / 2 + (i % 2), cssHeight / 2, 0, lsNow());
        module._ls_frame(lsNow());
      }
      return (lsNow() - start) / n;
    },
    get element() { return host; },
  };

  if (options.state) handle.setState(options.state);
  requestFrame();

  try {
    if (options.data != null) await setData(options.data);
    else if (options.src) await load(options.src, options.fetch, earlyFetch);
    else await nextFrame();
  } catch (e) {
    // The contract: createLandscape rejects if it cannot reach a first frame with data.
    destroy();
    throw e;
  }
  emit("ready", { title: hasData ? dataTitle : "" });
  // What happened while starting (the first load, ready) is delivered now, to options.onEvent:
  // listeners added with on() once the promise has resolved hear only what comes after.
  flushEvents();
  return handle;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Custom element <social-landscape>
// ---------------------------------------------------------------------------------------------

function lsDefineElement() {
  if (typeof customElements === "undefined" || customElements.get("social-landscape")) return;
  class SocialLandscape extends HTMLElement {
    static get observedAttributes() { return ["src", "view", "metric", "theme", "hash"]; }
    constructor() { super(); this.widget = null; this._starting = null; }
    connectedCallback() {
      if (this._starting || this.widget) return;
      if (!this.style.display) this.style.display = "block";
      const state = {};
      for (const key of ["view", "metric", "period"]) if (this.hasAttribute(key)) state[key] = this.getAttribute(key);
      const options = {
        src: this.getAttribute("src") || undefined,
        theme: this.getAttribute("theme") || "light",
        hash: this.hasAttribute("hash") && this.getAttribute("hash") !== "false",
        state,
        onEvent: (type, detail) => {
          if (type === "select" || type === "error" || type === "statechange" || type === "load") {
            this.dispatchEvent(new CustomEvent(`landscape-${type}`, { detail, bubbles: true, composed: true }));
          }
        },
      };
      this._starting = createLandscape(this, options).then((w) => {
        this.widget = w;
        this._starting = null;
        if (!this.isConnected) { w.destroy(); this.widget = null; return; }
        this.dispatchEvent(new CustomEvent("landscape-ready", { detail: { widget: w }, bubbles: true, composed: true }));
      }, (error) => {
        this._starting = null;
        this.dispatchEvent(new CustomEvent("landscape-error", { detail: lsErrorPayload(error), bubbles: true, composed: true }));
      });
    }
    disconnectedCallback() {
      if (this.widget) { this.widget.destroy(); this.widget = null; }
    }
    attributeChangedCallback(name, oldValue, value) {
      if (!this.widget || oldValue === value) return;
      if (name === "src" && value) this.widget.load(value).catch(() => {});
      else if (name === "view" || name === "metric") this.widget.setState({ [name]: value });
    }
  }
  customElements.define("social-landscape", SocialLandscape);
}
lsDefineElement();
