// Writes wasm/platform/split-keep.txt: the functions the portal wasm's first part keeps (the rest
// goes to landscape-core.deferred.wasm, wasm/platform/split_wasm.mjs). A developer step, run
// after a change to what the map's first frame runs (tests/browser/split.test.mjs fails then:
// the demo page's first frame called a placeholder):
//
//   flock /tmp/landscape-heavy.lock ./landscape build     # dist/ and the profile link
//   node web/tools/split-keep.mjs                         # then build again and commit the list
//
// How: binaryen's `wasm-split --instrument` makes a copy of the portal link's whole wasm
// (build/wasm/.../landscape-core.wasm, with function names; its glue is dist/landscape-core.js)
// that records which functions ran. dist/ is served with that copy as landscape-core.wasm (a whole wasm: the widget
// then fetches no deferred part), and each page below is opened in Chromium up to what a reader
// sees before touching anything, plus the pointer moving over the map (a reader may do that while
// the deferred part is on its way). Every function that ran in any of them is kept.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, serve, openPage, htmlPage, routesFrom, untilQuiet } from "../../tests/browser/harness.mjs";
import { readWasm } from "./wasm-sections.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const profileWasm = join(root, "build", "wasm", "wasm", "platform", "landscape-core.wasm");
const keepFile = join(root, "wasm", "platform", "split-keep.txt");
const features = ["--enable-sign-ext", "--enable-nontrapping-float-to-int", "--enable-mutable-globals"];

// Each run: a data file (served at /data/…) and a viewport. The demo data at desktop and phone
// size, as the demo page opens it (hash on, theme auto), and the map of the test data files.
const runs = [
  { name: "demo, desktop", file: join(root, "data", "landscape.json"), width: 1200, height: 900, scale: 1 },
  { name: "demo, phone", file: join(root, "data", "landscape.json"), width: 375, height: 700, scale: 2 },
  { name: "demo, dark", file: join(root, "data", "landscape.json"), width: 1200, height: 900, scale: 1, dark: true },
  // The data arriving slowly: the frames drawn while it loads (the progress bar) run first too.
  { name: "demo, slow data", file: join(root, "data", "landscape.json"), width: 1200, height: 900, scale: 1, slow: true },
  { name: "minimal", file: join(root, "tests", "data", "minimal.json"), width: 1200, height: 900, scale: 1 },
  { name: "other field", file: join(root, "tests", "data", "other-field", "music-streaming.json"), width: 1200, height: 900, scale: 1 },
  { name: "scripts", file: join(root, "tests", "data", "scripts", "scripts.json"), width: 1200, height: 900, scale: 1 },
  { name: "long names", file: join(root, "tests", "data", "long-names", "long-names.json"), width: 1200, height: 900, scale: 1 },
  // A host's first state (createLandscape's `state`, the element's attributes) and a shared link to
  // a map: the state's reading and checking run before the first frame too. One state has an id the
  // data lacks: the start-up warning is a common first frame (a host's typo).
  { name: "demo, map state", file: join(root, "data", "landscape.json"), width: 1200, height: 900, scale: 1,
    state: { view: "map", metric: "revenue-by-user-geography", entities: ["meta"], granularity: "quarter" } },
  { name: "demo, map state with an unknown id", file: join(root, "data", "landscape.json"), width: 1200, height: 900, scale: 1,
    state: { view: "map", metric: "facebook-dau", entities: ["facebook", "no-such-platform"], period: "2023-Q2", scale: "log" } },
  { name: "demo, map link", file: join(root, "data", "landscape.json"), width: 1200, height: 900, scale: 1,
    hash: "#ls1:view=map&metric=facebook-dau&entities=facebook,snapchat&period=2023-Q2&scale=log" },
];

const work = mkdtempSync(join(tmpdir(), "landscape-split-keep-"));
const instrumented = join(work, "instrumented.wasm");
execFileSync("wasm-split", ["--instrument", profileWasm, ...features, "-o", instrumented], { stdio: "inherit" });
const instrumentedBytes = readFileSync(instrumented);
// The name section's function names, by function index (imports first: the profile counts
// defined functions only).
const { importedFunctions: imported, names } = readWasm(readFileSync(profileWasm), profileWasm);

