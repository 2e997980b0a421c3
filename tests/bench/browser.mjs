// The bench's browser figures (issue #14's table), each a function of one shared browser and
// server; tests/bench/run.mjs calls the ones asked for and records them. Every figure is a ratio
// against a baseline measured here in the same run, on the same machine. Only the widget's public
// API (createLandscape, load, setData, setState, stats, measureFrames) and page-level
// instrumentation (tests/bench/pages/free.js, resource timing, performance.memory, CDP) are used,
// so the figures follow the widget's own changes without edits here.
//
// Index
//  [SECTION] Shared helpers
//  [SECTION] Start-up: bytes, first frame, a free page, long tasks
//  [SECTION] Loading: load(url) vs fetch + setData, a throttled link, setData vs JSON.parse
//  [SECTION] Memory
//  [SECTION] Frames and idle
import { chromium } from "playwright-core";
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants as zlib } from "node:zlib";
import { spawnSync } from "node:child_process";
import { CHROMIUM_ARGS, openPage } from "../browser/harness.mjs";
import { dataFile } from "./pages.mjs";

// ---------------------------------------------------------------------------------------------
// [SECTION] Shared helpers
// ---------------------------------------------------------------------------------------------

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

// Precise performance.memory: the JS heap as bytes, not rounded buckets refreshed every 20 min.
export function launchBench() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true,
    args: [...CHROMIUM_ARGS, "--enable-precise-memory-info"] });
}

const widgetPage = (site, query = "") => `${site.url}/bench/widget.html${query}`;
const gc = async (page) => { const cdp = await page.context().newCDPSession(page); await cdp.send("HeapProfiler.collectGarbage"); await cdp.detach(); };
// performance.memory.usedJSHeapSize counts ArrayBuffers and strings, not WebAssembly.Memory.
const jsHeap = (page) => page.evaluate(() => performance.memory.usedJSHeapSize);

