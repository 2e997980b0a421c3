// Input scoped to the canvas: pointer and touch (with pinch), wheel, keys, typed and composed
// text (IME), paste and focus. Every listener sits on the widget's own elements, so the host page
// keeps its keys unless the widget has focus, and keeps scrolling unless the pointer is over
// something in the widget that can still scroll or zoom the way the wheel or finger goes.
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

// Touch. What a finger does depends on where it lands (the wasm answers from the last frame):
//  - on the map (kind 2): a drag pans it, two fingers zoom it; the page neither scrolls nor zooms;
//  - on a panel that scrolls (kind 1: the table, lists): a drag scrolls the panel, sent as wheel
//    steps (ImGui scrolls 5 lines down, 2 em sideways, a step), and past the panel's end it
//    scrolls the page (the wasm tells the panel's room); a tap clicks;
//  - elsewhere (kind 0: plots, the header): the browser scrolls the page up and down
//    (touch-action: pan-y in dom.js), a sideways drag stays with the widget (sliders, the
//    timeline), a tap clicks. When the browser takes the finger for scrolling it sends
//    pointercancel: the pointer leaves before the button lifts, so a swipe never clicks.
// A tap also hovers: the pointer stays where the finger lifted, so the tooltip a mouse shows
// there stays until the next tap elsewhere. A drag is not a tap: it leaves nothing hovered.
const TAP_SLOP = 8;                                  // CSS px a tap may wander
const WHEEL_STEP_Y = 5 * 15, WHEEL_STEP_X = 2 * 15;  // ImGui's scroll per wheel step at the 15 px body font

// The element the page scrolls with: the nearest scrolling ancestor of the widget, else the
// document.
function scroller(host) {
  for (let el = host.parentElement || host.getRootNode().host; el; el = el.parentElement || (el.getRootNode && el.getRootNode().host)) {
    const { overflowY } = getComputedStyle(el);
    if ((overflowY === "auto" || overflowY === "scroll") && el.scrollHeight > el.clientHeight) return el;
  }
  return document.scrollingElement || document.documentElement;
}

