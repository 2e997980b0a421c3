// Assembles dist/ from the wasm build and web/:
//   dist/landscape.js            ES module: createLandscape() and <social-landscape> (for portals)
//   dist/landscape-core.js/.wasm the Emscripten factory and the wasm's first part, compiled once per page
//   dist/landscape-core.deferred.wasm  the wasm's second part, fetched after the first frame
//                                (wasm/platform/split_wasm.mjs; web/widget/deferred.js)
//   dist/index.html, embed.html  the demo article and the iframe page (scripts and styles as files: strict CSP)
//   dist/embed-config.json       the iframe page's allow-list, shipped empty: own origin only until a deployment edits it
//   dist/data/*.json             the shipped data
//   dist/landscape-demo.html     one file with everything inside, for file:// (classic scripts)
//
// The widget's modules (web/widget/, entry index.js) are bundled by esbuild twice: as the ES
// module landscape.js (the Emscripten factory imported from ./landscape-core.js, the wasm's parts
// found by `new URL("./landscape-core.wasm", import.meta.url)` and its like, which bundlers such
// as Vite recognise), and as a classic script for the offline file (platform-offline.js instead
// of platform.js, the whole unsplit wasm inside landscape-core-single.js, exposing
// window.Landscape = { createLandscape, configure }). The version is read from
// web/package/package.json, the one place it is written, for the banner and stats().version.
//
// Scripts are minified with terser (names mangled, comments dropped: the widget's script is a
// third of the download otherwise; on the bundle terser's gzip is smaller than esbuild's own
// minifier); web/ keeps the readable sources. --no-minify skips it.
//
//   node web/tools/bundle.mjs --wasm build/wasm --out dist [--no-minify]
import { build } from "esbuild";
import { minify } from "terser";
import { readFileSync, writeFileSync, mkdirSync, copyFileSync, readdirSync, rmSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const wasmDir = join(root, arg("--wasm", "build/wasm"), "wasm", "platform");
const out = join(root, arg("--out", "dist"));
const web = join(root, "web");
const read = (p) => readFileSync(p, "utf8");
const minifying = !process.argv.includes("--no-minify");
// module: an ES module (its top level is private, so its names are mangled too).
async function terse(code, { module }) {
  if (!minifying) return code;
  const result = await minify(code, { module, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  return result.code;
}
const version = JSON.parse(read(join(web, "package", "package.json"))).version;
const banner = `// Landscape widget ${version}: see README.md for the embed contract.\n`;

// The widget's modules as one script. `offline`: a classic script (IIFE) for file://, where
// platform-offline.js stands in for platform.js; otherwise an ES module that imports the factory.
async function bundleWidget({ offline }) {
  const platform = {
    name: "landscape-platform",
    setup(b) {
      b.onResolve({ filter: /^\.\/platform\.js$/ }, (args) => ({ path: join(args.resolveDir, offline ? "platform-offline.js" : "platform.js") }));
      b.onResolve({ filter: /^\.\/landscape-core\.js$/ }, () => ({ path: "./landscape-core.js", external: true }));
    },
  };
  const entry = offline
    ? { stdin: { contents: `import { createLandscape, configure } from "./index.js";\nwindow.Landscape = { createLandscape, configure };\n`, resolveDir: join(web, "widget"), sourcefile: "offline-entry.js" } }
    : { entryPoints: [join(web, "widget", "index.js")] };
  const result = await build({
    ...entry, bundle: true, write: false, format: offline ? "iife" : "esm", platform: "browser",
    target: "es2020", charset: "utf8", legalComments: "none", logLevel: "warning",
    define: { LANDSCAPE_VERSION: JSON.stringify(version) }, plugins: [platform],
  });
  return terse(result.outputFiles[0].text, { module: !offline });
}

// The portal wasm is the split one (its two parts in split/); the link's own landscape-core.wasm
// keeps its names and is not shipped.
const parts = ["landscape-core.wasm", "landscape-core.deferred.wasm"];
for (const f of ["landscape-core.js", "landscape-core-single.js", ...parts.map((p) => join("split", p))]) {
  if (!existsSync(join(wasmDir, f))) { console.error(`bundle: missing ${join(wasmDir, f)} (build the wasm preset first)`); process.exit(1); }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "data"), { recursive: true });

const page = read(join(web, "page.js"));

// Portal build.
writeFileSync(join(out, "landscape-core.js"), await terse(read(join(wasmDir, "landscape-core.js")), { module: true }));
for (const f of parts) copyFileSync(join(wasmDir, "split", f), join(out, f));
writeFileSync(join(out, "landscape.js"), banner + await bundleWidget({ offline: false }));
writeFileSync(join(out, "index.js"), await terse(`import { createLandscape } from "./landscape.js";\n${page}`, { module: true }));
writeFileSync(join(out, "embed.js"), await terse(read(join(web, "embed.js")), { module: true }));
for (const f of ["index.html", "embed.html", "embed-config.json", "page.css", "embed.css"]) {
  if (existsSync(join(web, f))) copyFileSync(join(web, f), join(out, f));
}
for (const f of readdirSync(join(root, "data"))) {
  if (f.endsWith(".json")) copyFileSync(join(root, "data", f), join(out, "data", f));
}

// Offline demo: the same page with every script, style and the data inlined. Classic scripts
// only: module scripts are blocked on file://. "</" is escaped so no text can close a script.
const inlineScript = (code) => `<script>\n${code.replace(/<\/(script)/gi, "<\\/$1")}\n</script>`;
const demoData = read(join(root, "data", "landscape.json")).replace(/<\//g, "<\\/");
let html = read(join(web, "index.html"));
// Preloads point at files the offline demo carries inside itself.
html = html.replace(/<!-- The widget's scripts[\s\S]*?-->\n/, "").replace(/<link rel="(?:module)?preload"[^>]*>\n/g, "");
html = html.replace(/<link rel="stylesheet" href="page.css">/, `<style>\n${read(join(web, "page.css"))}\n</style>`);
const demoScripts = [
  inlineScript(await terse(read(join(wasmDir, "landscape-core-single.js")), { module: false })),
  inlineScript(banner + await bundleWidget({ offline: true })),
  `<script>\nconst LANDSCAPE_DEMO_DATA = ${demoData};\n</script>`,
  inlineScript(await terse(`const { createLandscape } = window.Landscape;\n${page}`, { module: false })),
].join("\n");
html = html.replace(/<script type="module" src="index.js"><\/script>/, () => demoScripts);
writeFileSync(join(out, "landscape-demo.html"), html);

const size = (f) => readFileSync(join(out, f)).length;
console.log(`dist/: landscape.js ${size("landscape.js")} B, landscape-core.js ${size("landscape-core.js")} B, ` +
  `landscape-core.wasm ${size("landscape-core.wasm")} B, landscape-core.deferred.wasm ${size("landscape-core.deferred.wasm")} B, ` +
  `landscape-demo.html ${size("landscape-demo.html")} B`);
