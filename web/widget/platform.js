// Where the wasm comes from, in the portal build (dist/landscape.js, an ES module): the
// Emscripten factory beside the module, and the wasm's two parts beside it too (deferred.js). The URLs are written as `new URL("./…", import.meta.url)` on purpose: bundlers
// (Vite, esbuild's file loader) recognise exactly that form and emit each wasm as an asset. The
// offline build replaces this module with platform-offline.js (web/tools/bundle.mjs).
import LandscapeCoreFactory from "./landscape-core.js";

export { LandscapeCoreFactory };
export const defaultWasmUrl = new URL("./landscape-core.wasm", import.meta.url).href;
export const defaultDeferredWasmUrl = new URL("./landscape-core.deferred.wasm", import.meta.url).href;
