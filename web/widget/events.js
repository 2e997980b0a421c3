// Events, both ways: the host's listeners (on/off, options.onEvent) and the widget's own DOM
// listeners, which destroy() must be able to take back.

// A DOM listener that destroy() removes.
export function listen(w, target, type, fn, opts) {
  target.addEventListener(type, fn, opts);
  w.cleanups.push(() => target.removeEventListener(type, fn, opts));
}

// Events are delivered after the frame, never inside it: a listener that calls back into the
// widget (setState in a statechange handler) must not re-enter the wasm mid-frame.
export function emit(w, type, detail) {
  w.pendingEvents.push([type, detail]);
  if (w.pendingEvents.length === 1) setTimeout(() => flushEvents(w), 0);
}

// One listener's exception must not keep the others from hearing the event.
export function flushEvents(w) {
  const batch = w.pendingEvents.splice(0);
  for (const [type, detail] of batch) {
    for (const fn of [...(w.listeners.get(type) || [])]) {
      try { fn(detail); } catch (e) { console.error(e); }
    }
    if (w.options.onEvent) try { w.options.onEvent(type, detail); } catch (e) { console.error(e); }
  }
}

export function addListener(w, type, fn) {
  if (typeof fn !== "function") return;
  if (!w.listeners.has(type)) w.listeners.set(type, new Set());
  w.listeners.get(type).add(fn);
}

export function removeListener(w, type, fn) {
  const set = w.listeners.get(type);
  if (set) set.delete(fn);
}
