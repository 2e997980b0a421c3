// The streamed load (issue #14): load() feeds the body to the wasm chunk by chunk as it arrives,
// setData() feeds its text in slices, and neither holds the whole text. Whatever the chunks, the
// outcome is the same as loading the text in one piece: the same data, the same problems at the
// same lines and columns; a cut body is refused and the data on screen stays; a newer load or
// destroy() mid-stream stops the download. One browser for the file; the server below sends the
// bodies in small chunks with pauses, so the widget really sees them piece by piece.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, serve, openPage, assertDraws, htmlPage, routesFrom, unexpectedErrors, ROOT } from "./harness.mjs";
import { generateDataset } from "./generate.mjs";

const BAD = join(ROOT, "tests", "data", "bad");
const BIG = 200000;
const texts = new Map();
const generated = (n) => {
  if (!texts.has(n)) texts.set(n, Buffer.from(generateDataset(n, { title: `Generated ${n}` })));
  return texts.get(n);
};

// The body in `chunk`-byte pieces, each written after a pause (a timer turn), up to `upTo`
// bytes; then the end, or (`drop`) the connection is cut. Stops when the browser goes away.
async function sendChunked(res, body, { chunk = 16384, length = true, upTo = body.length, drop = false, pauseMs = 0, watch = null } = {}) {
  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store", ...(length ? { "content-length": body.length } : {}) });
  let closed = false;
  res.on("close", () => { closed = true; if (watch) watch.closed = true; });
  for (let at = 0; at < upTo && !closed; at += chunk) {
    if (!res.write(body.subarray(at, Math.min(upTo, at + chunk)))) {
      await new Promise((resume) => {
        const go = () => { res.off("drain", go); res.off("close", go); resume(); };
        res.on("drain", go); res.on("close", go);
      });
    }
    await new Promise((resume) => setTimeout(resume, pauseMs));
  }
  if (closed) return;
  if (watch) watch.sentAll = true;
  if (drop) setTimeout(() => res.socket.destroy(), 50);
  else res.end();
}

// Inside a string past the middle of the file: a cut there leaves the body mid-string.
const midString = (body) => body.indexOf('"generated note"', body.length >> 1) + 5;

// Downloads that never finish on their own (replaced or destroyed mid-stream), by name.
const slow = new Map();
const ROUTES = {
  "/gen/big.json": (req, res) => sendChunked(res, generated(BIG)),
  "/gen/million.json": (req, res) => sendChunked(res, generated(1000000), { chunk: 65536 }),
  "/gen/cut-dropped.json": (req, res) => sendChunked(res, generated(1000), { chunk: 512, upTo: midString(generated(1000)), drop: true }),
  "/gen/cut-ended.json": (req, res) => sendChunked(res, generated(1000), { chunk: 512, upTo: midString(generated(1000)), length: false }),
  "/gen/slow.json": (req, res, url) => {
    const watch = { closed: false, sentAll: false };
    slow.set(url.searchParams.get("name"), watch);
    return sendChunked(res, generated(BIG), { chunk: 8192, pauseMs: 40, watch });
  },
  // The malformed corpus in 7-byte chunks, and byte for byte in one piece.
  "/chunked/bad/": (req, res, url) => sendChunked(res, readFileSync(join(BAD, url.pathname.split("/").pop())), { chunk: 7 }),
  "/bad/": (req, res, url) => res.writeHead(200, { "content-type": "application/json" }).end(readFileSync(join(BAD, url.pathname.split("/").pop()))),
  "/t/stream.html": htmlPage(
    `<div id="landscape" style="height: 520px"></div><div id="second" style="height: 300px"></div>`,
    `import { createLandscape } from "/landscape.js";
     window.unhandled = [];
     window.addEventListener("unhandledrejection", (e) => window.unhandled.push(String(e.reason && e.reason.message || e.reason)));
     window.createLandscape = createLandscape;
     const w = await createLandscape(document.getElementById("landscape"), { src: "/data/landscape.json", timeout: 30000 });
     window.errorEvents = [];
     window.progressEvents = [];
     w.on("error", (e) => window.errorEvents.push(e));
     w.on("progress", (e) => window.progressEvents.push({ ...e, observations: w.stats().observations }));
     // How a call settled, as plain data.
     window.settle = (promise) => promise.then((value) => ({ ok: true, value }),
       (e) => ({ ok: false, message: e.message, kind: e.kind, problems: e.problems || [] }));
     window.explorer = w;`),
};
// Prefix routes: the file name follows the prefix.
const table = new Proxy(ROUTES, {
  get: (target, path) => target[path] || (typeof path === "string" && path.startsWith("/chunked/bad/") ? target["/chunked/bad/"]
    : typeof path === "string" && path.startsWith("/bad/") ? target["/bad/"] : undefined),
});

