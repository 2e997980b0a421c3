// Data: handing a data file to the wasm in pieces (setData(), and the part load() shares with it),
// and the status line the wasm draws (loading, error with its problems). The glyphs a data file
// needs that no bundled font has, and its complex-script runs, are made by glyphs.js.
//
// Index
//  [SECTION] Status and failure
//  [SECTION] One data file on its way at a time
//  [SECTION] setData()

import { lsError, errorPayload } from "./errors.js";
import { emit } from "./events.js";
import { requestFrame, endQuiet, nextFrame } from "./frames.js";
import { readHash, writeHash } from "./hash.js";
import { underKey } from "./problems.js";

// ---------------------------------------------------------------------------------------------
// [SECTION] Status and failure
// ---------------------------------------------------------------------------------------------

// {state: "loading", loaded, total} | {state: "error", message, problems, retry, errors} | {state: "ok"}
export function setStatus(w, status) {
  w.core.setStatus(status);
  requestFrame(w);
}

// A failed load: the error panel says why (the previous data stays on screen), `error` fires,
// and the caller's promise rejects with the same error.
export function fail(w, error) {
  endQuiet(w);
  const problems = error.problems || [];
  setStatus(w, { state: "error", message: error.message, problems: problems.slice(0, 20), retry: !!error.retry,
    errors: problems.filter((p) => p.severity !== "warning").length });
  emit(w, "error", errorPayload(error));
  throw error;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] One data file on its way at a time
// ---------------------------------------------------------------------------------------------

// A load (load() or setData()) owns the wasm's streamed loader while it feeds it. A newer one
// takes over: the older one's download is cancelled, its unfinished text dropped (the data on
// screen stays), and it rejects quietly as replaced. Only the owner feeds, ends or aborts.
export function takeOver(w, controller = null) {
  const old = w.loading.current;
  if (old) {
    if (old.controller) old.controller.abort();
    if (old.feeding) w.core.loadAbort();   // frees what it built so far now, not at the next begin
  }
  const owner = { controller, feeding: false };
  w.loading.current = owner;
  return owner;
}

export const owns = (w, owner) => !w.destroyed && w.loading.current === owner;

// The rejection of a load that lost its place: destroyed, or replaced by a newer one.
export function lostError(w) {
  return w.destroyed
    ? lsError("loading was cancelled: the widget was destroyed", [], { kind: "aborted" })
    : lsError("loading was replaced by a newer load()", [], { kind: "aborted" });
}

// Gives up a load that failed before its text was complete: nothing of it is kept.
export function dropFeed(w, owner) {
  if (!owns(w, owner)) return;
  w.loading.current = null;
  if (owner.feeding) w.core.loadAbort();
}

// The whole text has been fed (or the loader gave up early): shows the data, or says why not.
// Resolves after the first frame that shows it.
export async function endFeed(w, owner) {
  if (!owns(w, owner)) throw lostError(w);
  w.loading.current = null;
  if (!owner.feeding) w.core.loadBegin();   // nothing was fed: the loader says "empty"
  // Loading new data emits statechange, which rewrites location.hash: keep the shared link to
  // apply it to the new data too.
  const { hash } = w.options;
  const sharedHash = hash ? location.hash : "";
  const ok = w.core.loadEnd();
  if (sharedHash && location.hash !== sharedHash) history.replaceState(history.state, "", sharedHash);
  const result = w.core.lastResult();
  if (!ok) return fail(w, lsError(result.message || "the data file was refused", result.problems || []));
  w.data.loaded = true;
  w.data.title = result.title || "";
  endQuiet(w);   // the glyphs the first frame draws and the fonts lack are made in it (glyphs.js)
  reportStateBeforeData(w);   // before the hash is read: reading it starts a new problems list
  if (hash) { w.hash.last = ""; w.hash.foreign = false; readHash(w); writeHash(w, { onLoad: true }); }
  setStatus(w, { state: "ok" });
  await nextFrame(w);
  emit(w, "load", { title: result.title, observations: result.observations });
  return { title: result.title, observations: result.observations };
}

// ---------------------------------------------------------------------------------------------
// [SECTION] setData()
// ---------------------------------------------------------------------------------------------

// Bytes or UTF-16 units handed to the wasm per step (core.js's buffer holds a MiB).
const SliceLength = 1 << 20;
// A big text gives the page its turn this often: no task of setData() blocks the host page for
// much longer (the loader's final indexing is one step of its own).
const YieldAfterMs = 40;

const yieldToPage = () => (globalThis.scheduler && scheduler.yield
  ? scheduler.yield()
  : new Promise((resolve) => setTimeout(resolve, 0)));

// Shows a data file: a JSON text, its bytes (the loader itself reports invalid UTF-8, UTF-16 and
// NUL bytes), or an object. The text goes to the wasm in slices, never whole. Resolves after the
// first frame that shows it; a load() or setData() called meanwhile replaces it.
export async function setData(w, data) {
  if (w.destroyed) throw lsError("the widget was destroyed");
  let text = null, bytes = null;
  if (typeof data === "string") text = data;
  else if (data instanceof Uint8Array) bytes = data;
  else if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
  else if (data && typeof data === "object") {
    try { text = JSON.stringify(data); } catch (e) { return fail(w, lsError(`the data object cannot be serialised: ${e.message}`)); }
    if (text === undefined) return fail(w, lsError("setData() takes a JSON text or an object"));
  } else return fail(w, lsError("setData() takes a JSON text or an object"));
  const owner = takeOver(w);
  w.core.loadBegin();
  owner.feeding = true;
  const length = text !== null ? text.length : bytes.length;
  let at = 0, since = performance.now();
  try {
    while (at < length) {
      if (text !== null) at = w.core.loadFeedText(text, at);
      else at = w.core.loadFeed(bytes.subarray(at, at + SliceLength)) ? at + SliceLength : -1;
      if (at < 0) break;   // the loader has failed: endFeed() reports why
      if (at < length && performance.now() - since > YieldAfterMs) {
        await yieldToPage();
        if (!owns(w, owner)) throw lostError(w);
        since = performance.now();
      }
    }
  } catch (e) {
    if (!owns(w, owner)) throw lostError(w);
    dropFeed(w, owner);
    return fail(w, e);   // out of wasm memory
  }
  return endFeed(w, owner);
}

// A state set before the data came could not have its ids and periods checked; the wasm checks
// them on load and appends its verdict to that call's problems (ls_state_problems). The new ones
// join the start-up warning, or come as a warning of their own (setState() has returned).
function reportStateBeforeData(w) {
  const pending = w.stateBeforeData;
  w.stateBeforeData = null;
  const list = pending && w.core.stateProblems();
  if (!list || list.length <= pending.reported) return;
  const late = underKey(list.slice(pending.reported), pending.prefix);
  if (w.startProblems) w.startProblems.push(...late);
  else emit(w, "warning", { problems: late });
}
