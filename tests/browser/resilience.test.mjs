// What goes wrong in real portals: a malformed data file, a server that answers badly or not
// at all, a lost GPU context, many widgets, and a person hammering the keyboard and mouse. After
// each, the widget still shows the previous data, says what happened, and keeps working.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import {
  launch, serve, openPage, assertDraws, canvasStats, htmlPage, routesFrom, realDataText, unexpectedErrors, ROOT,
} from "./harness.mjs";

const BAD = join(ROOT, "tests", "data", "bad");
const VIEWS = ["map", "trend", "compare", "share", "table", "sources"];
const DATA_BYTES = Buffer.from(realDataText());

// expect.txt: file<TAB>pointer<TAB>line:column<TAB>part of the message (several lines per file allowed).
function corpus() {
  const expected = new Map();
  for (const line of readFileSync(join(BAD, "expect.txt"), "utf8").split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [file, pointer, position, message] = line.split("\t");
    const [lineNo, column] = position.split(":").map(Number);
    if (!expected.has(file)) expected.set(file, []);
    expected.get(file).push({ pointer, line: lineNo, column, message });
  }
  return expected;
}

// Answers that break a load in each way a network or server can.
const hanging = new Set();
const FAULTS = {
  "/fault/404": (req, res) => res.writeHead(404, { "content-type": "text/plain" }).end("not found"),
  "/fault/500": (req, res) => res.writeHead(500, { "content-type": "text/plain" }).end("internal error"),
  "/fault/html": (req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" })
    .end("<!DOCTYPE html><html><body><form>Please sign in</form></body></html>"),
  // Promises every byte, sends half, then the connection drops.
  "/fault/truncated": (req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": DATA_BYTES.length });
    res.write(DATA_BYTES.subarray(0, DATA_BYTES.length >> 1));
    setTimeout(() => res.socket.destroy(), 200);
  },
  // Sends a little, then nothing more, ever.
  "/fault/hang": (req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": DATA_BYTES.length });
    res.write(DATA_BYTES.subarray(0, 1000));
    hanging.add(res);
  },
};
// The corpus, served byte for byte (for the files that are not UTF-8 text).
const serveBad = (req, res, url) => {
  const body = readFileSync(join(BAD, url.pathname.replace(/^\/bad\//, "").replace(/[^\w.-]/g, "")));
  res.writeHead(200, { "content-type": "application/json" }).end(body);
};

// A page with one widget on the real data (timeout 2 s), recording unhandled rejections.
const FAULT_PAGE = htmlPage(
  `<div id="landscape" style="height: 520px"></div><div id="second" style="height: 300px"></div>`,
  `import { createLandscape } from "/landscape.js";
   window.unhandled = [];
   window.addEventListener("unhandledrejection", (e) => window.unhandled.push(String(e.reason && e.reason.message || e.reason)));
   window.createLandscape = createLandscape;
   const w = await createLandscape(document.getElementById("landscape"), { src: "/data/landscape.json", timeout: 2000 });
   window.errorEvents = [];
   w.on("error", (e) => window.errorEvents.push(e));
   window.explorer = w;`);

const EIGHT = htmlPage(
  `<div style="display: grid; grid-template-columns: repeat(4, 1fr); gap: 6px">` +
  Array.from({ length: 8 }, (_, i) => `<div id="w${i}" style="height: 330px"></div>`).join("") + `</div>`,
  `import { createLandscape } from "/landscape.js";
   const views = ${JSON.stringify(VIEWS)};
   window.widgets = await Promise.all(Array.from({ length: 8 }, (_, i) =>
     createLandscape(document.getElementById("w" + i), { src: "/data/landscape.json", state: { view: views[i % 6] } })));`);

let browser, site;
before(async () => {
  browser = await launch();
  const table = { ...FAULTS, "/t/fault.html": FAULT_PAGE, "/t/eight.html": EIGHT, "/t/monkey.html": MONKEY };
  for (const f of readdirSync(BAD)) table[`/bad/${f}`] = serveBad;
  site = await serve({ routes: routesFrom(table) });
});
after(async () => {
  for (const res of hanging) res.destroy();
  await browser?.close();
  await site?.close();
});

const openFaultPage = () => openPage(browser, `${site.url}/t/fault.html`);
const snapshot = (page) => page.evaluate(() => ({ observations: window.explorer.stats().observations, state: window.explorer.getState() }));

// Runs `call` (a widget method and argument) in the page and returns how it settled.
function attempt(page, method, arg) {
  return page.evaluate(async ([m, a]) => {
    const before = window.errorEvents.length;
    try {
      const value = await window.explorer[m](a);
      return { ok: true, value };
    } catch (e) {
      await new Promise((r) => setTimeout(r, 20));   // error events are delivered after the frame
      return { ok: false, message: e.message, problems: e.problems || [], kind: e.kind, events: window.errorEvents.slice(before) };
    }
  }, [method, arg]);
}

// Files whose bytes are not UTF-8 text cannot be handed over as a JS string without changing
// them; they go through load(), the way a browser gets them.
const BINARY = new Set(["invalid-utf8.json", "utf16.json"]);

test("every malformed file is refused with its pointer and message; the real data stays", async () => {
  const expected = corpus();
  const files = readdirSync(BAD).filter((f) => f.endsWith(".json")).sort();
  assert.ok(files.length >= 30, `only ${files.length} files in the corpus`);
  const { page, context, errors } = await openFaultPage();
  const start = await snapshot(page);
  assert.ok(start.observations >= 450);
  await page.evaluate(() => window.explorer.setState({ view: "trend" }));
  const shown = await snapshot(page);
  const failures = [];
  for (const file of files) {
    const want = expected.get(file);
    assert.ok(want, `${file} has no line in expect.txt`);
    const result = BINARY.has(file)
      ? await attempt(page, "load", `/bad/${file}`)
      : await attempt(page, "setData", readFileSync(join(BAD, file), "utf8"));
    const problem = (result.problems || [])[0] || {};
    const why = [];
    if (result.ok) why.push("accepted");
    else {
      if (!result.message) why.push("empty error message");
      if (problem.pointer !== want[0].pointer) why.push(`problems[0].pointer ${JSON.stringify(problem.pointer)}, expected ${JSON.stringify(want[0].pointer)}`);
      if (!String(problem.message || "").includes(want[0].message)) why.push(`problems[0].message ${JSON.stringify(problem.message)} lacks ${JSON.stringify(want[0].message)}`);
      if (problem.line !== want[0].line || problem.column !== want[0].column) why.push(`at ${problem.line}:${problem.column}, expected ${want[0].line}:${want[0].column}`);
      for (const w of want.slice(1)) {
        if (!result.problems.some((p) => p.pointer === w.pointer && String(p.message).includes(w.message))) why.push(`no problem ${w.pointer}: ${w.message}`);
      }
      if (result.events.length !== 1 || result.events[0].message !== result.message) why.push(`error events: ${JSON.stringify(result.events)}`);
    }
    const now = await snapshot(page);
    if (now.observations !== shown.observations) why.push(`observations ${now.observations} after it, not ${shown.observations}`);
    if (JSON.stringify(now.state) !== JSON.stringify(shown.state)) why.push(`state changed to ${JSON.stringify(now.state)}`);
    if (why.length) failures.push(`${file}: ${why.join("; ")}${result.ok ? "" : ` (message: ${result.message})`}`);
    if (result.ok) {   // put the real data back, so one accepted file does not spoil the rest
      await page.evaluate(async (state) => { await window.explorer.load("/data/landscape.json"); window.explorer.setState(state); }, shown.state);
    }
  }
  // Still responsive: a further setState works and the widget draws.
  assert.deepEqual(await page.evaluate(() => window.explorer.setState({ view: "table" })), [], "setState() applied everything: no problems");
  assert.equal(await page.evaluate(() => window.explorer.getState().view), "table");
  await assertDraws(page, "#landscape", "the widget after the malformed files");
  assert.deepEqual(failures, [], `malformed files not handled as expected:\n${failures.join("\n")}`);
  assert.deepEqual(unexpectedErrors(errors), []);
  await context.close();
});

const FAULT_CASES = [
  ["a 404", "/fault/404", /404/],
  ["a 500", "/fault/500", /500/],
  ["an HTML page with status 200", "/fault/html", /HTML/],
  ["a body cut in the middle", "/fault/truncated", /incomplete|truncated/i],
  ["a response that never ends", "/fault/hang", /did not arrive/],
];

test("network faults: load() rejects saying what happened, and the previous data stays", async () => {
  const { page, context, errors } = await openFaultPage();
  const start = await snapshot(page);
  const failures = [];
  for (const [what, url, pattern] of FAULT_CASES) {
    const began = Date.now();
    const result = await attempt(page, "load", url);
    const now = await snapshot(page);
    if (result.ok) failures.push(`${what}: load() resolved`);
    else if (!pattern.test(result.message)) failures.push(`${what}: the message "${result.message}" does not match ${pattern}`);
    else if (result.events.length !== 1) failures.push(`${what}: ${result.events.length} error events`);
    if (now.observations !== start.observations) failures.push(`${what}: ${now.observations} observations after it`);
    if (url === "/fault/hang" && Date.now() - began > 10000) failures.push(`${what}: took ${Date.now() - began} ms with timeout 2000`);
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(await page.evaluate(() => window.unhandled), []);
  await assertDraws(page, "#landscape", "the widget after the network faults");
  assert.deepEqual(unexpectedErrors(errors), []);
  await context.close();
});

test("createLandscape() rejects when its first load fails, and leaves the parent empty", async () => {
  const { page, context, errors } = await openFaultPage();
  const outcome = await page.evaluate(async () => {
    const parent = document.getElementById("second");
    const result = await window.createLandscape(parent, { src: "/fault/500" }).then(() => ({ ok: true }), (e) => ({ ok: false, message: e.message, status: e.status }));
    return { ...result, left: parent.childElementCount, canvases: document.querySelectorAll("canvas").length };
  });
  assert.equal(outcome.ok, false);
  assert.match(outcome.message, /500/);
  assert.equal(outcome.status, 500);
  assert.equal(outcome.left, 0, "the failed widget left elements in its parent");
  assert.deepEqual(await page.evaluate(() => window.unhandled), []);
  assert.deepEqual(unexpectedErrors(errors), []);
  await context.close();
});

test("a second load() replaces a pending one without an error", async () => {
  const { page, context, errors } = await openFaultPage();
  const outcome = await page.evaluate(async () => {
    const before = window.errorEvents.length;
    const first = window.explorer.load("/fault/hang").then(() => "resolved", (e) => `rejected: ${e.message}`);
    await new Promise((r) => setTimeout(r, 300));
    const second = await window.explorer.load("/data/landscape.json");
    await new Promise((r) => setTimeout(r, 100));
    return { first: await first, second, errorEvents: window.errorEvents.slice(before) };
  });
  assert.match(outcome.first, /^rejected/, "the replaced load resolved");
  assert.ok(outcome.second.observations >= 450);
  assert.deepEqual(outcome.errorEvents, [], "replacing a load reported an error");
  assert.deepEqual(await page.evaluate(() => window.unhandled), []);
  assert.deepEqual(unexpectedErrors(errors), []);
  await context.close();
});

test("a load cut short by destroy() rejects quietly", async () => {
  const { page, context, errors } = await openFaultPage();
  const outcome = await page.evaluate(async () => {
    const w = await window.createLandscape(document.getElementById("second"), { src: "/data/landscape.json" });
    const pending = w.load("/fault/hang").then(() => ({ ok: true }), (e) => ({ ok: false, message: e.message }));
    await new Promise((r) => setTimeout(r, 300));
    w.destroy();
    const result = await pending;
    await new Promise((r) => setTimeout(r, 200));
    return { ...result, left: document.getElementById("second").childElementCount };
  });
  assert.equal(outcome.ok, false, "the load resolved although the widget was destroyed");
  assert.match(outcome.message, /cancel|destroy/i);
  assert.equal(outcome.left, 0);
  assert.deepEqual(await page.evaluate(() => window.unhandled), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("WebGL context lost and restored: the widget draws again", async () => {
  const { page, context, errors } = await openFaultPage();
  await assertDraws(page, "#landscape", "the widget before the context loss");
  await page.evaluate(() => new Promise((resolve) => {
    const canvas = document.querySelector("#landscape").firstElementChild.shadowRoot.querySelector("canvas");
    window.loseContext = canvas.getContext("webgl2").getExtension("WEBGL_lose_context");
    canvas.addEventListener("webglcontextlost", () => setTimeout(resolve, 100), { once: true });
    window.loseContext.loseContext();
  }));
  const lost = await page.evaluate(() => document.querySelector("#landscape").firstElementChild.shadowRoot.querySelector("canvas").getContext("webgl2").isContextLost());
  assert.equal(lost, true, "the context was not lost");
  const blank = await canvasStats(page);
  assert.ok(blank.colours < 50, `the canvas still shows a picture while its context is lost (${blank.colours} colours)`);
  await page.evaluate(() => new Promise((resolve) => {
    const canvas = document.querySelector("#landscape").firstElementChild.shadowRoot.querySelector("canvas");
    canvas.addEventListener("webglcontextrestored", () => setTimeout(resolve, 100), { once: true });
    window.loseContext.restoreContext();
  }));
  const box = await page.locator("#landscape").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width / 3, box.y + box.height / 3);
  await page.evaluate(() => window.explorer.setState({ view: "compare" }));
  await page.waitForTimeout(500);
  await assertDraws(page, "#landscape", "the widget after the context came back");
  assert.equal(await page.evaluate(() => window.explorer.getState().view), "compare");
  assert.deepEqual(errors, []);
  await context.close();
});

test("eight widgets on one page all draw", async () => {
  const { page, context, errors } = await openPage(browser, `${site.url}/t/eight.html`, { width: 1400, height: 760, waitFor: "window.widgets" });
  for (let i = 0; i < 8; i++) await assertDraws(page, `#w${i}`, `widget ${i + 1} of 8`);
  const views = await page.evaluate(() => window.widgets.map((w) => w.getState().view));
  assert.deepEqual(views, Array.from({ length: 8 }, (_, i) => VIEWS[i % 6]));
  assert.deepEqual(errors, []);
  await context.close();
});

// A small seeded generator, so a failing run can be repeated.
function random(seed) {
  let s = seed >>> 0;
  return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
const KEYS = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Tab", "Escape", "Enter", "Space",
  "a", "e", "f", "m", "s", "t", "x", "z", "1", "2", "3", "4", "5", "6"];

// The monkey's page: the widget fills a viewport that cannot scroll, so every random point is on it.
const MONKEY = htmlPage(
  `<div id="landscape" style="position: fixed; inset: 0"></div>`,
  `import { createLandscape } from "/landscape.js";
   const canvas = () => document.querySelector("#landscape").firstElementChild.shadowRoot.querySelector("canvas");
   const widget = await createLandscape(document.getElementById("landscape"), { src: "/data/landscape.json" });
   window.received = { pointermove: 0, pointerdown: 0, pointerup: 0, wheel: 0, keydown: 0 };
   for (const type of Object.keys(window.received)) canvas().addEventListener(type, () => window.received[type]++);
   window.focusWidget = () => canvas().focus();
   window.explorer = widget;`, "<style>html, body { margin: 0; overflow: hidden; }</style>");

// Chromium merges mouse moves queued before a frame, and each move the page must see costs a frame
// (about 30 ms with software GL): the monkey sends its events in batches that run without waiting,
// and awaits one move per batch so the pointer really travels. Tab ends a batch (focus goes back).
test("monkey: 10,000 random pointer, wheel and key events across all six views", async () => {
  const seed = Number(process.env.MONKEY_SEED) || (Date.now() & 0xffff);
  console.log(`monkey seed ${seed} (MONKEY_SEED=${seed} repeats this run)`);
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const W = 900, H = 560;
  const { page, context, errors } = await openPage(browser, `${site.url}/t/monkey.html`, { width: W, height: H });
  const point = () => [2 + rnd() * (W - 4), 2 + rnd() * (H - 4)];
  const { mouse, keyboard } = page;
  const began = Date.now();
  const seenViews = new Set();
  let sent = 0, batch = [], currentView = null;
  const flush = async () => { await Promise.all(batch); batch = []; };
  await page.evaluate(() => window.focusWidget());
  while (sent < 10000) {
    const view = VIEWS[Math.floor(sent / 1500) % 6];   // a new view every 1,500 events
    if (view !== currentView) {
      await flush();
      await page.evaluate((v) => window.explorer.setState({ view: v }), view);
      currentView = view;
      seenViews.add(view);
    }
    const r = rnd();
    if (r < 0.3) { batch.push(mouse.move(...point())); sent++; }
    else if (r < 0.45) { batch.push(mouse.click(...point(), { button: rnd() < 0.9 ? "left" : "right" })); sent++; }
    else if (r < 0.55) {
      batch.push(mouse.move(...point()), mouse.down());
      for (let i = 0; i < 3; i++) batch.push(mouse.move(...point(), { steps: 2 }));
      batch.push(mouse.up()); sent += 6;
    } else if (r < 0.68) { batch.push(mouse.move(...point()), mouse.wheel((rnd() - 0.5) * 200, (rnd() - 0.5) * 600)); sent += 2; }
    else {
      const key = pick(KEYS);
      batch.push(keyboard.press(key)); sent++;
      if (key === "Tab") { await flush(); await page.evaluate(() => window.focusWidget()); }
    }
    if (batch.length >= 24) { await flush(); await mouse.move(...point()); sent++; }
  }
  await flush();
  const received = await page.evaluate(() => window.received);
  const seconds = Math.round((Date.now() - began) / 1000);
  console.log(`monkey: ${sent} events sent in ${seconds} s; the canvas received ${JSON.stringify(received)}`);
  assert.deepEqual([...seenViews].sort(), [...VIEWS].sort());
  // Keys typed while ImGui edits a text box go to the hidden text field, not the canvas.
  assert.ok(received.keydown > 1000 && received.pointerdown > 1000 && received.pointermove > 1000 && received.wheel > 300,
    `too few events reached the widget: ${JSON.stringify(received)}`);
  await page.waitForTimeout(300);
  const state = await page.evaluate(() => window.explorer.getState());
  assert.ok(VIEWS.includes(state.view), `getState() after the monkey: ${JSON.stringify(state)}`);
  assert.deepEqual(await page.evaluate(() => window.explorer.setState({ view: "map" })), [], "setState() applied everything: no problems");
  assert.equal(await page.evaluate(() => window.explorer.getState().view), "map");
  await page.waitForTimeout(300);
  await assertDraws(page, "#landscape", "the widget after the monkey");
  assert.deepEqual(errors, []);
  await context.close();
});
