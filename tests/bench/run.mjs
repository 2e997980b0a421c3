// ./landscape bench: every figure as a ratio against a baseline measured in the same run (these
// machines are shared and noisy), printed as a table and written to bench/results.json.
//
//   node tests/bench/run.mjs [--quick] [--fuzz-seconds N]
//
// Figures (goal in brackets):
//   download: gzip bytes the demo page fetches before its first frame, dataset excluded, vs a bare
//             ImGui page (core + GL3 backend + nlohmann parse) [<= 1.6x, <= 250 KB]
//   first frame: navigation to first frame with the demo data vs the bare page's first frame [<= 1.5x]
//   native load: load + validate + index of 200,000 observations vs nlohmann::json::parse [<= 1.0x]
//   sheets: import of 1,000,000 rows from CSV, lint of them, diff of two editions, vs the loader on
//           the same data as JSON [<= 2x, <= 3x, <= 3x]
//   setData: 200,000 observations in the browser vs JSON.parse of the same text [<= 3x]
//   idle frames: frames rendered in 5 s without input [0]
//   idle CPU: the renderer process's CPU time over 5 s idle with the widget vs a blank page [<= 2x]
//   frame time per view: at 1,000,000 observations vs the demo data [<= 2x]
//   heap per observation at 1,000,000 [<= 48 B]
//   fuzzing: the loader under libFuzzer [0 crashes; execs/s]
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync, copyFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { launch, serve, openPage, ROOT, DIST } from "../browser/harness.mjs";
import { generateDataset } from "../browser/generate.mjs";

const quick = process.argv.includes("--quick");
const fuzzArg = process.argv.indexOf("--fuzz-seconds");
const fuzzSeconds = fuzzArg > 0 ? Number(process.argv[fuzzArg + 1]) : quick ? 20 : 600;
const results = [];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
function record(figure, value, baseline, goal, unit = "", note = "") {
  const ratio = baseline ? value / baseline : null;
  results.push({ figure, value, baseline, ratio, goal, unit, note });
  const fmt = (v) => (v == null ? "-" : typeof v === "number" ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2)) : v);
  console.log(`${figure.padEnd(44)} ${fmt(value).padStart(10)} ${unit.padEnd(6)} baseline ${fmt(baseline).padStart(10)}  ratio ${fmt(ratio).padStart(6)}  goal ${goal}${note ? "  (" + note + ")" : ""}`);
}

// --- the bare page, built by the wasm preset next to the widget ---------------------------------
const wasmOut = join(ROOT, "build", "wasm", "wasm", "platform");
const benchDir = join(DIST, "bench");
mkdirSync(benchDir, { recursive: true });
copyFileSync(join(wasmOut, "bare-core.js"), join(benchDir, "bare-core.js"));
copyFileSync(join(wasmOut, "bare-core.wasm"), join(benchDir, "bare-core.wasm"));
writeFileSync(join(benchDir, "bare.html"), `<!DOCTYPE html><html><head><meta charset="utf-8"><title>bare</title></head>
<body style="margin:0"><canvas id="c" width="1200" height="600"></canvas><script type="module" src="bare.js"></script></body></html>`);
writeFileSync(join(benchDir, "bare.js"), `import Factory from "./bare-core.js";
const canvas = document.getElementById("c");
const text = await (await fetch("../data/landscape.json")).text();
const m = await Factory({ canvas });
m._bare_init(1200, 600);
const bytes = new TextEncoder().encode(text);
const ptr = m._malloc(bytes.length); m.HEAPU8.set(bytes, ptr); m._bare_set_data(ptr, bytes.length); m._free(ptr);
requestAnimationFrame(() => { m._bare_frame(1200, 600); window.firstFrame = performance.now(); });`);
writeFileSync(join(benchDir, "blank.html"), "<!DOCTYPE html><html><head><meta charset='utf-8'><title>blank</title></head><body></body></html>");

// --- 1. download size ----------------------------------------------------------------------------
const gz = (f) => gzipSync(readFileSync(f), { level: 9 }).length;
const widgetFiles = ["index.html", "page.css", "index.js", "landscape.js", "landscape-core.js", "landscape-core.wasm"];
const bareFiles = ["bench/bare.html", "bench/bare.js", "bench/bare-core.js", "bench/bare-core.wasm"];
const widgetBytes = widgetFiles.reduce((n, f) => n + gz(join(DIST, f)), 0);
const bareBytes = bareFiles.reduce((n, f) => n + gz(join(DIST, f)), 0);
record("download before first frame (gzip)", widgetBytes / 1024, bareBytes / 1024, "<= 1.6x, <= 250 KB", "KB");