function watchPointer(w) {
  const { canvas, textAgent, host, shadow } = w.dom;
  const touches = new Map();   // active touch pointers: id -> [x, y]
  let gesture = null;          // the current touch gesture: { kind, start, client, moved (or pinched), pressed }
  let pinchDistance = 0;
  const touchPair = () => [...touches.values()];
  const touchDistance = () => { const [a, b] = touchPair(); return Math.hypot(a[0] - b[0], a[1] - b[1]); };
  const touchCentre = () => { const [a, b] = touchPair(); return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]; };
  const release = (hover) => {   // lift the button; without hover, nothing under it is clicked
    if (!hover) w.core.pointerLeave();
    if (gesture && gesture.pressed) { w.core.pointerButton(0, false); gesture.pressed = false; }
  };

  // Cancelling touchstart is what keeps the page from scrolling and zooming under a gesture the
  // widget owns (touch-action is fixed before the first move, for the whole canvas).
  // Pointer events come first (pointerdown has set `gesture`); asked here too in case they do not.
  listen(w, canvas, "touchstart", (e) => {
    let kind = gesture ? gesture.kind : 0;
    if (!gesture && e.touches.length === 1) {
      const r = canvas.getBoundingClientRect();
      kind = w.core.touchKind(e.touches[0].clientX - r.left, e.touches[0].clientY - r.top) & 3;
    }
    if (kind > 0) e.preventDefault();
  }, { passive: false });

  const touchDown = (e, x, y) => {
    touches.set(e.pointerId, [x, y]);
    if (touches.size === 1) {
      gesture = { kind: w.core.touchKind(x, y) & 3, start: [x, y], client: [e.clientX, e.clientY], moved: false, pressed: false };
      w.core.pointerMove(x, y, 1);   // hover shows at once
      if (gesture.kind !== 1) { w.core.pointerButton(0, true); gesture.pressed = true; }
    } else if (touches.size === 2 && gesture && gesture.kind === 2) {
      release(false);                // a pinch is no click and no pan, nor is what follows it
      gesture.moved = true;
      pinchDistance = touchDistance();
    }
  };
  const touchMove = (e, x, y) => {
    if (!touches.has(e.pointerId) || !gesture) return;
    touches.set(e.pointerId, [x, y]);
    if (touches.size === 2) {
      if (gesture.kind !== 2) return;
      const d = touchDistance();
      if (pinchDistance > 0 && d > 0) {
        const [cx, cy] = touchCentre();
        w.core.pinch(cx, cy, d / pinchDistance);
      }
      pinchDistance = d;
      return;
    }
    if (touches.size > 2) return;
    // The finger's own movement, in the page's coordinates (scrolling the page moves the canvas).
    const [dx, dy] = [e.clientX - gesture.client[0], e.clientY - gesture.client[1]];
    gesture.client = [e.clientX, e.clientY];
    if (Math.hypot(x - gesture.start[0], y - gesture.start[1]) > TAP_SLOP) gesture.moved = true;
    w.core.pointerMove(x, y, 1);
    if (gesture.kind === 1 && gesture.moved) {
      const room = w.core.touchKind(gesture.start[0], gesture.start[1]);   // the panel the finger started on, now
      const panelY = (dy < 0 && room & 8) || (dy > 0 && room & 4) ? dy : 0;
      const panelX = (dx < 0 && room & 32) || (dx > 0 && room & 16) ? dx : 0;
      if (panelX || panelY) w.core.wheel(panelX / WHEEL_STEP_X, panelY / WHEEL_STEP_Y);
      if (dy && !panelY) scroller(host).scrollBy(0, -dy);   // the panel's end: the page goes on
    }
  };
  const touchEnd = (e, x, y, cancelled) => {
    if (!touches.has(e.pointerId)) return;
    const wasPinch = touches.size >= 2;
    touches.delete(e.pointerId);
    if (!gesture) return;
    if (wasPinch) pinchDistance = 0;
    else if (cancelled || gesture.moved) release(false);
    else {
      w.core.pointerMove(x, y, 1);
      if (!gesture.pressed) { w.core.pointerButton(0, true); gesture.pressed = true; }   // a tap on a panel
      release(true);
    }
    if (touches.size === 0) gesture = null;
  };

  listen(w, canvas, "pointerdown", (e) => {
    const [x, y] = localPos(canvas, e);
    if (document.activeElement !== host || shadow.activeElement !== canvas) canvas.focus({ preventScroll: true });
    canvas.setPointerCapture(e.pointerId);
    if (e.pointerType === "touch") touchDown(e, x, y);
    else {
      w.core.pointerMove(x, y, sourceOf(e));   // position first: a click lands where it is
      const b = buttonOf(e);
      if (b >= 0) w.core.pointerButton(b, true);
    }
    requestFrame(w);
  });
  listen(w, canvas, "pointermove", (e) => {
    const [x, y] = localPos(canvas, e);
    if (e.pointerType === "touch") touchMove(e, x, y);
    else w.core.pointerMove(x, y, sourceOf(e));
    requestFrame(w);
  });
  const pointerEnd = (cancelled) => (e) => {
    const [x, y] = localPos(canvas, e);
    if (e.pointerType === "touch") touchEnd(e, x, y, cancelled);
    else {
      w.core.pointerMove(x, y, sourceOf(e));
      const b = buttonOf(e);
      if (b >= 0) w.core.pointerButton(b, false);
    }
    requestFrame(w);
  };
  listen(w, canvas, "pointerup", pointerEnd(false));
  listen(w, canvas, "pointercancel", pointerEnd(true));
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
// wasm says the pointer is over something that can still scroll (or zoom) the way the wheel
// turns: at a panel's end, or the map's closest or widest zoom, the page scrolls on, as under a
// finger (watchPointer).
function watchWheel(w) {
  const { canvas } = w.dom;
  listen(w, canvas, "wheel", (e) => {
    const [x, y] = localPos(canvas, e);
    w.core.pointerMove(x, y, 0);
    const scale = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 1 : 1 / 100;
    const [dx, dy] = [-e.deltaX * scale, -e.deltaY * scale];
    if (!w.core.wantsWheel(x, y, dx, dy)) return;
    e.preventDefault();
    w.core.wheel(dx, dy);
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
