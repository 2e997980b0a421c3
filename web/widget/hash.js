// The URL hash (option `hash: true`): the view as a shareable link, `#ls1:view=map&metric=…`.
// The wasm owns the grammar (wasm/core/view_state.h) and decodes the percent-escapes itself, so
// the hash goes in raw: nothing here decodes, so a mangled link (`#ls1:%`) cannot throw. What the
// wasm could not apply is said once on the console and fired as a `warning`; the widget shows the
// default or the valid part of the link.

import { emit } from "./events.js";
import { requestFrame } from "./frames.js";
import { joinMessages } from "./problems.js";

// Links already reported on the console, per page: a link read again (two widgets, hashchange
// back and forth) is not reported twice.
const warned = new Set();

// After every state change: the link follows the view, without a history entry per click. Not
// before the data is there: the link the page was opened with has not been read yet. `onLoad`:
// the write after the data arrives, which normalises a link to what is shown but leaves the
// page's own anchor (#section-2) in place until the reader changes the view.
export function writeHash(w, { onLoad = false } = {}) {
  if (!w.data.loaded || (onLoad && w.hash.foreign)) return;
  const hash = w.core.getHash();
  if (hash && hash !== w.hash.last) {
    w.hash.last = hash;
    history.replaceState(history.state, "", `#${hash}`);
  }
}

// On load and on hashchange (before the data arrives the hash waits: setData() reads it, so the
// ids in it are checked against the data). The wasm tells links to the widget (`ls1:`) from the
// page's own anchors (#section-2), which it refuses without a problem: those pass unremarked.
export function readHash(w) {
  const raw = location.hash.replace(/^#/, "");
  if (!w.data.loaded || !raw || raw === w.hash.last) return;
  w.hash.last = raw;
  const parsed = w.core.setHash(raw);
  const problems = w.core.stateProblems() || [];
  // Refused without a problem: the page's own anchor, not a link to the widget.
  w.hash.foreign = !parsed && !problems.length;
  if (parsed) requestFrame(w);
  if (!problems.length) return;
  if (!warned.has(raw)) {
    if (warned.size > 1000) warned.clear();   // a page that cycles through links keeps no pile
    warned.add(raw);
    console.warn(`landscape: ignored in the link: ${joinMessages(problems)}`);
  }
  emit(w, "warning", { problems });
}