// --- 2. native load vs nlohmann parse --------------------------------------------------------------
const benchCore = join(ROOT, "build", "native", "landscape_bench_core");
if (existsSync(benchCore)) {
  const out = execFileSync(benchCore, [quick ? "50000" : "200000"], { encoding: "utf8" });
  const get = (k) => { const m = out.match(new RegExp(`^${k}\\t([0-9.eE+-]+)`, "m")); return m ? Number(m[1]) : null; };
  for (const form of ["object", "compact"]) {
    const load = get(`${form}_load_ms`), parse = get(`${form}_dom_parse_ms`);
    if (load != null && parse != null) record(`native load+validate+index, ${form} form`, load, parse, "<= 1.0x", "ms");
  }
  const bpo = get("resident_bytes_per_observation");
  if (bpo != null) record("native resident bytes per observation (1M)", bpo, null, "<= 48", "B");
} else console.log("native bench: build/native/landscape_bench_core is missing");

// --- 2b. the researcher's commands vs the loader (issue #13) -----------------------------------------
// import of N observation rows from CSV, lint of the file, diff of two editions: each as a ratio to
// LoadDataset of the same data as JSON (both editions for diff), measured in one process.
const benchSheets = join(ROOT, "build", "native", "landscape_bench_sheets");
if (existsSync(benchSheets)) {
  const rows = quick ? "200000" : "1000000";
  const out = execFileSync(benchSheets, [rows], { encoding: "utf8", maxBuffer: 1 << 20 });
  const get = (k) => { const m = out.match(new RegExp(`^${k}\\t([0-9.eE+-]+)`, "m")); return m ? Number(m[1]) : null; };
  const n = `${Number(rows) / 1e6}M`;
  const load = get("sheets_load_ms"), both = get("sheets_load_both_ms");
  if (load != null) {
    record(`native import ${n} rows from CSV vs loader (JSON)`, get("sheets_import_csv_ms"), load, "<= 2x", "ms");
    record(`native lint ${n} (${get("sheets_lint_findings")} findings) vs loader`, get("sheets_lint_ms"), load, "<= 3x", "ms");
    record(`native diff of two ${n} editions vs loading both`, get("sheets_diff_ms"), both, "<= 3x", "ms");
  }
} else console.log("native bench: build/native/landscape_bench_sheets is missing");

