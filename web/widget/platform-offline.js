// Where the wasm comes from, in the single-file offline demo (file://, classic scripts): the
// Emscripten factory is a global defined by the script before this one, and it carries the whole
// wasm inside itself (not split), so there is no URL to fetch (null). Replaces platform.js in that build.
/* global LandscapeCoreFactory */
const factory = (args) => LandscapeCoreFactory(args);

export { factory as LandscapeCoreFactory };
export const defaultWasmUrl = null;
export const defaultDeferredWasmUrl = null;