let browser, site;
before(async () => {
  // Precise memory figures for the measurement at the end (performance.memory is coarse without).
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, args: [...CHROMIUM_ARGS, "--enable-precise-memory-info"] });
  site = await serve({ routes: routesFrom(table) });
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const openStreamPage = () => openPage(browser, `${site.url}/t/stream.html`);
const observations = (page) => page.evaluate(() => window.explorer.stats().observations);

// Polls `fn` in Node until it is true (the server's view of a connection).
async function until(fn, what, timeoutMs = 10000) {
  const start = Date.now();
  while (!fn()) {
    if (Date.now() - start > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resume) => setTimeout(resume, 20));
  }
}

test("load() of a large file in small chunks shows what setData() of the same text shows; the old data stays meanwhile", async () => {
  const { page, context, errors } = await openStreamPage();
  const demo = await observations(page);
  const streamed = await page.evaluate(async () => {
    window.progressEvents.length = 0;
    const result = await window.explorer.load("/gen/big.json");
    await new Promise((resume) => setTimeout(resume, 0));   // events come after the frame
    return { result, csv: window.explorer.exportCSV(), state: window.explorer.getState(), progress: window.progressEvents.slice() };
  });
  assert.equal(streamed.result.title, `Generated ${BIG}`);
  assert.equal(streamed.result.observations, BIG);
  const { progress } = streamed;
  const bytes = generated(BIG).length;
  assert.ok(progress.length >= 2, `${progress.length} progress events for ${bytes} bytes`);
  assert.deepEqual(progress.at(-1), { loaded: bytes, total: bytes, observations: progress.at(-1).observations });
  for (let i = 1; i < progress.length; i++) assert.ok(progress[i].loaded >= progress[i - 1].loaded, "progress went backwards");
  // While the file streamed in, the demo data stayed on screen. (Listeners run after the frame:
  // the last events may be heard once the new data is there.)
  const seen = progress.map((p) => p.observations);
  const switched = seen.indexOf(BIG);
  assert.ok(switched > 0 && seen.slice(0, switched).every((o) => o === demo) && seen.slice(switched).every((o) => o === BIG) &&
    progress[switched - 1].loaded < bytes, `observations while loading: ${seen}`);

  const whole = await page.evaluate(async () => {
    await window.explorer.load("/data/landscape.json");
    const text = await (await fetch("/gen/big.json")).text();
    return { result: await window.explorer.setData(text) };
  });
  assert.deepEqual(whole.result, streamed.result);
  await page.evaluate((state) => window.explorer.setState(state), streamed.state);
  assert.equal(await page.evaluate(() => window.explorer.exportCSV()), streamed.csv, "the view's data differs between load() and setData()");
  await assertDraws(page);
  assert.deepEqual(await page.evaluate(() => window.errorEvents), []);
  assert.deepEqual(unexpectedErrors(errors), []);
  await context.close();
});

