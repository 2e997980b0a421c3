// The widget: createLandscape(parent, options) and the handle it resolves to (docs/embedding.md). The
// widget's state is one object, `w` below, handed to the small modules that each do one job;
// this file wires them together and keeps the start-up order the contract promises: the first
// frame with data is on screen when the promise resolves, and what happened while starting
// (warnings, the first load, ready) is delivered to options.onEvent before it resolves.
//
// Index
//  [SECTION] The widget's state
//  [SECTION] createLandscape()
//  [SECTION] The handle
//  [SECTION] setState and its problems

import { startCore } from "./core.js";
import { lsError } from "./errors.js";
import { listen, emit, flushEvents, addListener, removeListener } from "./events.js";
import { buildDom } from "./dom.js";
import { requestFrame, nextFrame, stopFrames, measure, watchSize, watchVisibility, wantsDark } from "./frames.js";
import { watchInput } from "./input.js";
import { readHash, writeHash } from "./hash.js";
import { setData } from "./data.js";
import { rasteriseGlyphs } from "./glyphs.js";
import { startEarlyFetch, load, abortLoads } from "./fetching.js";
import { exportCSV, exportPNG, stats } from "./exports.js";
import { problem, checkOptions, stateJson, underKey, isPlainObject } from "./problems.js";

// ---------------------------------------------------------------------------------------------
// [SECTION] The widget's state
// ---------------------------------------------------------------------------------------------

function newWidget(parent, options) {
  const waitsForData = options.data != null || !!options.src;
  return {
    options,                  // the usable options (problems.js left out the others)
    dom: buildDom(parent),    // host, shadow, canvas, textAgent, summary, live, table
    core: null,               // core.js's wrappers of the wasm instance; null once destroyed
    destroyed: false,
    listeners: new Map(),     // event type -> Set of the host's functions
    pendingEvents: [],        // [type, detail], delivered after the frame (events.js)
    cleanups: [],             // undo functions run by destroy()
    size: { width: 0, height: 0, dpr: window.devicePixelRatio || 1 },   // CSS pixels
    visible: true,            // on screen (IntersectionObserver)
    pageVisible: document.visibilityState !== "hidden",
    theme: { name: options.theme || "auto", query: window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null },
    frame: { request: 0, waiters: [], quietStart: waitsForData ? performance.now() : 0, quietTimer: 0, lastMs: 0 },
    data: { loaded: false, title: "" },
    loading: { current: null, early: null, retry: null },   // the load feeding the wasm (data.js), the start-up fetch, Retry
    mirror: { version: -1, announce: "" },
    hash: { last: "", foreign: false }, // the hash last written or read (neither echoes the other); foreign: the page's own anchor
    startProblems: [],        // a warning delivered once start-up is over; null afterwards
    stateBeforeData: null,    // { reported, prefix } of a setState before the data (data.js)
  };
}

// ---------------------------------------------------------------------------------------------
// [SECTION] createLandscape()
// ---------------------------------------------------------------------------------------------

export async function createLandscape(parent, options) {
  if (!parent || !parent.appendChild) throw lsError("createLandscape(parent, options): parent must be a DOM element");
  const { options: usable, problems, element } = checkOptions(options);
  const w = newWidget(parent, usable);
  w.startProblems.push(...(element ? element.problems : []), ...problems);
  startEarlyFetch(w);

  try {
    w.core = await startCore(w.dom.canvas, (type, json) => onWasmEvent(w, type, json), { wholeAtOnce: firstViewIsNotMap(w.options) });
  } catch (e) {
    abortLoads(w);
    w.dom.host.remove();
    throw e;
  }
  measure(w);
  if (!w.core.init(w.size.width, w.size.height, w.size.dpr, wantsDark(w))) {
    w.core.destroy();
    abortLoads(w);
    w.dom.host.remove();
    throw lsError("this browser cannot show the widget: WebGL2 is not available");
  }
  watchSize(w);
  watchVisibility(w);
  watchInput(w);
  if (w.options.hash) listen(w, window, "hashchange", () => readHash(w));

  const handle = makeHandle(w);
  // The initial state applies before the data arrives, so the first frame shows it; its ids are
  // checked when the data is there (data.js), and the start-up warning waits for that verdict.
  try {
    if (w.options.state) w.startProblems.push(...applyState(w, w.options.state, element ? "" : "state"));
    requestFrame(w);
    if (w.options.data != null) await setData(w, w.options.data);
    else if (w.options.src) await load(w, w.options.src, w.options.fetch, w.loading.early);
    else await nextFrame(w);
    // A mark in the page's performance timeline (User Timing), for hosts and ./landscape bench:
    // the first frame with data is on screen, before the rest of the wasm arrives.
    performance.mark("landscape:first-frame");
    // The first frame is on screen; the rest of the wasm (deferred.js) is
    // fetched now and installed before the promise resolves, so no later call waits for it.
    await w.core.installDeferred();
  } catch (e) {
    // The contract: createLandscape rejects if it cannot reach a first frame with data.
    destroy(w);
    throw e;
  }
  if (w.startProblems.length) emit(w, "warning", { problems: w.startProblems });
  w.startProblems = null;
  emit(w, "ready", { title: w.data.loaded ? w.data.title : "" });
  // What happened while starting is delivered now, to options.onEvent: listeners added with
  // on() once the promise has resolved hear only what comes after.
  flushEvents(w);
  return handle;
}

