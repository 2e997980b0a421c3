// The bench's own pages, built in every run into build/bench/ (never into dist/, which is what
// ships) and served beside dist/ under /bench/: the bare Dear ImGui page (the baseline of size and
// start-up), a blank page (idle CPU), the widget page and the ECharts peer page (both drawing the
// regional map of Meta's revenue, timed by the same pages/free.js), and generated data files.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, extname, normalize } from "node:path";
import { build } from "esbuild";
import { ROOT, DIST } from "../browser/harness.mjs";
import { startServer } from "../../web/tools/serve.mjs";
import { generateDataset } from "../browser/generate.mjs";

export const BENCH = join(ROOT, "build", "bench");
const require = createRequire(import.meta.url);
const PAGES = join(ROOT, "tests", "bench", "pages");

const html = (title, body, script) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
  `<link rel="icon" href="data:,"></head><body style="margin:0">${body}` +
  (script ? `<script type="module" src="${script}"></script>` : "") + `</body></html>`;

export async function buildPages() {
  mkdirSync(join(BENCH, "data"), { recursive: true });
  // The bare page, built by the wasm preset next to the widget.
  const wasmOut = join(ROOT, "build", "wasm", "wasm", "platform");
  copyFileSync(join(wasmOut, "bare-core.js"), join(BENCH, "bare-core.js"));
  copyFileSync(join(wasmOut, "bare-core.wasm"), join(BENCH, "bare-core.wasm"));
  writeFileSync(join(BENCH, "bare.html"), html("bare", `<canvas id="c" width="1200" height="600"></canvas>`, "bare.js"));
  writeFileSync(join(BENCH, "bare.js"), `import Factory from "./bare-core.js";
const canvas = document.getElementById("c");
const text = await (await fetch("../data/landscape.json")).text();
const m = await Factory({ canvas });
m._bare_init(1200, 600);
const bytes = new TextEncoder().encode(text);
const ptr = m._malloc(bytes.length); m.HEAPU8.set(bytes, ptr); m._bare_set_data(ptr, bytes.length); m._free(ptr);
requestAnimationFrame(() => { m._bare_frame(1200, 600); window.firstFrame = performance.now(); });`);
  writeFileSync(join(BENCH, "blank.html"), html("blank", "", null));

  // The widget page and the peer page, bundled the same way (esbuild, minified ESM); the
  // widget's own files stay dist's (../landscape.js and what it fetches).
  const common = { bundle: true, minify: true, format: "esm", target: "es2020", logLevel: "error", legalComments: "none" };
  await build({ ...common, entryPoints: [join(PAGES, "widget-page.js")], outfile: join(BENCH, "widget.js"), external: ["../landscape.js"] });
  await build({ ...common, entryPoints: [join(PAGES, "echarts-page.js")], outfile: join(BENCH, "echarts.js") });
  writeFileSync(join(BENCH, "widget.html"), html("widget", `<div id="widget" style="width:1200px;height:700px"></div>`, "widget.js"));
  writeFileSync(join(BENCH, "echarts.html"), html("echarts", `<div id="chart" style="width:1200px;height:700px"></div>`, "echarts.js"));

  // The atlas with ISO alpha-2 ids (the data file's country codes), as web/tools/build-map.mjs
  // maps them; a portal would ship such a file beside its page.
  const iso = require("i18n-iso-countries");
  const topology = JSON.parse(readFileSync(require.resolve("world-atlas/countries-110m.json"), "utf8"));
  const byName = { Kosovo: "XK" };
  for (const g of topology.objects.countries.geometries) {
    g.id = (g.id ? iso.numericToAlpha2(g.id) : byName[g.properties.name]) || g.properties.name;
    delete g.properties;
  }
  writeFileSync(join(BENCH, "world-110m.json"), JSON.stringify(topology));
}

// A generated data file of n observations under build/bench/data/, written once per size and run
// (never one left by an older generate.mjs).
const written = new Set();
export function dataFile(n) {
  const name = `generated-${n}.json`;
  const file = join(BENCH, "data", name);
  if (!written.has(file)) { writeFileSync(file, generateDataset(n)); written.add(file); }
  return { url: `/bench/data/${name}`, file, bytes: readFileSync(file).length };
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".wasm": "application/wasm" };

// A body sent at `rate` bytes per second: every 10 ms, what the time since the first byte allows
// (DevTools' network throttling gives well below the speed asked on these machines).
function pace(res, body, rate) {
  const start = performance.now();
  let sent = 0;
  const tick = () => {
    const due = Math.min(body.length, Math.round((performance.now() - start) / 1000 * rate) + 65536);
    if (due > sent) { res.write(body.subarray(sent, due)); sent = due; }
    if (sent < body.length) setTimeout(tick, 10);
    else res.end();
  };
  res.on("close", () => { sent = body.length; });
  tick();
}

// dist/ as web/tools/serve.mjs serves it, and /bench/... from build/bench/ (?rate=B/s paces the body).
export async function servePages() {
  const routes = async (req, res, url) => {
    if (!url.pathname.startsWith("/bench/")) return false;
    const file = join(BENCH, normalize(decodeURIComponent(url.pathname.slice(7))).replace(/^(\.\.[/\\])+/, ""));
    const body = await readFile(file).catch(() => null);
    if (!body) { res.writeHead(404, { "content-type": "text/plain" }).end("not found"); return true; }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream", "cache-control": "no-store", "content-length": body.length });
    const rate = Number(url.searchParams.get("rate"));   // ?rate=B/s: the body paced to that speed
    if (!rate) res.end(body);
    else pace(res, body, rate);
    return true;
  };
  const server = await startServer({ root: DIST, port: 0, routes });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    // The file a served path comes from (the download figures gzip what was fetched).
    fileOf: (path) => (path.startsWith("/bench/") ? join(BENCH, path.slice(7)) : join(DIST, path === "/" ? "index.html" : path.slice(1))),
    close: () => new Promise((ok) => { server.close(ok); server.closeAllConnections(); }),
  };
}