test("a body cut mid-string is refused, and the data on screen stays", async () => {
  const { page, context, errors } = await openStreamPage();
  const demo = await observations(page);
  // The server promised more bytes and dropped the connection: the download's own error.
  const dropped = await page.evaluate(() => window.settle(window.explorer.load("/gen/cut-dropped.json")));
  assert.equal(dropped.ok, false);
  assert.equal(dropped.kind, "truncated", dropped.message);
  assert.match(dropped.message, /arrived incomplete/);
  assert.equal(await observations(page), demo);
  // The body ended cleanly but mid-string (no Content-Length to tell): the loader refuses it, at
  // the same place as the same text given whole.
  const ended = await page.evaluate(() => window.settle(window.explorer.load("/gen/cut-ended.json")));
  const cutText = generated(1000).subarray(0, midString(generated(1000))).toString("utf8");
  const whole = await page.evaluate((text) => window.settle(window.explorer.setData(text)), cutText);
  assert.equal(ended.ok, false);
  assert.match(ended.problems[0].message, /truncated/, ended.message);
  assert.deepEqual(ended.problems, whole.problems);
  assert.equal(await observations(page), demo);
  await page.waitForFunction(() => window.errorEvents.length === 3);
  assert.deepEqual(await page.evaluate(() => window.errorEvents.map((e) => e.kind || "refused")), ["truncated", "refused", "refused"]);
  await assertDraws(page, "#landscape", "the widget after the cut bodies");
  assert.deepEqual(await page.evaluate(() => window.unhandled), []);
  assert.deepEqual(unexpectedErrors(errors), []);
  await context.close();
});

// Browsers without a "byob" reader on fetch bodies (the widget reads chunk by chunk as handed
// out) or without body streams at all (the whole body as one chunk): the same data, and a body
// cut mid-string is still refused with the data on screen kept. The init scripts take the
// feature away and count which path the widget took, so a test of the wrong path fails.
const WITHOUT = {
  "byob readers": `window.paths = [];
    const getReader = ReadableStream.prototype.getReader;
    ReadableStream.prototype.getReader = function (options) {
      if (options && options.mode === "byob") { window.paths.push("byob refused"); throw new TypeError("no byob here"); }
      window.paths.push("chunks");
      return getReader.call(this);
    };`,
  "body streams": `window.paths = [];
    Object.defineProperty(Response.prototype, "body", { get() { return null; } });
    const arrayBuffer = Response.prototype.arrayBuffer;
    Response.prototype.arrayBuffer = function () { window.paths.push("whole body"); return arrayBuffer.call(this); };`,
};
for (const [missing, init] of Object.entries(WITHOUT)) {
  test(`without ${missing}, load() loads the same data and still refuses a cut body`, async () => {
    const { page, context, errors } = await openPage(browser, `${site.url}/t/stream.html`, { init });
    const loaded = await page.evaluate(async () => {
      window.paths.length = 0;
      const result = await window.explorer.load("/gen/big.json");
      return { result, paths: window.paths.slice() };
    });
    assert.equal(loaded.result.title, `Generated ${BIG}`);
    assert.equal(loaded.result.observations, BIG);
    const expected = missing === "body streams" ? ["whole body"] : ["byob refused", "chunks"];
    assert.deepEqual(loaded.paths.filter((p) => expected.includes(p)), expected, `paths taken: ${loaded.paths}`);
    const cut = await page.evaluate(() => window.settle(window.explorer.load("/gen/cut-ended.json")));
    assert.equal(cut.ok, false);
    assert.match(cut.problems[0].message, /truncated/, cut.message);
    assert.equal(await observations(page), BIG, "the cut body replaced the data on screen");
    await assertDraws(page);
    assert.deepEqual(await page.evaluate(() => window.unhandled), []);
    assert.deepEqual(unexpectedErrors(errors), []);
    await context.close();
  });
}

test("every malformed file, streamed in 7-byte chunks, has the problems of the same bytes given whole", async () => {
  const files = readdirSync(BAD).filter((f) => f.endsWith(".json")).sort();
  assert.ok(files.length >= 30);
  const { page, context, errors } = await openStreamPage();
  const demo = await observations(page);
  const failures = [];
  for (const file of files) {
    const [streamed, whole] = await page.evaluate(async (f) => [
      await window.settle(window.explorer.load(`/chunked/bad/${f}`)),
      await window.settle(fetch(`/bad/${f}`).then((r) => r.arrayBuffer()).then((bytes) => window.explorer.setData(bytes))),
    ], file);
    if (file === "html-login-page.json") {
      // Sent as JSON, but a page: load() says so before the loader sees it.
      if (streamed.kind !== "html") failures.push(`${file}: load() said ${streamed.message}`);
    } else if (streamed.ok || whole.ok) failures.push(`${file}: accepted (load ${streamed.ok}, setData ${whole.ok})`);
    else if (JSON.stringify(streamed.problems) !== JSON.stringify(whole.problems)) {
      failures.push(`${file}: streamed ${JSON.stringify(streamed.problems.slice(0, 2))}, whole ${JSON.stringify(whole.problems.slice(0, 2))}`);
    } else if (!streamed.problems.length || !streamed.problems[0].line && file !== "empty.json") failures.push(`${file}: no located problem`);
  }
  assert.deepEqual(failures, []);
  assert.equal(await observations(page), demo);
  assert.deepEqual(unexpectedErrors(errors), []);
  await context.close();
});