// The files a page fetched before `until` (ms after navigation), the document first: the served
// path of each, for the download figures to compress as a server would.
async function fetchedBefore(page, until) {
  const paths = await page.evaluate((t) => performance.getEntriesByType("resource")
    .filter((e) => e.startTime < t).map((e) => new URL(e.name).pathname), until);
  return [new URL(page.url()).pathname, ...paths];
}
function compressed(site, paths) {
  let gzip = 0, brotli = 0;
  for (const p of paths) {
    const body = readFileSync(site.fileOf(p));
    gzip += gzipSync(body, { level: 9 }).length;
    brotli += brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { gzip, brotli };
}
const isData = (p) => /\/data\//.test(p);

// ---------------------------------------------------------------------------------------------
// [SECTION] Start-up: bytes, first frame, a free page, long tasks
// ---------------------------------------------------------------------------------------------

// The demo page's first frame with data: the widget's "landscape:first-frame" performance mark
// (widget.js). createLandscape() resolves later, once the wasm's deferred part is installed.
const FirstFrameMark = `performance.getEntriesByName("landscape:first-frame")`;
const firstFrameAt = (page) => page.evaluate(`${FirstFrameMark}[0].startTime`);

// Bytes before the first frame: every file the demo page asks for before its first frame with data
// (fonts, map and lazily fetched parts included, whatever the build splits off), the data file
// excluded; against the bare ImGui page, which fetches the same data.
export async function download({ browser, site, record }) {
  const w = await openPage(browser, `${site.url}/index.html`, { waitFor: "window.explorerFirstFrameMs" });
  await w.page.waitForTimeout(1000);   // a resource timing entry appears when its response has ended
  const widgetPaths = (await fetchedBefore(w.page, await firstFrameAt(w.page))).filter((p) => !isData(p));
  await w.context.close();
  const b = await openPage(browser, `${site.url}/bench/bare.html`, { waitFor: "window.firstFrame" });
  const barePaths = (await fetchedBefore(b.page, await b.page.evaluate(() => window.firstFrame))).filter((p) => !isData(p));
  await b.context.close();
  const widget = compressed(site, widgetPaths), bare = compressed(site, barePaths);
  record("download before first frame (gzip -9)", widget.gzip / 1024, bare.gzip / 1024, "<= 250 KB, aim <= 200", "KB",
    `vs bare ImGui page; ${widgetPaths.length} files: ${widgetPaths.map((p) => p.replace(/^\//, "")).join(" ")}`);
  record("download before first frame (brotli 11)", widget.brotli / 1024, bare.brotli / 1024, "report", "KB", "vs bare ImGui page");
}

// Navigation to the first frame with data: the demo page (its first widget's first-frame mark) vs the bare page.
export async function firstFrame({ browser, site, record }) {
  const widgetTimes = [], bareTimes = [];
  for (let i = 0; i < 5; i++) {
    const w = await openPage(browser, `${site.url}/index.html`, { waitFor: `${FirstFrameMark}.length > 0` });
    widgetTimes.push(await firstFrameAt(w.page));
    await w.context.close();
    const b = await openPage(browser, `${site.url}/bench/bare.html`, { waitFor: "window.firstFrame" });
    bareTimes.push(await b.page.evaluate(() => window.firstFrame));
    await b.context.close();
  }
  record("navigation to first frame with data", median(widgetTimes), median(bareTimes), "<= 1.2x", "ms", "vs bare ImGui page, median of 5");
}

// The widget page and the ECharts page draw the same map (pages/); free.js times both. Five
// runs of each, alternating: ready (first frame with data), free (the first animation frame
// after it that arrives on time), the bytes each fetched before ready; then traced runs for the
// longest main-thread task from ready to 3 s after it (every task, not only those over 50 ms).
export async function freePage({ browser, site, record, quick }) {
  const runs = { widget: [], echarts: [] };
  let bytes = {};
  for (let i = 0; i < 5; i++) {
    for (const name of ["widget", "echarts"]) {
      const p = await openPage(browser, `${site.url}/bench/${name}.html`, { waitFor: "window.bench && window.bench.done" });
      const b = await p.page.evaluate(() => window.bench);
      runs[name].push(b);
      if (i === 0) bytes[name] = compressed(site, (await fetchedBefore(p.page, b.ready)).filter((x) => !isData(x)));
      if (p.errors.length) throw new Error(`bench ${name} page: ${p.errors.join("; ")}`);
      await p.context.close();
    }
  }
  // A page with no frame on time within the 3 s counts as free at their end.
  const stat = (name, key) => median(runs[name].map((b) => b[key] ?? b.ready + 3000));
  const late = (name) => median(runs[name].map((b) => Math.max(...b.gaps)));
  const note = `ready ${stat("widget", "ready").toFixed(0)} vs ${stat("echarts", "ready").toFixed(0)} ms; ` +
    `longest frame gap after ready ${late("widget").toFixed(0)} vs ${late("echarts").toFixed(0)} ms; ` +
    `gzip before ready ${(bytes.widget.gzip / 1024).toFixed(0)} vs ${(bytes.echarts.gzip / 1024).toFixed(0)} KB ` +
    `(brotli ${(bytes.widget.brotli / 1024).toFixed(0)} vs ${(bytes.echarts.brotli / 1024).toFixed(0)}); median of 5`;
  record("navigation to page free again (map)", stat("widget", "free"), stat("echarts", "free"), "<= 1.0x", "ms", "vs ECharts 6.1 map; " + note);

  const longest = { widget: [], echarts: [] };
  for (let i = 0; i < (quick ? 1 : 3); i++)
    for (const name of ["widget", "echarts"]) longest[name].push(await longestTask(browser, `${site.url}/bench/${name}.html`));
  // Long tasks as the observer saw them, counted by their part inside the window, as traced.
  const inWindow = (b) => b.longtasks.filter(([s, d]) => Math.min(s + d, b.firstFrame + 3000) - Math.max(s, b.firstFrame) > 50).length;
  const lt = (name) => median(runs[name].map(inWindow));
  record("longest main-thread task, 3 s after first frame", median(longest.widget), median(longest.echarts), "<= 50 ms", "ms",
    `vs ECharts 6.1 map; traced, median of ${longest.widget.length}; long tasks (> 50 ms) in the window: ${lt("widget")} vs ${lt("echarts")}`);
}

// One traced page load: the longest task on the page's main thread from the first frame with data
// to 3 s after it (the task that holds the mark counts from the mark on): the widget's own
// "landscape:first-frame" mark (createLandscape() resolves later, once the wasm's deferred part is
// installed, and the first frame's compositor read-back falls between the two), else free.js's
// "bench-ready" (the ECharts page's first chart).
async function longestTask(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  await browser.startTracing(page, { categories: ["disabled-by-default-devtools.timeline", "blink.user_timing"] });
  await page.goto(url);
  await page.waitForFunction("window.bench && window.bench.done", null, { timeout: 30000 });
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  await context.close();
  const mark = events.find((e) => e.name === "landscape:first-frame") || events.find((e) => e.name === "bench-ready");
  if (!mark) throw new Error(`${url}: no first-frame or bench-ready mark in the trace`);
  const from = mark.ts, to = mark.ts + 3e6;
  let longest = 0;
  for (const e of events) {
    if (e.ph !== "X" || e.name !== "RunTask" || e.pid !== mark.pid || e.tid !== mark.tid) continue;
    const start = Math.max(e.ts, from), end = Math.min(e.ts + e.dur, to);
    if (end > start) longest = Math.max(longest, (end - start) / 1000);
  }
  return longest;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Loading: load(url) vs fetch + setData, a throttled link, setData vs JSON.parse
// ---------------------------------------------------------------------------------------------

// load(url) of the big file vs what a host would do by hand (fetch, text, setData), alternating.
export async function loadUrl({ browser, site, record, quick }) {
  const n = quick ? 200000 : 1000000;
  const file = dataFile(n);
  const p = await openPage(browser, widgetPage(site));
  const load = [], manual = [];
  for (let i = 0; i < 3; i++) {
    load.push(await p.page.evaluate(async (url) => { const t = performance.now(); await window.explorer.load(url); return performance.now() - t; }, `${file.url}?l=${i}`));
    manual.push(await p.page.evaluate(async (url) => {
      const t = performance.now();
      const text = await (await fetch(url)).text();
      await window.explorer.setData(text);
      return performance.now() - t;
    }, `${file.url}?m=${i}`));
  }
  await p.context.close();
  record(`load(url) of ${n / 1e6}M observations`, median(load), median(manual), "<= 1.0x", "ms",
    `vs fetch + text + setData; ${(file.bytes / 1e6).toFixed(1)} MB, median of 3`);
}

// Over a 20 MB/s link (the server paces the body; tests/bench/pages.mjs): from the first byte of
// the response (resource timing) to load() resolving (the data on screen), vs reading the same
// body and nothing else. A loader that parses while the body arrives ends soon after the last byte.
export async function throttled({ browser, site, record, quick }) {
  const n = quick ? 200000 : 1000000;
  const file = dataFile(n);
  const p = await openPage(browser, widgetPage(site));
  const shown = [], download = [];
  // Each URL is fetched once (a query makes it new), so its resource timing entry is that fetch's.
  const firstByte = (url) => p.page.evaluate((u) => performance.getEntriesByName(new URL(u, location.href).href).pop().responseStart, url);
  for (let i = 0; i < (quick ? 2 : 3); i++) {
    const d = `${file.url}?rate=20000000&d=${i}`, s = `${file.url}?rate=20000000&s=${i}`;
    const downloaded = await p.page.evaluate(async (url) => {
      const reader = (await fetch(url)).body.getReader();
      while (!(await reader.read()).done) { /* the bytes only */ }
      return performance.now();
    }, d);
    download.push(downloaded - await firstByte(d));
    const loaded = await p.page.evaluate(async (url) => { await window.explorer.load(url); return performance.now(); }, s);
    shown.push(loaded - await firstByte(s));
  }
  await p.context.close();
  record(`first byte to data shown, ${n / 1e6}M at 20 MB/s`, median(shown), median(download), "<= 1.15x", "ms",
    `vs the download alone; ${(file.bytes / 1e6).toFixed(1)} MB, median of ${shown.length}; the link gave ${(file.bytes / 1e3 / median(download)).toFixed(1)} MB/s`);
}

// setData of a generated text vs JSON.parse of the same text, in the same page.
export async function setDataVsParse({ browser, site, record, quick }) {
  const n = quick ? 50000 : 200000;
  const file = dataFile(n);
  const p = await openPage(browser, widgetPage(site));
  const runs = [];
  for (let i = 0; i < 3; i++) {
    runs.push(await p.page.evaluate(async (url) => {
      const text = await (await fetch(url)).text();
      const t0 = performance.now(); JSON.parse(text); const parse = performance.now() - t0;
      const t1 = performance.now(); await window.explorer.setData(text); const set = performance.now() - t1;
      return { parse, set };
    }, file.url));
  }
  await p.context.close();
  record(`setData of ${n.toLocaleString("en")} observations`, median(runs.map((r) => r.set)), median(runs.map((r) => r.parse)), "<= 1.5x", "ms", "vs JSON.parse, median of 3");
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Memory
// ---------------------------------------------------------------------------------------------

// A fresh widget (no data) loads a generated file: WebAssembly.Memory bytes and the JS heap after
// it (after a garbage collection), and the JS heap's peak while it loads (sampled every few ms
// and once at the end, before any collection: garbage not yet collected is memory the page holds).
async function freshLoad(browser, site, n) {
  const file = dataFile(n);
  const p = await openPage(browser, widgetPage(site, "?src=none"));
  await gc(p.page);
  const before = { js: await jsHeap(p.page), wasm: await p.page.evaluate(() => window.explorer.stats().heapBytes) };
  const peak = await p.page.evaluate(async (url) => {
    let peak = performance.memory.usedJSHeapSize;
    const sample = () => { peak = Math.max(peak, performance.memory.usedJSHeapSize); };
    const timer = setInterval(sample, 2);
    try { await window.explorer.load(url); } finally { clearInterval(timer); }
    sample();
    return peak;
  }, file.url);
  await gc(p.page);
  const s = await p.page.evaluate(() => window.explorer.stats());
  return { p, file, before, peak, after: { js: await jsHeap(p.page), wasm: s.heapBytes, used: s.heapUsedBytes, observations: s.observations, resident: s.residentBytes } };
}

export async function memory({ browser, site, record, quick }) {
  const mb = (b) => (b / 1e6).toFixed(1);
  const sizes = quick ? [10000, 100000] : [10000, 100000, 1000000];
  const rows = [];
  for (const n of sizes.slice(0, -1)) {
    const r = await freshLoad(browser, site, n);
    rows.push(`${n / 1000}k: wasm ${mb(r.after.wasm)} MB, JS ${mb(r.after.js)} MB`);
    await r.p.context.close();
  }
  const big = await freshLoad(browser, site, sizes[sizes.length - 1]);
  const label = `${sizes[sizes.length - 1] / 1e6}M`;
  rows.push(`${label}: wasm ${mb(big.after.wasm)} MB, JS ${mb(big.after.js)} MB`);
  record(`wasm memory per observation, first load of ${label}`, big.after.wasm / big.after.observations, null, "<= 48", "B",
    `WebAssembly.Memory bytes / observations (fresh widget: ${mb(big.before.wasm)} MB); the data's own ${(big.after.resident / big.after.observations).toFixed(1)} B`);
  record(`peak JS heap during load() of ${label} / file size`, (big.peak - big.before.js) / big.file.bytes, null, "<= 0.5", "x",
    `peak ${mb(big.peak)} MB over ${mb(big.before.js)} MB before, file ${mb(big.file.bytes)} MB`);
  const loads = quick ? 5 : 20;
  // After each load: the wasm memory (its high-water mark) and what malloc holds of it, in MB;
  // memory growing while the held bytes stay flat is the allocator's fragmentation.
  const trace = [`1: ${mb(big.after.wasm)}/${mb(big.after.used)}`];
  let afterTwo = 0, afterAll = 0;
  for (let i = 2; i <= loads; i++) {
    await big.p.page.evaluate((url) => window.explorer.load(url), `${big.file.url}?k=${i}`);
    const s = await big.p.page.evaluate(() => window.explorer.stats());
    trace.push(`${i}: ${mb(s.heapBytes)}/${mb(s.heapUsedBytes)}`);
    if (i === 2) afterTwo = s.heapBytes;
    afterAll = s.heapBytes;
  }
  await big.p.context.close();
  record(`wasm memory after ${loads} loads of ${label}`, afterAll / 1e6, afterTwo / 1e6, "1.0x (no growth)", "MB", "vs after 2 loads");
  record("memory after load (report)", null, null, "report", "", rows.join("; "));
  record("wasm memory / malloc'd after each load (report)", null, null, "report", "MB", trace.join(", "));
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Frames and idle
// ---------------------------------------------------------------------------------------------

const Views = ["map", "trend", "compare", "share", "table", "sources"];
const HoverViews = ["map", "trend", "table"];

// Per view: the widget's frame time (measureFrames: median of 7 means of 40 frames), and while
// the pointer moves over the view (real input through DevTools, a zigzag over the canvas, one
// move per frame): the mean of the widget's own time per frame (stats()), with the page's
// main-thread time per move (input, frames, mirror, the compositor's commit) beside it.
async function frameTimes(page, cdp) {
  const out = {};
  const taskMs = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration").value * 1000;
  // requestRedraw: a frame after every move, also where none would follow (nothing under the
  // pointer changed), so each view is timed over as many frames with input. stats().lastFrameMs is
  // the wasm's time for the frame that ran, drawn or (same picture as before) not.
  const afterFrame = () => page.evaluate(() => new Promise((r) => { window.explorer.requestRedraw(); requestAnimationFrame(() => setTimeout(() => {
    const s = window.explorer.stats();
    r({ frames: s.framesRendered, ms: s.lastFrameMs });
  }, 0)); }));
  for (const view of Views) {
    await page.evaluate((v) => window.explorer.setState({ view: v }), view);
    const batches = [];
    for (let k = 0; k < 7; k++) batches.push(await page.evaluate(() => window.explorer.measureFrames(40)));
    out[view] = { frame: median(batches) };
    if (!HoverViews.includes(view)) continue;
    const box = await page.evaluate(() => { const r = window.explorer.element.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
    await page.mouse.move(box.x + box.w * 0.1, box.y + box.h * 0.4);
    await page.waitForTimeout(300);
    let last = await afterFrame();
    const t0 = await taskMs(), f0 = last.frames, times = [];
    for (let i = 0; i < 50; i++) {
      await page.mouse.move(box.x + box.w * (0.1 + 0.6 * (i / 50)), box.y + box.h * (0.4 + 0.45 * (((i * 7) % 20) / 20)));
      const now = await afterFrame();
      times.push(now.ms);
      last = now;
    }
    const t1 = await taskMs();
    out[view].hover = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
    out[view].hoverFrames = last.frames - f0;   // drawn meanwhile: a frame that computes the same picture keeps it
    out[view].hoverTask = (t1 - t0) / times.length;
  }
  return out;
}

export async function frames({ browser, site, record, quick }) {
  const n = quick ? 200000 : 1000000;
  const file = dataFile(n);
  const p = await openPage(browser, widgetPage(site));
  const cdp = await p.context.newCDPSession(p.page);
  await cdp.send("Performance.enable");
  const demo = await frameTimes(p.page, cdp);
  await p.page.evaluate((url) => window.explorer.load(url), file.url);
  const big = await frameTimes(p.page, cdp);
  await p.context.close();
  const label = `${n / 1e6}M obs`;
  for (const v of Views) record(`frame time, ${v} view, ${label}`, big[v].frame, demo[v].frame, "<= 2x", "ms", "vs demo data; median of 7 means of 40 frames");
  for (const v of HoverViews) record(`frame time with pointer moving, ${v}, ${label}`, big[v].hover, demo[v].hover, "<= 2x", "ms",
    `vs demo data; mean of 50 frames, one per move; frames drawn ${big[v].hoverFrames} vs ${demo[v].hoverFrames}; ` +
    `page main-thread time per move ${big[v].hoverTask.toFixed(1)} vs ${demo[v].hoverTask.toFixed(1)} ms`);
}

// Frames rendered in 5 s without input, and the renderer's CPU time idle vs a blank page.
export async function idle({ browser, site, record }) {
  const p = await openPage(browser, `${site.url}/index.html`);
  await p.page.evaluate(() => window.explorer.setState({ view: "map" }));
  await p.page.mouse.move(5, 5);
  await p.page.waitForTimeout(1500);
  const f0 = await p.page.evaluate(() => window.explorer.stats().framesRendered);
  await p.page.waitForTimeout(5000);
  const f1 = await p.page.evaluate(() => window.explorer.stats().framesRendered);
  record("frames rendered in 5 s idle", f1 - f0, null, "0", "frames");
  await p.context.close();

  // Idle CPU over 5 s (mean of three windows): the renderer process (the page's own), with all of
  // Chromium's processes and the page's main-thread task time (CDP) beside it.
  const cpuOf = async (url, waitFor) => {
    const q = await openPage(browser, url, { waitFor });
    const cdp = await q.context.newCDPSession(q.page);
    await cdp.send("Performance.enable");
    const taskMs = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "TaskDuration").value * 1000;
    await q.page.waitForTimeout(2000);
    const a = chromiumCpuMs(), ta = await taskMs();
    await q.page.waitForTimeout(15000);
    const b = chromiumCpuMs(), tb = await taskMs();
    await q.context.close();
    return { renderer: (b.renderer - a.renderer) / 3, all: (b.all - a.all) / 3, task: (tb - ta) / 3 };
  };
  const blank = await cpuOf(`${site.url}/bench/blank.html`, null);
  const busy = await cpuOf(`${site.url}/index.html`, "window.explorer");
  record("renderer CPU time over 5 s idle", busy.renderer, blank.renderer, "<= 2x", "ms",
    `vs blank page; mean of 3 windows; all Chromium processes ${busy.all.toFixed(1)} ms (blank ${blank.all.toFixed(1)}), ` +
    `page main thread ${busy.task.toFixed(1)} ms (blank ${blank.task.toFixed(1)})`);
}

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
