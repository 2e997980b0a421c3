// ./landscape bench: every figure as a ratio against a baseline measured in the same run (these
// machines are shared and noisy), printed as a table and written to bench/results.json.
//
//   node tests/bench/run.mjs [--quick] [--fuzz-seconds N] [--only figure[,figure...]]
//
// --quick: smaller files (200k for 1M), fewer runs, 20 s of fuzzing. --only runs the named figures
// (the keys below) and prints them without writing bench/results.json.
//
// Figures (key: what, vs which baseline [goal]); the browser ones are in tests/bench/browser.mjs,
// the pages they open in tests/bench/pages/ (built into build/bench/ by tests/bench/pages.mjs):
//   download:    gzip -9 (and brotli) bytes the demo page fetches before its first frame, fonts,
//                map and lazily fetched parts included, data file excluded, vs a bare ImGui page
//                (core + GL3 backend + nlohmann parse) [<= 250 KB, aim <= 200]
//   first-frame: navigation to first frame with the demo data vs the bare page's first frame [<= 1.2x]
//   free:        navigation to page free again (the first animation frame on time after the first
//                frame with data) on a page drawing the regional map of Meta's revenue, vs an ECharts
//                6.1 page drawing the same map [<= 1.0x]; and the longest main-thread task from the
//                first frame with data to 3 s after it (traced), vs the same ECharts page [<= 50 ms]
//   native:      load + validate + index of 200,000 observations vs nlohmann::json::parse [<= 1.0x]
//   sheets:      import of 1,000,000 rows from CSV, lint of them, diff of two editions, vs the loader
//                on the same data as JSON [<= 2x, <= 3x, <= 3x]
//   load:        load(url) of a 1M-observation file vs fetch + text + setData of it [<= 1.0x]
//   throttled:   first byte to data shown for that file over a 20 MB/s link (paced by the server)
//                vs the download alone [<= 1.15x]
//   setdata:     setData of 200,000 observations vs JSON.parse of the same text [<= 1.5x]
//   memory:      WebAssembly.Memory bytes per observation after the first load of 1M into a fresh
//                widget [<= 48 B]; peak JS heap during that load / file size [<= 0.5]; wasm memory
//                after 20 loads vs after 2 [1.0x]; wasm and JS memory after load at 10k, 100k, 1M
//   frames:      frame time per view at 1M vs the demo data, and while the pointer moves over map,
//                trend and table (main-thread time per frame) [<= 2x]
//   idle:        frames rendered in 5 s without input [0]; renderer CPU idle vs a blank page [<= 2x]
//   fuzz:        the loader under libFuzzer [0 crashes; execs/s]
// Beside it, tests/bench/ab-frames.mjs times another build's frames against dist/ in one browser,
// interleaved (a change's "no view slower by more than 10 %" check; separate runs are too noisy).
import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync, readFileSync, mkdirSync, existsSync, openSync, closeSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../browser/harness.mjs";
import { buildPages, servePages } from "./pages.mjs";
import * as figures from "./browser.mjs";

const started = Date.now();
const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : null; };
const quick = process.argv.includes("--quick");
const fuzzSeconds = arg("--fuzz-seconds") ? Number(arg("--fuzz-seconds")) : quick ? 20 : 600;
const Browser = { download: figures.download, "first-frame": figures.firstFrame, free: figures.freePage, load: figures.loadUrl,
  throttled: figures.throttled, setdata: figures.setDataVsParse, memory: figures.memory, frames: figures.frames, idle: figures.idle };
const Keys = ["native", "sheets", ...Object.keys(Browser), "fuzz"];
const only = arg("--only") ? arg("--only").split(",") : null;
for (const k of only || []) if (!Keys.includes(k)) { console.error(`bench: unknown figure "${k}" (one of: ${Keys.join(", ")})`); process.exit(2); }
const wanted = (k) => !only || only.includes(k);
const results = [];
function record(figure, value, baseline, goal, unit = "", note = "") {
  const ratio = baseline && value != null ? value / baseline : null;
  results.push({ figure, value, baseline, ratio, goal, unit, note });
  const fmt = (v) => (v == null ? "-" : typeof v === "number" ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2)) : v);
  console.log(`${figure.padEnd(52)} ${fmt(value).padStart(8)} ${unit.padEnd(6)} baseline ${fmt(baseline).padStart(8)}  ratio ${fmt(ratio).padStart(6)}  goal ${goal}${note ? "  (" + note + ")" : ""}`);
}