test("setData() of a text longer than a slice keeps characters whole across slices and locates problems exactly", async () => {
  // One line of JSON, ASCII up to a four-byte character (a surrogate pair in JavaScript) that
  // straddles the end of the first 1 MiB slice, in bytes and in UTF-16 units alike; then notes
  // in other scripts, and an invalid id after them. Its column (in code points) is counted here
  // in JavaScript, independently of the loader.
  const doc = JSON.parse(generateDataset(1000));
  doc.entities = doc.entities.map((e, i) => ({ ...e, note: i === 48 ? "é😀ü Ω ".repeat(3000) : "x".repeat(22000) }));
  doc.entities[49].id = "Not An Id";
  let text = JSON.stringify(doc);
  const end = (1 << 20) - 1;
  assert.equal(text.slice(end - 2, end + 3), "xxxxx", "the slice end is not inside an ASCII note");
  text = text.slice(0, end) + "😀é" + text.slice(end + 3);
  assert.equal(Buffer.byteLength(text.slice(0, end)), end);
  const bad = text.indexOf('"Not An Id"');
  const line = 1, column = [...text.slice(0, bad)].length + 1;
  const { page, context, errors } = await openStreamPage();
  const result = await page.evaluate((t) => window.settle(window.explorer.setData(t)), text);
  assert.equal(result.ok, false);
  const problem = result.problems.find((p) => p.pointer === "/entities/49/id");
  assert.ok(problem, JSON.stringify(result.problems.slice(0, 3)));
  assert.deepEqual([problem.line, problem.column], [line, column]);
  // The same text made valid loads, with its notes intact across the slices.
  const fixed = text.replace('"Not An Id"', '"e49"');
  const ok = await page.evaluate((t) => window.settle(window.explorer.setData(t)), fixed);
  assert.equal(ok.ok, true, ok.message);
  assert.equal(ok.value.observations, 1000);
  assert.deepEqual(unexpectedErrors(errors), []);
  await context.close();
});

test("a second load() mid-stream replaces the first: its download stops, no error", async () => {
  const { page, context, errors } = await openStreamPage();
  const outcome = await page.evaluate(async () => {
    const first = window.settle(window.explorer.load("/gen/slow.json?name=replaced"));
    await new Promise((resume) => window.explorer.on("progress", function seen(e) { if (e.loaded > 0) { window.explorer.off("progress", seen); resume(); } }));
    const second = await window.explorer.load("/data/landscape.json");
    return { first: await first, second, errors: window.errorEvents.slice() };
  });
  assert.equal(outcome.first.ok, false);
  assert.equal(outcome.first.kind, "aborted");
  assert.match(outcome.first.message, /replaced/);
  assert.ok(outcome.second.observations >= 450);
  assert.deepEqual(outcome.errors, []);
  await until(() => slow.get("replaced")?.closed, "the replaced download to be closed");
  assert.equal(slow.get("replaced").sentAll, false);
  // A setData() replaces a download too.
  const third = await page.evaluate(async () => {
    const pending = window.settle(window.explorer.load("/gen/slow.json?name=by-setdata"));
    await new Promise((resume) => window.explorer.on("progress", function seen(e) { if (e.loaded > 0) { window.explorer.off("progress", seen); resume(); } }));
    const text = await (await fetch("/data/landscape.json")).text();
    const shown = await window.explorer.setData(text);
    return { pending: await pending, shown };
  });
  assert.equal(third.pending.kind, "aborted");
  assert.ok(third.shown.observations >= 450);
  await until(() => slow.get("by-setdata")?.closed, "the download replaced by setData() to be closed");
  await assertDraws(page);
  assert.deepEqual(await page.evaluate(() => window.unhandled), []);
  assert.deepEqual(unexpectedErrors(errors), []);
  await context.close();
});