// Records the instances the page makes (core.js instantiates the compiled module itself).
function recordInstances() {
  const instantiate = WebAssembly.instantiate;
  window.__instances = [];
  WebAssembly.instantiate = async (...args) => {
    const result = await instantiate.apply(WebAssembly, args);
    window.__instances.push(result.instance || result);
    return result;
  };
}

const used = new Set();
const browser = await launch();
try {
  for (const run of runs) {
    const table = {
      "/landscape-core.wasm": (req, res) => res.writeHead(200, { "content-type": "application/wasm" }).end(instrumentedBytes),
      "/data/run.json": async (req, res) => {
        const bytes = readFileSync(run.file);
        res.writeHead(200, { "content-type": "application/json" });
        const pieces = run.slow ? 10 : 1;
        for (let i = 0; i < pieces; i++) {
          res.write(bytes.subarray(Math.floor((bytes.length * i) / pieces), Math.floor((bytes.length * (i + 1)) / pieces)));
          if (run.slow) await new Promise((ok) => setTimeout(ok, 150));   // a slow link, not a wait for the page
        }
        res.end();
      },
      "/split-keep.html": htmlPage('<div id="landscape" style="width: 100%; height: 560px"></div>',
        `import { createLandscape } from "/landscape.js";
         window.explorer = await createLandscape(document.getElementById("landscape"),
           { src: "/data/run.json", theme: "auto", hash: true, ...${JSON.stringify(run.state ? { state: run.state } : {})} });`),
    };
    const site = await serve({ routes: routesFrom(table) });
    const { page, context, errors } = await openPage(browser, `${site.url}/split-keep.html${run.hash || ""}`, {
      width: run.width, height: run.height, scale: run.scale, init: recordInstances,
      contextOptions: { colorScheme: run.dark ? "dark" : "light" },
    });
    try {
      await untilQuiet(page);
      // The pointer over the map, as a reader may move it before the deferred part is there.
      const box = await page.locator("#landscape").boundingBox();
      for (let i = 0; i <= 12; i++) await page.mouse.move(box.x + box.width * (0.15 + 0.05 * i), box.y + box.height * 0.55);
      await untilQuiet(page);
      const profile = await page.evaluate(() => {
        const instance = window.__instances[0];
        const memory = Object.values(instance.exports).find((e) => e instanceof WebAssembly.Memory);
        const at = memory.grow(1) * 65536;   // a page of its own, beyond what the allocator knows
        const length = instance.exports.__write_profile(at, 65536);
        return Array.from(new Uint8Array(memory.buffer, at, length));
      });
      if (errors.length) throw new Error(`${run.name}: console errors: ${errors.join("; ")}`);
      // The profile: an 8-byte hash of the module, then one 4-byte timestamp per defined
      // function, in order (0: it never ran).
      const defined = (profile.length - 8) / 4;
      let ran = 0;
      for (let k = 0; k < defined; k++) {
        const at = 8 + 4 * k;
        if (profile[at] | profile[at + 1] | profile[at + 2] | profile[at + 3]) {
          const name = names.get(imported + k);
          if (!name) throw new Error(`function ${imported + k} has no name`);
          used.add(name);
          ran++;
        }
      }
      console.log(`split-keep: ${run.name}: ${ran} of ${defined} functions ran`);
    } finally {
      await context.close();
      await site.close();
    }
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}

const counts = new Map();
for (const n of names.values()) counts.set(n, (counts.get(n) || 0) + 1);
const ambiguous = [...used].filter((n) => counts.get(n) > 1);
if (ambiguous.length) console.warn(`split-keep: ${ambiguous.length} names are not unique in the name section: ${ambiguous.slice(0, 5).join(" | ")}`);

const header = `# The functions the portal wasm's first part (dist/landscape-core.wasm) keeps; the rest go to
# landscape-core.deferred.wasm, fetched after the first frame (wasm/platform/split_wasm.mjs,
# web/widget/deferred.js). Made by web/tools/split-keep.mjs from what ran in
# Chromium, one widget on the map, each up to its first quiet frame and then the pointer moving
# over the map: ${runs.map((r) => r.name).join("; ")}.
# One name per line, as the link's name section spells it. Made again after changing what the
# map's first frame runs (tests/browser/split.test.mjs fails then).
`;
writeFileSync(keepFile, header + [...used].sort().join("\n") + "\n");
console.log(`split-keep: ${used.size} functions written to ${keepFile}`);