// --- native: load vs nlohmann parse --------------------------------------------------------------
const benchCore = join(ROOT, "build", "native", "landscape_bench_core");
if (!wanted("native")) { /* not asked for */ } else if (existsSync(benchCore)) {
  const out = execFileSync(benchCore, [quick ? "50000" : "200000"], { encoding: "utf8" });
  const get = (k) => { const m = out.match(new RegExp(`^${k}\\t([0-9.eE+-]+)`, "m")); return m ? Number(m[1]) : null; };
  for (const form of ["object", "compact"]) {
    const load = get(`${form}_load_ms`), parse = get(`${form}_dom_parse_ms`);
    if (load != null && parse != null) record(`native load+validate+index, ${form} form`, load, parse, "<= 1.0x", "ms");
  }
  const bpo = get("resident_bytes_per_observation");
  if (bpo != null) record("native resident bytes per observation (1M)", bpo, null, "<= 48", "B");
} else console.log("native bench: build/native/landscape_bench_core is missing");

// --- sheets: the researcher's commands vs the loader (issue #13) ------------------------------------
// import of N observation rows from CSV, lint of the file, diff of two editions: each as a ratio to
// LoadDataset of the same data as JSON (both editions for diff), measured in one process.
const benchSheets = join(ROOT, "build", "native", "landscape_bench_sheets");
if (!wanted("sheets")) { /* not asked for */ } else if (existsSync(benchSheets)) {
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

// --- browser figures: one browser, one server, pages built in this run ---------------------------
const browserKeys = Object.keys(Browser).filter(wanted);
if (browserKeys.length) {
  const t0 = Date.now();
  await buildPages();
  const browser = await figures.launchBench();
  const site = await servePages();
  try {
    for (const k of browserKeys) {
      const t = Date.now();
      await Browser[k]({ browser, site, record, quick });
      console.log(`  (${k}: ${((Date.now() - t) / 1000).toFixed(0)} s)`);
    }
  } finally {
    await browser.close();
    await site.close();
  }
  console.log(`browser figures: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

// --- fuzzing ----------------------------------------------------------------------------------------
const fuzzer = join(ROOT, "build", "fuzz", "landscape_fuzz_loader");
if (!wanted("fuzz")) { /* not asked for */ } else if (existsSync(fuzzer)) {
  const corpus = join(ROOT, "build", "fuzz", "corpus");
  mkdirSync(corpus, { recursive: true });
  // libFuzzer's output goes to a file: over minutes it outgrows spawnSync's 1 MB buffer, which
  // would kill the run and read as a crash.
  const log = join(ROOT, "build", "fuzz", "bench-run.log");
  const fd = openSync(log, "w");
  const r = spawnSync(fuzzer, [corpus, join(ROOT, "tests", "data", "bad"), `-max_total_time=${fuzzSeconds}`, "-print_final_stats=1"], { stdio: ["ignore", fd, fd] });
  closeSync(fd);
  const text = readFileSync(log, "utf8");
  const execs = Number((text.match(/stat::number_of_executed_units:\s*(\d+)/) || [])[1] || 0);
  const crashed = r.status !== 0;
  record(`fuzzing the loader, ${fuzzSeconds} s`, crashed ? 1 : 0, null, "0 crashes", "crash", `${Math.round(execs / fuzzSeconds)} execs/s${crashed ? "; see build/fuzz/bench-run.log" : ""}`);
} else console.log("fuzzing: build/fuzz/landscape_fuzz_loader is missing (./landscape bench builds it)");

console.log(`bench: ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
if (only) console.log("--only: bench/results.json left as it was");
else {
  mkdirSync(join(ROOT, "bench"), { recursive: true });
  writeFileSync(join(ROOT, "bench", "results.json"), JSON.stringify({ when: new Date().toISOString(), quick, seconds: Math.round((Date.now() - started) / 1000), results }, null, 1) + "\n");
  console.log("written: bench/results.json");
}
