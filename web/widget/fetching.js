// Fetching: the data file over the network with the host's fetch options (credentials,
// headers), fed to the wasm chunk by chunk as it arrives (parsing overlaps the download, and the
// text is never whole in JavaScript), with progress events, a timeout, abort on destroy or on a
// newer load, and a clear error for each way it goes wrong (HTTP status, network, timeout, an
// HTML page, a cut-off body), with Retry where trying again can help.

import { lsError } from "./errors.js";
import { emit } from "./events.js";
import { setStatus, fail, takeOver, owns, lostError, dropFeed, endFeed } from "./data.js";

const DefaultTimeoutMs = 60000;
const ProgressEveryMs = 100;
// The status line on the canvas is redrawn less often than `progress` fires: every drawn frame
// costs the page a compositor read-back where WebGL is rendered in software (40-165 ms measured
// here), time taken from reading the body (load(url) of a 1M file: 1.94x fetch + setData at 10
// redraws a second).
const StatusEveryMs = 500;

// The data download starts at once, beside the wasm compile, not after it: load() picks it up.
export function startEarlyFetch(w) {
  const { data, src, fetch: fetchInit } = w.options;
  if (data != null || !src) return;
  const controller = new AbortController();
  const response = fetch(src, { ...(fetchInit || {}), signal: controller.signal });
  response.catch(() => {});   // load() reports the failure
  w.loading.early = { url: src, controller, response };
}

// Stops every download: destroy(), or a start-up that failed.
export function abortLoads(w) {
  const current = w.loading.current;
  if (current && current.controller) current.controller.abort();
  if (w.loading.early) w.loading.early.controller.abort();
}

export async function load(w, url, fetchInit = w.options.fetch || {}, early = null) {
  if (w.destroyed) throw lsError("the widget was destroyed");
  const loading = w.loading;
  if (loading.early && early !== loading.early) loading.early.controller.abort();   // superseded
  loading.early = null;
  const controller = early ? early.controller : new AbortController();
  const owner = takeOver(w, controller);
  const timeoutMs = w.options.timeout || DefaultTimeoutMs;
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
  loading.retry = () => load(w, url, fetchInit).catch(() => {});
  setStatus(w, { state: "loading", loaded: 0, total: 0 });
  try {
    const response = await (early ? early.response : fetch(url, { ...fetchInit, signal: controller.signal }));
    if (!owns(w, owner)) throw lostError(w);
    if (!response.ok) {
      throw lsError(`the data file could not be fetched: the server answered ${response.status} ${response.statusText || ""}`.trim(),
        [], { status: response.status, kind: "http", retry: true });
    }
    if (/text\/html/i.test(response.headers.get("content-type") || "")) throw htmlError();
    await feedBody(w, owner, response);
  } catch (e) {
    clearTimeout(timer);
    if (!owns(w, owner)) throw lostError(w);   // destroyed, or a newer load owns the status line
    dropFeed(w, owner);
    if (e.name === "AbortError") {
      return fail(w, timedOut
        ? lsError(`the data file did not arrive within ${Math.round(timeoutMs / 1000)} s`, [], { kind: "timeout", retry: true })
        : lsError("loading was cancelled", [], { kind: "aborted" }));
    }
    if (e.problems) return fail(w, e);
    return fail(w, lsError(`the data file could not be fetched: ${e.message} (offline, or blocked by the browser?)`, [], { kind: "network", retry: true }));
  }
  clearTimeout(timer);
  return endFeed(w, owner);
}

const htmlError = () => lsError("the server sent an HTML page instead of the data file (a login or error page?)", [], { kind: "html", retry: true });

// The body's chunks, each fed to the wasm as it arrives, with `progress` events at most every
// 100 ms and one at the end. Returns once the body is complete, or early when the loader has
// already failed (its problems then say why); throws when the body is an HTML page or was cut.
async function feedBody(w, owner, response) {
  const total = Number(response.headers.get("content-length")) || 0;
  const chunks = bodyReader(response);
  let loaded = 0, lastReport = 0, lastStatus = 0, reported = -1, sniffing = true, refused = false;
  const progress = (last = false) => {
    lastReport = performance.now();
    reported = loaded;
    emit(w, "progress", { loaded, total });
    if (!last && lastReport - lastStatus < StatusEveryMs) return;
    lastStatus = lastReport;
    setStatus(w, { state: "loading", loaded, total });
  };
  w.core.loadBegin();
  owner.feeding = true;
  for (;;) {
    let chunk;
    try { chunk = await chunks.read(); } catch (e) {
      // The connection dropped mid-body (Chromium: ERR_CONTENT_LENGTH_MISMATCH, a TypeError;
      // the bytes read before it may be lost with it, so none read yet can be a cut body too).
      if (e.name === "AbortError" || (!loaded && !total) || !owns(w, owner)) throw e;
      throw truncatedError(`${loaded}${total ? ` of ${total}` : ""} bytes, then the connection dropped`);
    }
    // A newer load (or destroy) may have come while this chunk was on its way.
    if (!owns(w, owner)) throw lostError(w);
    const { done, value } = chunk;
    if (done) break;
    if (sniffing) {
      // The first characters tell a login or error page sent with a JSON type (or none).
      const head = firstCharacter(value);
      if (head === "<") throw htmlError();
      sniffing = head === "";
    }
    loaded += value.length;
    if (!w.core.loadFeed(value)) {
      // The loader already knows the file is refused: the rest need not come.
      refused = true;
      chunks.cancel().catch(() => {});
      break;
    }
    if (performance.now() - lastReport > ProgressEveryMs) progress();
  }
  if (reported !== loaded) progress(true);
  if (!refused && total && loaded < total) throw truncatedError(`${loaded} of ${total} bytes`);
}

const truncatedError = (what) => lsError(`the data file arrived incomplete (${what})`, [], { kind: "truncated", retry: true });

// The first character of a chunk after white space and a byte order mark (EF BB BF): "" when
// the chunk holds nothing else, so that the next one is looked at too.
function firstCharacter(bytes) {
  for (const b of bytes) {
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf) return String.fromCharCode(b);
  }
  return "";
}

// Bytes read at most at once. The body is read into one buffer of this size, again and again
// (a "byob" reader): the chunks do not pile up as garbage in the JavaScript heap while the wasm
// takes them, so the page's heap stays small whatever the file's size.
const ReadBytes = 1 << 20;

// { read, cancel } over the body: into the one buffer where the browser can, else chunk by
// chunk as the browser hands them out, else (no body stream) the whole body as one chunk.
function bodyReader(response) {
  if (!response.body) {
    let given = false;
    return {
      read: async () => (given ? { done: true } : (given = true, { done: false, value: new Uint8Array(await response.arrayBuffer()) })),
      cancel: async () => {},
    };
  }
  let reader;
  try { reader = response.body.getReader({ mode: "byob" }); } catch { reader = null; }
  if (!reader) {
    const chunks = response.body.getReader();
    return { read: () => chunks.read(), cancel: () => chunks.cancel() };
  }
  let buffer = new ArrayBuffer(ReadBytes);
  return {
    async read() {
      const result = await reader.read(new Uint8Array(buffer));
      if (result.value) buffer = result.value.buffer;   // the same memory, handed back
      return result;
    },
    cancel: () => reader.cancel(),
  };
}