// The map's first frame needs only the wasm's first part; any other first view needs the rest
// at once (fetched beside the first part, not after the first frame). The hash's grammar is the
// wasm's (`#ls1:view=trend&…`); this only peeks at the view for that timing: the fallback in
// core.js keeps any other case correct.
function firstViewIsNotMap(options) {
  let view;
  try { view = isPlainObject(options.state) ? options.state.view : undefined; } catch { /* a throwing getter: applyState reports it */ }
  if (typeof view === "string" && view !== "map") return true;
  return !!options.hash && /^#ls1:(?:.*&)?view=(?!map(?:&|$))/.test(window.location.hash);
}

// What the wasm emits (statechange, select, retry from the error panel's button, ...).
function onWasmEvent(w, type, json) {
  let detail = {};
  try { detail = JSON.parse(json); } catch { /* keep {} */ }
  if (type === "statechange" && w.options.hash) writeHash(w);
  if (type === "retry") { if (w.loading.retry) setTimeout(() => w.loading.retry(), 0); return; }
  // A frame drew text the atlas has no glyphs for (glyphs.js): the frame loop makes them and draws
  // again; outside a frame (layout()), after this call.
  if (type === "glyphs") {
    if (w.frame.inFrame) w.frame.glyphsAsked = true;
    else queueMicrotask(() => rasteriseGlyphs(w));
    return;
  }
  emit(w, type, detail);
}

function destroy(w) {
  if (w.destroyed) return;
  w.destroyed = true;
  abortLoads(w);
  stopFrames(w);
  for (const undo of w.cleanups.splice(0).reverse()) undo();
  w.listeners.clear();
  w.pendingEvents.length = 0;
  try { w.core.destroy(); } catch { /* already gone */ }
  // Give the GL context back now rather than at garbage collection: browsers cap live contexts.
  const gl = w.dom.canvas.getContext("webgl2");
  const lose = gl && gl.getExtension("WEBGL_lose_context");
  if (lose) lose.loseContext();
  w.dom.host.remove();
  w.core = null;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] The handle
// ---------------------------------------------------------------------------------------------

function makeHandle(w) {
  // Reading a destroyed widget is a mistake in the host's code: say so plainly.
  const alive = () => { if (w.destroyed) throw lsError("the widget was destroyed"); };
  const handle = {
    load: (url, fetchInit) => load(w, url, fetchInit),
    setData: (data) => setData(w, data),
    getState: () => { alive(); return w.core.getState(); },
    setState: (partial) => setState(w, partial),
    on(type, fn) { addListener(w, type, fn); return handle; },
    off(type, fn) { removeListener(w, type, fn); return handle; },
    exportCSV: () => { alive(); return exportCSV(w); },
    exportPNG: () => (w.destroyed ? Promise.reject(lsError("the widget was destroyed")) : exportPNG(w)),
    stats: () => { alive(); return stats(w); },
    // A testing aid: what the last frame drew that a person reads or operates (docs/embedding.md).
    layout: () => { alive(); return w.core.layout(); },
    destroy: () => destroy(w),
    retry: () => (w.loading.retry ? w.loading.retry() : Promise.resolve()),
    requestRedraw: () => requestFrame(w),
    // For benchmarks and monitoring: renders n frames now (the pointer wiggling, so none is
    // skipped) and returns the mean time per frame in ms. Timed as one batch: browsers coarsen
    // performance.now() to 0.1 ms, the size of a whole frame here.
    measureFrames(n = 10) {
      alive();
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        w.core.pointerMove(w.size.width / 2 + (i % 2), w.size.height / 2, 0);
        w.core.frame();
      }
      return (performance.now() - start) / n;
    },
    get element() { return w.dom.host; },
  };
  return handle;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] setState and its problems
// ---------------------------------------------------------------------------------------------

// Applies what is valid; returns the problems (empty: everything applied) and fires `warning`
// with them. Never throws: a host's typo must not break its page.
function setState(w, partial) {
  if (w.destroyed) return [problem("", partial, "the widget was destroyed")];
  const problems = applyState(w, partial);
  if (problems.length) emit(w, "warning", { problems });
  return problems;
}

// JavaScript judges the shape (problems.js); the wasm judges names, ids and periods. Problems
// are keyed under `prefix` ("state" for the options: "state.view").
function applyState(w, partial, prefix = "") {
  const { text, problems } = stateJson(partial);
  if (text === null) return underKey(problems, prefix);
  const parsed = w.core.setState(text);
  const found = w.core.stateProblems();
  if (found) problems.push(...found);
  if (!parsed && !problems.length) problems.push(problem("", partial, "the state was not understood"));
  // Without data the wasm cannot check ids and periods yet: it adds its verdict on load.
  if (!w.data.loaded && found) w.stateBeforeData = parsed ? { reported: found.length, prefix } : null;
  requestFrame(w);
  return underKey(problems, prefix);
}
