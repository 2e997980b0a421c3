// Frames: rendering on demand, sizing, and when the widget may draw at all. Nothing renders while
// nothing changes (the wasm's ls_frame says whether it wants another), off-screen or in a hidden
// tab; the backing store follows the element's size and the screen's pixel ratio.
//
// Index
//  [SECTION] Rendering on demand
//  [SECTION] Sizing
//  [SECTION] Visibility, theme and the WebGL context

import { listen } from "./events.js";
import { rasteriseGlyphs } from "./glyphs.js";
import { updateMirror } from "./mirror.js";

// Until the first data arrives (or this long has passed) nothing is drawn: a "loading" frame
// would cost a font atlas and shaders twice and delay the first frame that shows something.
const QuietMs = 250;

// ---------------------------------------------------------------------------------------------
// [SECTION] Rendering on demand
// ---------------------------------------------------------------------------------------------

export function requestFrame(w) {
  const f = w.frame;
  if (w.destroyed || f.request || !w.visible || !w.pageVisible) return;
  if (f.quietStart) {
    const left = QuietMs - (performance.now() - f.quietStart);
    if (left > 0) { if (!f.quietTimer) f.quietTimer = setTimeout(() => endQuiet(w), left); return; }
    f.quietStart = 0;
  }
  f.request = requestAnimationFrame((at) => renderFrame(w, at));
}

// The data is there (or failed): draw now instead of waiting out the quiet start.
export function endQuiet(w) {
  const f = w.frame;
  clearTimeout(f.quietTimer);
  f.quietTimer = 0;
  if (!f.quietStart) return;
  f.quietStart = 0;
  requestFrame(w);
}

function renderFrame(w, at) {
  const f = w.frame;
  f.request = 0;
  if (w.destroyed) return;
  const start = performance.now();
  f.inFrame = true;
  let more = w.core.frame(at);
  // A frame that drew text without its glyphs asked for them ("glyphs", glyphs.js) and was not
  // drawn: they are made now and the frame drawn again, in this animation frame, so the screen
  // never shows it. Making them can reveal more (a shaped name cut to fit is a new run): a few
  // rounds, then the rest waits for the next animation frame.
  for (let round = 0; f.glyphsAsked && round < 3 && !w.destroyed; round++) {
    f.glyphsAsked = false;
    rasteriseGlyphs(w, { frame: false });
    more = w.core.frame(at);
  }
  f.inFrame = false;
  if (f.glyphsAsked) { f.glyphsAsked = false; queueMicrotask(() => rasteriseGlyphs(w)); }
  f.lastMs = performance.now() - start;
  afterFrame(w);
  for (const resolve of f.waiters.splice(0)) resolve();
  if (more) requestFrame(w);
}

function afterFrame(w) {
  // Text editing: the hidden input takes the keyboard so IME and mobile keyboards work.
  const { canvas, textAgent, shadow } = w.dom;
  const wantsText = w.core.wantsTextInput();
  const active = shadow.activeElement;
  if (wantsText && active === canvas) textAgent.focus({ preventScroll: true });
  else if (!wantsText && active === textAgent) canvas.focus({ preventScroll: true });
  updateMirror(w);
}

// Resolves once a frame has been drawn (not when the widget is idle: a frame that settles the
// layout after input may follow, but the first one already shows everything, see ls_frame).
export function nextFrame(w) {
  if (w.destroyed || !w.visible || !w.pageVisible) return Promise.resolve();
  return new Promise((resolve) => {
    w.frame.waiters.push(resolve);
    requestFrame(w);
  });
}

// Stops everything scheduled: destroy().
export function stopFrames(w) {
  const f = w.frame;
  clearTimeout(f.quietTimer);
  for (const resolve of f.waiters.splice(0)) resolve();
  if (f.request) cancelAnimationFrame(f.request);
  f.request = 0;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Sizing
// ---------------------------------------------------------------------------------------------

// The canvas's pixels: CSS size times the pixel ratio (exportPNG() draws once at 2x).
export function setBackingStore(w, dpr = w.size.dpr) {
  const { canvas } = w.dom;
  const width = Math.max(1, Math.round(w.size.width * dpr));
  const height = Math.max(1, Math.round(w.size.height * dpr));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
}

// The host's size now; true when it changed.
export function measure(w) {
  const r = w.dom.host.getBoundingClientRect();
  const dpr = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(r.width)), height = Math.max(1, Math.round(r.height));
  const s = w.size;
  if (width === s.width && height === s.height && dpr === s.dpr) return false;
  s.width = width; s.height = height; s.dpr = dpr;
  setBackingStore(w);
  return true;
}

export function watchSize(w) {
  const onResize = () => {
    if (w.destroyed || !measure(w)) return;
    w.core.resize(w.size.width, w.size.height, w.size.dpr);
    requestFrame(w);
  };
  const resizeObserver = new ResizeObserver(onResize);
  resizeObserver.observe(w.dom.host);
  w.cleanups.push(() => resizeObserver.disconnect());
  // devicePixelRatio changes (browser zoom, moving to another screen) re-rasterise the fonts.
  // The query names one ratio, so it is renewed after each change.
  let dprQuery = null;
  const onDprChange = () => { watchDpr(); onResize(); };
  const watchDpr = () => {
    if (dprQuery) dprQuery.removeEventListener("change", onDprChange);
    dprQuery = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    dprQuery.addEventListener("change", onDprChange);
  };
  watchDpr();
  w.cleanups.push(() => dprQuery && dprQuery.removeEventListener("change", onDprChange));
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Visibility, theme and the WebGL context
// ---------------------------------------------------------------------------------------------

export function watchVisibility(w) {
  const wake = () => { w.core.wake(); requestFrame(w); };
  const intersection = new IntersectionObserver((entries) => {
    w.visible = entries[entries.length - 1].isIntersecting;
    if (w.visible) wake();
  });
  intersection.observe(w.dom.host);
  w.cleanups.push(() => intersection.disconnect());
  listen(w, document, "visibilitychange", () => {
    w.pageVisible = document.visibilityState !== "hidden";
    if (w.pageVisible) wake();
  });
  const { query, name } = w.theme;
  if (query && name === "auto") {
    listen(w, query, "change", () => { w.core.setTheme(wantsDark(w)); requestFrame(w); });
  }
  // The browser may drop the GL context (GPU reset, too many contexts); preventDefault asks for
  // it back, and the wasm rebuilds its textures and buffers when it returns.
  const { canvas } = w.dom;
  listen(w, canvas, "webglcontextlost", (e) => { e.preventDefault(); w.core.contextLost(); });
  listen(w, canvas, "webglcontextrestored", () => { w.core.contextRestored(); requestFrame(w); });
}

export function wantsDark(w) {
  const { query, name } = w.theme;
  return name === "dark" || (name === "auto" && !!query && query.matches);
}
