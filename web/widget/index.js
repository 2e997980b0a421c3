// Landscape widget: the JavaScript side of the embed contract (docs/embedding.md, docs/embedding.md).
// The entry of both builds (web/tools/bundle.mjs): the ES module `landscape.js` for portals, and
// the classic script inside the single-file offline demo, which exposes the same two functions
// as `window.Landscape`. Importing it registers <social-landscape>.
//
// The modules, one job each (only core.js talks to the wasm):
//   core.js       the wasm: configure(), compile once per page, one instance per widget, a wrapper per export
//   deferred.js   the wasm's deferred part: fetched after the first frame, installed per instance, placeholders' fallback
//   platform.js   where the factory and the wasm are (platform-offline.js in the offline build)
//   widget.js     createLandscape(): the widget's state in one object, start-up, the handle, setState
//   dom.js        the shadow root, canvas, text agent and mirror elements
//   frames.js     rendering on demand, sizing, visibility, theme, WebGL context loss
//   input.js      pointer, touch, wheel, keys, IME, paste, focus, scoped to the canvas
//   mirror.js     the accessible HTML mirror of what the canvas shows
//   data.js       setData(), the status line, glyphs the fonts lack
//   fetching.js   fetch with progress, timeout, abort, and an error for each way it fails
//   hash.js       the view in the URL hash
//   exports.js    CSV, PNG, stats()
//   element.js    <social-landscape>
//   events.js     the host's listeners and the widget's own DOM listeners
//   problems.js   what a door could not apply, as { key, value, message }
//   errors.js     the error object of `error` events and rejections

import { createLandscape } from "./widget.js";
import { configure } from "./core.js";
import { defineElement } from "./element.js";

defineElement();

export { createLandscape, configure };
export default createLandscape;
