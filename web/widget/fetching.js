// Fetching: the data file over the network with the host's fetch options (credentials,
// headers), progress events, a timeout, abort on destroy or on a newer load, and a clear error
// for each way it goes wrong (HTTP status, network, timeout, an HTML page, a cut-off body), with
// Retry where trying again can help.

import { lsError } from "./errors.js";
import { emit } from "./events.js";
import { setData, setStatus, fail } from "./data.js";

const DefaultTimeoutMs = 60000;

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
  if (w.loading.controller) w.loading.controller.abort();
  if (w.loading.early) w.loading.early.controller.abort();
}

export async function load(w, url, fetchInit = w.options.fetch || {}, early = null) {
  if (w.destroyed) throw lsError("the widget was destroyed");
  const loading = w.loading;
  if (loading.controller) loading.controller.abort();
  if (loading.early && early !== loading.early) loading.early.controller.abort();   // superseded
  loading.early = null;
  const controller = early ? early.controller : new AbortController();
  loading.controller = controller;
  const timeoutMs = w.options.timeout || DefaultTimeoutMs;
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
  loading.retry = () => load(w, url, fetchInit).catch(() => {});
  setStatus(w, { state: "loading", loaded: 0, total: 0 });
  let bytes;
  try {
    const response = await (early ? early.response : fetch(url, { ...fetchInit, signal: controller.signal }));
    if (!response.ok) {
      throw lsError(`the data file could not be fetched: the server answered ${response.status} ${response.statusText || ""}`.trim(),
        [], { status: response.status, kind: "http", retry: true });
    }
    const total = Number(response.headers.get("content-length")) || 0;
    // The bytes as sent: the loader itself reports invalid UTF-8, UTF-16 and NUL bytes.
    bytes = await readBody(w, response, total, controller);
    const type = response.headers.get("content-type") || "";
    if (/text\/html/i.test(type) || /^\s*</.test(new TextDecoder().decode(bytes.subarray(0, 256)))) {
      throw lsError("the server sent an HTML page instead of the data file (a login or error page?)", [], { kind: "html", retry: true });
    }
    if (total && bytes.length < total) {
      throw lsError(`the data file arrived incomplete (${bytes.length} of ${total} bytes)`, [], { kind: "truncated", retry: true });
    }
  } catch (e) {
    clearTimeout(timer);
    if (loading.controller === controller) loading.controller = null;
    if (w.destroyed) throw lsError("loading was cancelled: the widget was destroyed", [], { kind: "aborted" });
    // Replaced by a newer load(): that one owns the status line and the events.
    if (loading.controller !== controller && loading.controller) throw lsError("loading was replaced by a newer load()", [], { kind: "aborted" });
    if (e.name === "AbortError") {
      return fail(w, timedOut
        ? lsError(`the data file did not arrive within ${Math.round(timeoutMs / 1000)} s`, [], { kind: "timeout", retry: true })
        : lsError("loading was cancelled", [], { kind: "aborted" }));
    }
    if (e.problems) return fail(w, e);
    return fail(w, lsError(`the data file could not be fetched: ${e.message} (offline, or blocked by the browser?)`, [], { kind: "network", retry: true }));
  }
  clearTimeout(timer);
  if (loading.controller === controller) loading.controller = null;
  return setData(w, bytes);
}

// The body in chunks, with `progress` events at most every 100 ms, joined into one array.
async function readBody(w, response, total, controller) {
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
    if (performance.now() - lastReport > 100) {
      lastReport = performance.now();
      emit(w, "progress", { loaded, total });
      setStatus(w, { state: "loading", loaded, total });
    }
    if (controller.signal.aborted) break;
  }
  emit(w, "progress", { loaded, total });
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const part of parts) { bytes.set(part, at); at += part.length; }
  return bytes;
}
