// Input scoped to the canvas: pointer and touch (with pinch), wheel, keys, typed and composed
// text (IME), paste and focus. Every listener sits on the widget's own elements, so the host page
// keeps its keys unless the widget has focus, and keeps scrolling unless the pointer is over
// something in the widget that scrolls or zooms.
//
// Index
//  [SECTION] Pointer, touch and pinch
//  [SECTION] Wheel
//  [SECTION] Keys, text and focus

import { listen } from "./events.js";
import { requestFrame } from "./frames.js";

export function watchInput(w) {
  watchPointer(w);
  watchWheel(w);
  watchKeys(w);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Pointer, touch and pinch
// ---------------------------------------------------------------------------------------------

const sourceOf = (e) => (e.pointerType === "touch" ? 1 : e.pointerType === "pen" ? 2 : 0);
const buttonOf = (e) => (e.button === 2 ? 1 : e.button === 1 ? 2 : e.button === 0 ? 0 : -1);

function localPos(canvas, e) {
  const r = canvas.getBoundingClientRect();
  return [e.clientX - r.left, e.clientY - r.top];
}

function watchPointer(w) {
  const { canvas, textAgent, host, shadow } = w.dom;
  const touches = new Map();   // active touch pointers, for pinch: id -> [x, y]
  let pinchDistance = 0;
  const touchPair = () => [...touches.values()];
  const touchDistance = () => { const [a, b] = touchPair(); return Math.hypot(a[0] - b[0], a[1] - b[1]); };
  const touchCentre = () => { const [a, b] = touchPair(); return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]; };

  listen(w, canvas, "pointerdown", (e) => {
    const [x, y] = localPos(canvas, e);
    if (document.activeElement !== host || shadow.activeElement !== canvas) canvas.focus({ preventScroll: true });
    if (e.pointerType === "touch") {
      touches.set(e.pointerId, [x, y]);
      if (touches.size === 2) { pinchDistance = touchDistance(); return; }
      if (touches.size > 2) return;
    }
    canvas.setPointerCapture(e.pointerId);
    w.core.pointerMove(x, y, sourceOf(e));   // position first: a tap clicks where it lands
    const b = buttonOf(e);
    if (b >= 0) w.core.pointerButton(b, true);
    requestFrame(w);
  });
  listen(w, canvas, "pointermove", (e) => {
    const [x, y] = localPos(canvas, e);
    if (e.pointerType === "touch" && touches.has(e.pointerId)) {
      touches.set(e.pointerId, [x, y]);
      if (touches.size === 2) {
        const d = touchDistance();
        if (pinchDistance > 0 && d > 0) {
          const [cx, cy] = touchCentre();
          w.core.pinch(cx, cy, d / pinchDistance);
        }
        pinchDistance = d;
        requestFrame(w);
        return;
      }
    }
    w.core.pointerMove(x, y, sourceOf(e));
    requestFrame(w);
  });
  const pointerEnd = (e) => {
    const wasPinch = touches.size >= 2;
    touches.delete(e.pointerId);
    if (wasPinch) { pinchDistance = 0; return; }
    const [x, y] = localPos(canvas, e);
    w.core.pointerMove(x, y, sourceOf(e));
    const b = buttonOf(e);
    if (b >= 0) w.core.pointerButton(b, false);
    if (e.pointerType === "touch") w.core.pointerLeave();   // a lifted finger hovers nothing
    requestFrame(w);
  };
  listen(w, canvas, "pointerup", pointerEnd);
  listen(w, canvas, "pointercancel", pointerEnd);
  listen(w, canvas, "pointerleave", (e) => { if (e.pointerType !== "touch") { w.core.pointerLeave(); requestFrame(w); } });
  listen(w, canvas, "contextmenu", (e) => e.preventDefault());
  // Nothing in the widget is draggable, and a drop onto it must not navigate the host page away
  // (Chromium opens whatever is dropped on a page: a random drag in the monkey test did that).
  for (const el of [canvas, textAgent]) {
    listen(w, el, "dragstart", (e) => e.preventDefault());
    listen(w, el, "dragover", (e) => e.preventDefault());
    listen(w, el, "drop", (e) => e.preventDefault());
  }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Wheel
// ---------------------------------------------------------------------------------------------

// Normalised to notches (pixels /100, lines /3, pages x1); the page keeps scrolling unless the
// wasm says the pointer is over something that scrolls or zooms.
function watchWheel(w) {
  const { canvas } = w.dom;
  listen(w, canvas, "wheel", (e) => {
    const [x, y] = localPos(canvas, e);
    w.core.pointerMove(x, y, 0);
    if (!w.core.wantsWheel(x, y)) return;
    e.preventDefault();
    const scale = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 1 : 1 / 100;
    w.core.wheel(-e.deltaX * scale, -e.deltaY * scale);
    requestFrame(w);
  }, { passive: false });
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Keys, text and focus
// ---------------------------------------------------------------------------------------------

function watchKeys(w) {
  const { canvas, textAgent, shadow } = w.dom;
  // Keys only while the widget has focus (the listeners sit on its own elements); a key the
  // widget does not use (Tab, browser shortcuts) goes on to the page.
  const onKey = (down) => (e) => {
    if (e.isComposing || e.keyCode === 229) return;   // the IME owns these keys
    const used = w.core.key(e.code || e.key || "", down, e);
    // Printable characters typed on the canvas itself (the text agent reports its own).
    if (down && e.target === canvas && e.key && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      w.core.text(e.key);
    }
    if (used) e.preventDefault();
    requestFrame(w);
  };
  for (const el of [canvas, textAgent]) {
    listen(w, el, "keydown", onKey(true));
    listen(w, el, "keyup", onKey(false));
  }
  // Text typed or composed into the hidden field goes to ImGui once complete.
  const typed = (text) => {
    if (text) w.core.text(text);
    textAgent.value = "";
    requestFrame(w);
  };
  listen(w, textAgent, "input", (e) => { if (!e.isComposing) typed(e.data); });
  listen(w, textAgent, "compositionend", (e) => typed(e.data));
  const onPaste = (e) => {
    const text = e.clipboardData ? e.clipboardData.getData("text/plain") : "";
    if (!text) return;
    e.preventDefault();
    w.core.text(text);
    requestFrame(w);
  };
  listen(w, canvas, "paste", onPaste);
  listen(w, textAgent, "paste", onPaste);
  // Focus moving between the canvas and the text agent is still focus inside the widget: look
  // once the move has finished.
  const onFocus = () => setTimeout(() => {
    if (w.destroyed) return;
    w.core.focus(shadow.activeElement === canvas || shadow.activeElement === textAgent);
    requestFrame(w);
  }, 0);
  listen(w, canvas, "focus", onFocus);
  listen(w, canvas, "blur", onFocus);
  listen(w, textAgent, "blur", onFocus);
}
