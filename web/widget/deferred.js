// The wasm's deferred part. The portal build's wasm comes in two parts
// (wasm/platform/split_wasm.mjs): landscape-core.wasm holds what the map's first frame runs (the
// functions in wasm/platform/split-keep.txt), and landscape-core.deferred.wasm the rest (the other
// views, tables, text input, ...). In the first part every function of the second is a
// placeholder, imported from "placeholder" under the index of its slot in the function table.
// Instantiating the second part with the first's exports writes its functions into those slots
// of that instance's table. core.js compiles and instantiates the first part; this module the
// second, once per page, installed per instance.
//
// When: after a widget's first frame (installDeferred(), which createLandscape awaits before it
// resolves, so a host's first setState never meets a placeholder), or before the wasm runs when
// the part is already compiled or the first view needs it (core.js's startCore). If a placeholder
// is called all the same (a key pressed or a link followed while the part is still on its way),
// the part is loaded synchronously, installed, and the call goes on to the real function:
// slower, never wrong. stats().deferredFallbacks counts those.

import { defaultWasmUrl, defaultDeferredWasmUrl } from "./platform.js";
import { lsError } from "./errors.js";

const PlaceholderNamespace = "placeholder";
const DeferredFileName = "landscape-core.deferred.wasm";

// Shared by every widget on the page: the URL (null: the default), the compile (a promise) and
// its result.
const page = { url: null, configured: false, compiled: null, module: null };

// configure(): deferredWasmUrl is used as given; wasmUrl alone puts the part in its folder, under
// its own name.
export function setDeferredUrl({ wasmUrl, deferredWasmUrl }) {
  if (deferredWasmUrl) { page.url = deferredWasmUrl; page.configured = true; }
  else if (wasmUrl && !page.configured) page.url = wasmUrl === defaultWasmUrl ? null : new URL(DeferredFileName, wasmUrl).href;
}
const deferredUrl = () => page.url || defaultDeferredWasmUrl;

// fetch() resolves on a 404 too: say which status, not only that the bytes are not wasm.
function fetchWasm(url) {
  return fetch(url, { credentials: "same-origin" }).then((r) => {
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return r;
  });
}
export function compileFrom(url) {
  return WebAssembly.compileStreaming
    ? WebAssembly.compileStreaming(fetchWasm(url))
    : fetchWasm(url).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b));
}

// One widget's side of it: its first part's instance, the glue's imports, the table, and whether
// the deferred part is in it.
export function newPart() {
  return { split: false, instance: null, imports: null, table: null, installed: true, installing: null, fallbacks: 0, dead: false };
}
export const markDead = (part) => { part.dead = true; };
export const deferredStats = (part) => ({ installed: part.installed, fallbacks: part.fallbacks });

// Whether the first part is split (it has placeholders; a whole wasm has none): its placeholder
// slots.
export function splitPart(part, wasmModule) {
  const slots = WebAssembly.Module.imports(wasmModule)
    .filter((i) => i.module === PlaceholderNamespace && i.kind === "function").map((i) => i.name);
  part.split = slots.length > 0;
  part.installed = !part.split;
  return slots;
}

export function compileDeferred() {
  if (!page.compiled) {
    const url = deferredUrl();
    page.compiled = compileFrom(url)
      .then((m) => { page.module = m; return m; })
      .catch((e) => { page.compiled = null; throw lsError(`could not load the widget's code (${url}): ${e.message}`); });
  }
  return page.compiled;
}

// The second part's imports: the first part's exports ("primary") and, should it name any, the
// glue's own imports.
function deferredImports(deferredModule, part) {
  const imports = {};
  for (const { module: ns, name } of WebAssembly.Module.imports(deferredModule)) {
    const from = ns === "primary" ? part.instance.exports : part.imports[ns];
    if (!from || !(name in from)) throw lsError(`the widget's two wasm parts do not match (${ns}.${name} is missing): serve both from one build`);
    (imports[ns] ??= {})[name] = from[name];
  }
  return imports;
}

function install(part, deferredModule) {
  if (part.installed || part.dead) return;
  new WebAssembly.Instance(deferredModule, deferredImports(deferredModule, part));
  part.installed = true;
}

// Right after the first part's instance is made: installed at once if the page has the part
// compiled. (A mismatch is reported by installDeferred(), after the first frame.)
export function installIfCompiled(part) {
  if (!part.split || !page.module) return;
  try { install(part, page.module); } catch { /* see above */ }
}

// A placeholder was called: the part is needed now. Already compiled (its download finished):
// installed at once; otherwise read with a synchronous request (the bytes as a binary string:
// a synchronous XMLHttpRequest cannot return an ArrayBuffer in a page) and compiled here.
function installNow(part) {
  let deferredModule = page.module;
  if (!deferredModule) {
    const url = deferredUrl();
    const xhr = new XMLHttpRequest();
    try {
      xhr.open("GET", url, false);
      xhr.overrideMimeType("text/plain; charset=x-user-defined");
      xhr.send();
    } catch (e) {
      throw lsError(`could not load the widget's code (${url}): ${e.message}`);
    }
    if (xhr.status !== 200) throw lsError(`could not load the widget's code (${url}): HTTP ${xhr.status}`);
    const text = xhr.responseText;
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    deferredModule = new WebAssembly.Module(bytes);
    page.module = deferredModule;
    if (!page.compiled) page.compiled = Promise.resolve(deferredModule);
  }
  install(part, deferredModule);
  part.fallbacks++;
}

// The functions the first part imports for its placeholder slots.
export function placeholders(slots, part) {
  const out = {};
  for (const slot of slots) {
    const index = Number(slot);
    out[slot] = (...args) => {
      if (!part.installed) installNow(part);
      return part.table.get(index)(...args);
    };
  }
  return out;
}

// After the first frame: fetch and compile the part once per page, install it in this instance.
export function installDeferred(part) {
  if (part.installed) return Promise.resolve();
  if (!part.installing) {
    part.installing = compileDeferred().then((m) => install(part, m));
    part.installing.catch(() => { part.installing = null; });
  }
  return part.installing;
}