// --- browser figures -------------------------------------------------------------------------------
const browser = await launch();
const site = await serve();
try {
  // 3. first frame, median of 5
  const widgetTimes = [], bareTimes = [];
  for (let i = 0; i < 5; i++) {
    const w = await openPage(browser, `${site.url}/index.html`, { waitFor: "window.explorer" });
    widgetTimes.push(await w.page.evaluate(() => window.explorerFirstFrameMs || performance.now()));
    await w.context.close();
    const b = await openPage(browser, `${site.url}/bench/bare.html`, { waitFor: "window.firstFrame" });
    bareTimes.push(await b.page.evaluate(() => window.firstFrame));
    await b.context.close();
  }
  record("navigation to first frame with data", median(widgetTimes), median(bareTimes), "<= 1.5x", "ms", "median of 5");

  // 4. setData of 200,000 observations vs JSON.parse; heap at 1,000,000
  const { page, context } = await openPage(browser, `${site.url}/index.html`);
  const n = quick ? 50000 : 200000;
  const big = generateDataset(n);
  const timing = await page.evaluate(async (text) => {
    const t0 = performance.now(); JSON.parse(text); const parse = performance.now() - t0;
    const t1 = performance.now(); await window.explorer.setData(text); const set = performance.now() - t1;
    return { parse, set };
  }, big);
  record(`setData of ${n.toLocaleString("en")} observations`, timing.set, timing.parse, "<= 3x", "ms", "vs JSON.parse");

  // 5. idle frames and 7. frame time per view
  const views = ["map", "trend", "compare", "share", "table", "sources"];
  const frameTimes = async () => {
    const out = {};
    for (const v of views) {
      await page.evaluate((view) => window.explorer.setState({ view }), v);
      // Median of 7 batches of 40 frames: one batch can catch a garbage collection.
      const batches = [];
      for (let k = 0; k < 7; k++) batches.push(await page.evaluate(() => window.explorer.measureFrames(40)));
      out[v] = median(batches);
    }
    return out;
  };
  const demoText = readFileSync(join(ROOT, "data", "landscape.json"), "utf8");
  await page.evaluate((t) => window.explorer.setData(t), demoText);
  const demoFrames = await frameTimes();
  const million = generateDataset(quick ? 200000 : 1000000);
  const heapBefore = await page.evaluate(() => window.explorer.stats().heapBytes);
  await page.evaluate((t) => window.explorer.setData(t), million);
  const s1m = await page.evaluate(() => window.explorer.stats());
  const bigFrames = await frameTimes();
  for (const v of views) record(`frame time, ${v} view, ${quick ? "200k" : "1M"} obs`, bigFrames[v], demoFrames[v], "<= 2x", "ms", "median of 7 means of 40 frames");
  record("wasm resident bytes per observation", s1m.residentBytes / s1m.observations, null, "<= 48", "B", `heap ${Math.round(heapBefore / 1e6)} -> ${Math.round(s1m.heapBytes / 1e6)} MB`);

  await page.evaluate(() => window.explorer.setState({ view: "map" }));
  await page.mouse.move(5, 5);
  await page.waitForTimeout(1500);
  const f0 = await page.evaluate(() => window.explorer.stats().framesRendered);
  await page.waitForTimeout(5000);
  const f1 = await page.evaluate(() => window.explorer.stats().framesRendered);
  record("frames rendered in 5 s idle", f1 - f0, null, "0", "frames");
  await context.close();

  // 6. idle CPU over 5 s (mean of three windows): the renderer process (the page's own), with all
  // of Chromium's processes and the page's main-thread task time (CDP) beside it.
  const cpuOf = async (url, waitFor) => {
    const p = await openPage(browser, url, { waitFor });
    const cdp = await p.context.newCDPSession(p.page);
    await cdp.send("Performance.enable");
    const taskMs = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration").value * 1000;
    await p.page.waitForTimeout(2000);
    const a = chromiumCpuMs(), ta = await taskMs();
    await p.page.waitForTimeout(15000);
    const b = chromiumCpuMs(), tb = await taskMs();
    await p.context.close();
    return { renderer: (b.renderer - a.renderer) / 3, all: (b.all - a.all) / 3, task: (tb - ta) / 3 };
  };
  const blank = await cpuOf(`${site.url}/bench/blank.html`, null);
  const idle = await cpuOf(`${site.url}/index.html`, "window.explorer");
  record("renderer CPU time over 5 s idle", idle.renderer, blank.renderer, "<= 2x", "ms",
    `mean of 3 windows; all Chromium processes ${idle.all.toFixed(1)} ms (blank ${blank.all.toFixed(1)}), ` +
    `page main thread ${idle.task.toFixed(1)} ms (blank ${blank.task.toFixed(1)})`);
} finally {
  await browser.close();
  await site.close();
}

// --- fuzzing ----------------------------------------------------------------------------------------
const fuzzer = join(ROOT, "build", "fuzz", "landscape_fuzz_loader");
if (existsSync(fuzzer)) {
  const corpus = join(ROOT, "build", "fuzz", "corpus");
  mkdirSync(corpus, { recursive: true });
  const r = spawnSync(fuzzer, [corpus, join(ROOT, "tests", "data", "bad"), `-max_total_time=${fuzzSeconds}`, "-print_final_stats=1"], { encoding: "utf8" });
  const text = (r.stderr || "") + (r.stdout || "");
  const execs = Number((text.match(/stat::number_of_executed_units:\s*(\d+)/) || [])[1] || 0);
  const crashed = r.status !== 0;
  record(`fuzzing the loader, ${fuzzSeconds} s`, crashed ? 1 : 0, null, "0 crashes", "crash", `${Math.round(execs / fuzzSeconds)} execs/s`);
} else console.log("fuzzing: build/fuzz/landscape_fuzz_loader is missing (./landscape bench builds it)");

mkdirSync(join(ROOT, "bench"), { recursive: true });
writeFileSync(join(ROOT, "bench", "results.json"), JSON.stringify({ when: new Date().toISOString(), quick, results }, null, 1) + "\n");
console.log("\nwritten: bench/results.json");

// CPU time (ms) of Chromium's processes: all of them, and the renderers (the pages' own processes).
// From /proc/<pid>/task/<tid>/schedstat (nanoseconds on CPU per thread): /proc/<pid>/stat counts
// 10 ms ticks, too coarse for an idle page.
function chromiumCpuMs() {
  const pids = (spawnSync("pgrep", ["-f", "chromium"], { encoding: "utf8" }).stdout || "").split(/\s+/).filter(Boolean);
  let all = 0, renderer = 0;
  for (const pid of pids) {
    try {
      const isRenderer = readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--type=renderer");
      let ns = 0;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        try { ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]); } catch { /* the thread ended */ }
      }
      all += ns / 1e6;
      if (isRenderer) renderer += ns / 1e6;
    } catch { /* the process ended */ }
  }
  return { all, renderer };
}