test("destroy() mid-stream cancels the download and leaves nothing running", async () => {
  const { page, context, errors } = await openStreamPage();
  const outcome = await page.evaluate(async () => {
    const w = await window.createLandscape(document.getElementById("second"), { src: "/data/landscape.json" });
    const events = [];
    for (const type of ["progress", "load", "error"]) w.on(type, () => events.push(type));
    const pending = window.settle(w.load("/gen/slow.json?name=destroyed"));
    await new Promise((resume) => w.on("progress", function seen(e) { if (e.loaded > 0) { w.off("progress", seen); resume(); } }));
    const seen = events.length;
    w.destroy();
    return { result: await pending, after: events.slice(seen), left: document.getElementById("second").childElementCount };
  });
  assert.equal(outcome.result.ok, false);
  assert.match(outcome.result.message, /destroyed/);
  assert.equal(outcome.left, 0);
  await until(() => slow.get("destroyed")?.closed, "the download to be closed after destroy()");
  assert.equal(slow.get("destroyed").sentAll, false);
  assert.deepEqual(outcome.after.filter((t) => t !== "progress"), [], "events after destroy()");
  assert.deepEqual(await page.evaluate(() => window.unhandled), []);
  assert.deepEqual(errors, []);
  await context.close();
});

// Not a pass/fail figure (timings belong in the bench): printed for the record. Peak JS heap
// during load() of the 1,000,000-observation file against the file's size, from the DevTools
// protocol, polled: V8's heap and the ArrayBuffers' backing stores (the wasm memory is counted
// apart: stats().heapBytes). And load() against fetch + setData().
test("measure: JS heap and time of load() of 1,000,000 observations", async () => {
  const { page, context } = await openStreamPage();
  const cdp = await context.newCDPSession(page);
  const bytes = generated(1000000).length;
  // backingStorageSize: the ArrayBuffers' bytes (the chunks), not the wasm memory's.
  const sample = async () => {
    const h = await cdp.send("Runtime.getHeapUsage");
    return { v8: h.usedSize, buffers: h.backingStorageSize || 0, wasm: await page.evaluate(() => window.explorer.stats().heapBytes) };
  };
  await cdp.send("HeapProfiler.collectGarbage");
  const base = await sample();
  const peak = { ...base };
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const s = await sample();
      peak.v8 = Math.max(peak.v8, s.v8); peak.buffers = Math.max(peak.buffers, s.buffers); peak.all = Math.max(peak.all || 0, s.v8 + s.buffers);
      await new Promise((resume) => setTimeout(resume, 10));
    }
  })();
  const { loadMs, result } = await page.evaluate(async () => {
    const t0 = performance.now();
    const result = await window.explorer.load("/gen/million.json");
    return { loadMs: performance.now() - t0, result };
  });
  polling = false;
  await poller;
  const after = await sample();
  const split = await page.evaluate(async () => {
    await window.explorer.load("/data/landscape.json");
    const t0 = performance.now();
    const text = await (await fetch("/gen/million.json")).text();
    const t1 = performance.now();
    await window.explorer.setData(text);
    return { fetchMs: t1 - t0, setDataMs: performance.now() - t1 };
  });
  const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;
  console.log(`load() of 1M (${mb(bytes)}): peak JS heap +${mb(peak.all - base.v8 - base.buffers)} = ${((peak.all - base.v8 - base.buffers) / bytes).toFixed(3)} x the file ` +
    `(V8 heap peak +${mb(peak.v8 - base.v8)}, buffers peak +${mb(peak.buffers - base.buffers)}; wasm memory ${mb(base.wasm)} -> ${mb(after.wasm)}); ` +
    `load ${loadMs.toFixed(0)} ms vs fetch ${split.fetchMs.toFixed(0)} + setData ${split.setDataMs.toFixed(0)} ms = ${(loadMs / (split.fetchMs + split.setDataMs)).toFixed(2)}x`);
  assert.equal(result.observations, 1000000);
  await context.close();
});
