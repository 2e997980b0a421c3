// The three embeddings of docs/embedding.md (script, custom element, iframe) and the handle's
// promises: what a portal developer would check after pasting the snippet into a page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  launch, serve, openPage, mirror, assertDraws, htmlPage, routesFrom, realData, unexpectedErrors,
} from "./harness.mjs";

const DATA = realData();
// A file the loader refuses with two located problems: 2023-Q5 and 2024-Q0 are not quarters.
const BAD_FILE = JSON.stringify({ ...DATA, observations: [
  { ...DATA.observations[0], period: "2023-Q5" }, { ...DATA.observations[1], period: "2024-Q0" }, ...DATA.observations.slice(2),
] }, null, 1);
const VIEWS = ["map", "trend", "compare", "share", "table", "sources"];

// Test pages served beside dist/ (same origin as the widget, like a portal's own page).
const PAGES = {
  // Two script embeds on one page.
  "/t/two.html": htmlPage(
    `<div id="a" style="height: 420px"></div><div id="b" style="height: 420px"></div>`,
    `import { createLandscape } from "/landscape.js";
     window.loadEvents = { a: [], b: [] };
     const [a, b] = await Promise.all([
       createLandscape(document.getElementById("a"), { src: "/data/landscape.json", state: { view: "map" } }),
       createLandscape(document.getElementById("b"), { src: "/data/landscape.json", state: { view: "table" } }),
     ]);
     a.on("load", (e) => window.loadEvents.a.push(e));
     b.on("load", (e) => window.loadEvents.b.push(e));
     window.widgets = { a, b };`),
  // A custom element; the listener is registered before the module runs.
  "/t/element.html": htmlPage(
    `<script>window.readyEvents = []; document.addEventListener("landscape-ready", (e) => window.readyEvents.push(e.target.id));</script>
     <social-landscape id="el" src="/data/landscape.json" view="trend" style="height: 420px"></social-landscape>
     <script type="module" src="/landscape.js"></script>`),
  // A custom element whose file is refused (two bad periods), for its notice.
  "/t/element-bad.html": htmlPage(
    `<script>window.errorEvents = []; document.addEventListener("landscape-error", (e) => window.errorEvents.push(e.detail));</script>
     <social-landscape id="el" src="/t/bad.json" style="height: 420px"></social-landscape>
     <script type="module" src="/landscape.js"></script>`),
  // An empty slot for create/destroy cycles.
  "/t/slot.html": htmlPage(
    `<div id="slot" style="height: 420px"></div>`,
    `import { createLandscape } from "/landscape.js";
     window.dataText = await (await fetch("/data/landscape.json")).text();
     window.cycle = async () => {
       const w = await createLandscape(document.getElementById("slot"), { data: window.dataText });
       w.on("statechange", () => {});
       w.setState({ view: "trend" });
       await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
       w.destroy();
     };
     window.moduleReady = true;`),
};

let browser, site, other;
before(async () => {
  browser = await launch();
  // The deployment allows the parent pages' origin (`other`) to steer the frame and hear from it:
  // `origin=` in the frame's URL can only narrow that list, never add to it.
  site = await serve({
    routes: routesFrom({
      ...PAGES,
      "/t/bad.json": (req, res) => res.writeHead(200, { "content-type": "application/json" }).end(BAD_FILE),
      "/embed-config.json": (req, res) => res.writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ parentOrigins: [other.url] })),
    }),
  });
  // A second origin (another port) for the iframe's parent pages.
  other = await serve({
    routes: routesFrom({
      "/parent.html": (req, res, url) => {
        const frameSrc = url.searchParams.get("frame");
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(htmlPage(
          `<iframe id="frame" title="Landscape" style="width: 900px; height: 500px; border: 0"></iframe>
           <script>
             window.messages = [];
             window.addEventListener("message", (e) => window.messages.push({ origin: e.origin, data: e.data }));
             document.getElementById("frame").src = ${JSON.stringify(frameSrc)};
           </script>`));
      },
    }),
  });
});
after(async () => { await browser?.close(); await site?.close(); await other?.close(); });

const metricName = (id) => DATA.metrics.find((m) => m.id === id).name;

test("script embed: two widgets on one page draw, load, and keep their own state", async () => {
  const { page, context, errors } = await openPage(browser, `${site.url}/t/two.html`, { waitFor: "window.widgets" });
  await assertDraws(page, "#a", "the first widget");
  await assertDraws(page, "#b", "the second widget");

  const before = await page.evaluate(() => ({ a: window.widgets.a.getState(), b: window.widgets.b.getState() }));
  assert.equal(before.a.view, "map");
  assert.equal(before.b.view, "table");

  // Changing one leaves the other alone.
  const other = DATA.metrics.find((m) => m.id !== before.a.metric).id;
  await page.evaluate((metric) => window.widgets.a.setState({ view: "compare", metric }), other);
  const after1 = await page.evaluate(() => ({ a: window.widgets.a.getState(), b: window.widgets.b.getState() }));
  assert.equal(after1.a.view, "compare");
  assert.equal(after1.a.metric, other);
  assert.deepEqual(after1.b, before.b, "setState on widget a changed widget b");

  // load(): the promise resolves with the title and count, and a `load` event says the same.
  const result = await page.evaluate(() => window.widgets.b.load("/data/landscape.json"));
  assert.equal(result.title, DATA.title);
  assert.ok(result.observations >= 450, `load() resolved with ${result.observations} observations`);
  await page.waitForFunction(() => window.loadEvents.b.length >= 1);
  const events = await page.evaluate(() => window.loadEvents);
  assert.deepEqual(events.b.at(-1), result, "the load event differs from the promise's value");
  assert.equal(events.a.length, 0, "widget a got widget b's load event");
  assert.deepEqual(await page.evaluate(() => window.widgets.a.getState()), after1.a);
  assert.deepEqual(errors, []);
  await context.close();
});

test("custom element: <social-landscape view=trend> gives .widget, fires landscape-ready, cleans up on removal", async () => {
  const { page, context, errors } = await openPage(browser, `${site.url}/t/element.html`,
    { waitFor: () => document.getElementById("el").widget && window.readyEvents.length > 0 });
  assert.deepEqual(await page.evaluate(() => window.readyEvents), ["el"]);
  const state = await page.evaluate(() => document.getElementById("el").widget.getState());
  assert.equal(state.view, "trend", "the view attribute was not applied");
  await assertDraws(page, "#el", "the custom element");
  const m = await mirror(page, "#el");
  assert.match(m.label, /Trend view/);

  // The view attribute keeps working after start.
  await page.evaluate(() => document.getElementById("el").setAttribute("view", "sources"));
  assert.equal(await page.evaluate(() => document.getElementById("el").widget.getState().view), "sources");

  const left = await page.evaluate(async () => {
    const el = document.getElementById("el");
    const widget = el.widget;
    const host = widget.element;
    el.remove();
    await new Promise((r) => setTimeout(r, 50));
    const shadowCanvases = [...document.querySelectorAll("*")].filter((n) => n.shadowRoot && n.shadowRoot.querySelector("canvas")).length;
    return { hostConnected: host.isConnected, widgetAfter: el.widget, children: el.childElementCount, canvases: document.querySelectorAll("canvas").length, shadowCanvases };
  });
  assert.equal(left.hostConnected, false, "the shadow host is still in the document");
  assert.equal(left.widgetAfter, null, ".widget still set after removal");
  assert.equal(left.children, 0, "the element still has children after removal");
  assert.equal(left.canvases + left.shadowCanvases, 0, "a canvas is left in the document");
  assert.deepEqual(errors, []);
  await context.close();
});

test("custom element: a refused file shows why in its place (located problems, role=alert), and a new src starts it", async () => {
  const { page, context, errors } = await openPage(browser, `${site.url}/t/element-bad.html`, { waitFor: () => window.errorEvents.length > 0 });
  const failed = await page.evaluate(() => {
    const el = document.getElementById("el");
    const alert = [...el.children].map((c) => c.shadowRoot?.querySelector("[role=alert]")).find(Boolean);
    const box = alert?.getBoundingClientRect();
    return { widget: el.widget, text: alert?.innerText ?? null, height: box?.height ?? 0, items: alert ? alert.querySelectorAll("li").length : 0,
             event: window.errorEvents[0] };
  });
  assert.equal(failed.widget, null);
  assert.ok(failed.text, "the element shows nothing where the explorer would be");
  assert.ok(failed.height > 20, `the notice is ${failed.height} px high`);
  assert.match(failed.text, /could not start/);
  // Both problems, each with its line, column and place in the file.
  assert.equal(failed.items, 2);
  for (const p of failed.event.problems) {
    assert.ok(failed.text.includes(`line ${p.line}, column ${p.column}, ${p.pointer}`), `the notice does not locate ${JSON.stringify(p)}:\n${failed.text}`);
  }
  assert.match(failed.text, /2023-Q5/);
  assert.match(failed.text, /2024-Q0/);

  // A good src starts it: the notice goes, the widget draws.
  await page.evaluate(() => document.getElementById("el").setAttribute("src", "/data/landscape.json"));
  await page.waitForFunction(() => document.getElementById("el").widget);
  const started = await page.evaluate(() => ({ children: document.getElementById("el").childElementCount,
    alerts: [...document.getElementById("el").children].filter((c) => c.shadowRoot?.querySelector("[role=alert]")).length }));
  assert.deepEqual(started, { children: 1, alerts: 0 });
  await assertDraws(page, "#el", "the element after a good src");
  assert.deepEqual(unexpectedErrors(errors), []);
  await context.close();
});

// The parent page on `other` frames the widget's embed.html from `site`.
async function openParent(frameQuery) {
  const frameUrl = `${site.url}/embed.html?${frameQuery}`;
  const opened = await openPage(browser, `${other.url}/parent.html?frame=${encodeURIComponent(frameUrl)}`, { waitFor: null });
  const frame = await (await opened.page.waitForSelector("#frame")).contentFrame();
  await frame.waitForFunction(() => window.explorer, null, { timeout: 30000 });
  return { ...opened, frame };
}
const messagesOf = (page, type) => page.evaluate((t) => window.messages.filter((m) => m.data && m.data.type === t), type);

test("iframe: posts its height and state changes to an allowed parent and obeys its setState", async () => {
  const { page, context, errors, frame } = await openParent(`src=data/landscape.json&view=map&origin=${encodeURIComponent(other.url)}`);
  await page.waitForFunction(() => window.messages.some((m) => m.data.type === "landscape:height"));
  const heights = await messagesOf(page, "landscape:height");
  assert.ok(heights[0].data.height > 0, `height message ${JSON.stringify(heights[0].data)}`);
  assert.equal(heights[0].origin, site.url, "the height message came from the wrong origin");
  assert.equal((await frame.evaluate(() => window.explorer.getState())).view, "map");
  await assertDraws(frame, "#landscape", "the iframe widget");

  // The parent (another origin, listed in `origin`) steers the view.
  await page.evaluate(() => document.getElementById("frame").contentWindow.postMessage({ type: "landscape:setState", state: { view: "trend" } }, "*"));
  await page.waitForFunction(() => window.messages.some((m) => m.data.type === "landscape:statechange" && m.data.state.view === "trend"), null, { timeout: 10000 });
  assert.equal((await frame.evaluate(() => window.explorer.getState())).view, "trend");
  const change = (await messagesOf(page, "landscape:statechange")).at(-1);
  assert.equal(change.data.state.view, "trend");
  assert.equal(change.data.state.metric, (await frame.evaluate(() => window.explorer.getState())).metric);
  assert.deepEqual(errors, []);
  await context.close();
});

// The views the frame goes through after the parent (on `other`) posts setState({view: "trend"}).
// A message the frame sends itself (always allowed) is queued after the parent's: once it has
// been applied, the parent's has been handled too.
async function viewsAfterParentMessage(frameQuery) {
  const opened = await openParent(frameQuery);
  const { page, frame } = opened;
  await frame.evaluate(() => { window.views = []; window.explorer.on("statechange", (s) => window.views.push(s.view)); });
  await page.evaluate(() => document.getElementById("frame").contentWindow.postMessage({ type: "landscape:setState", state: { view: "trend" } }, "*"));
  await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
  await frame.evaluate(() => window.postMessage({ type: "landscape:setState", state: { view: "share" } }, "*"));
  await frame.waitForFunction(() => window.views.includes("share"), null, { timeout: 10000 });
  const views = await frame.evaluate(() => window.views);
  await opened.context.close();
  return views;
}

test("iframe: setState from an origin not allowed is ignored", async () => {
  // embed-config.json allows `other`; origin= narrows that to the frame's own origin (site).
  const views = await viewsAfterParentMessage(`src=data/landscape.json&view=map&origin=${encodeURIComponent(site.url)}`);
  assert.ok(!views.includes("trend"), `the frame applied a setState from a foreign origin: views ${views}`);
  // The same steps with the parent's origin allowed do show "trend": the check above can fail.
  const allowed = await viewsAfterParentMessage(`src=data/landscape.json&view=map&origin=${encodeURIComponent(other.url)}`);
  assert.deepEqual(allowed, ["trend", "share"]);
});

// Chromium DevTools Protocol: listeners on window and document, and the heap after a full GC.
async function listenerCount(cdp, expression) {
  const { result } = await cdp.send("Runtime.evaluate", { expression });
  const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId });
  await cdp.send("Runtime.releaseObject", { objectId: result.objectId });
  return listeners.length;
}
async function memoryAfterGc(cdp, page) {
  for (let i = 0; i < 3; i++) await cdp.send("HeapProfiler.collectGarbage");
  return { used: await page.evaluate(() => performance.memory.usedJSHeapSize) };
}

test("destroy(): 20 create/destroy cycles leave no elements, listeners, contexts or growing heap", async () => {
  const { page, context, errors, messages } = await openPage(browser, `${site.url}/t/slot.html`, { waitFor: "window.moduleReady" });
  const cdp = await context.newCDPSession(page);
  await cdp.send("HeapProfiler.enable");
  const counts = async () => ({ window: await listenerCount(cdp, "window"), document: await listenerCount(cdp, "document") });
  const baseline = await counts();
  let at5 = null;
  for (let i = 1; i <= 20; i++) {
    await page.evaluate(() => window.cycle());
    if (i === 5) at5 = await memoryAfterGc(cdp, page);
  }
  const at20 = await memoryAfterGc(cdp, page);
  const left = await page.evaluate(() => ({
    slotChildren: document.getElementById("slot").childElementCount,
    canvases: document.querySelectorAll("canvas").length,
    shadowHosts: [...document.querySelectorAll("*")].filter((n) => n.shadowRoot).length,
  }));
  assert.deepEqual(left, { slotChildren: 0, canvases: 0, shadowHosts: 0 });
  assert.deepEqual(await counts(), baseline, "window/document event listeners grew");
  const growth = at20.used - at5.used;
  console.log(`JS heap after GC: ${at5.used} B at cycle 5, ${at20.used} B at cycle 20`);
  // A widget kept alive (not destroyed) holds about 110 KB of JS objects (glue, closures, DOM
  // wrappers): 15 of them would add some 1.6 MB. Clean cycles add under 100 KB.
  assert.ok(growth < 512 * 1024, `the JS heap grew by ${growth} B over 15 create/destroy cycles`);
  assert.ok(!messages.some((m) => /too many active webgl contexts/i.test(m.text)), "WebGL contexts were not released");
  assert.deepEqual(errors, []);
  await context.close();
});

test("exportCSV() carries title, licence and column names; exportPNG() is a 2x PNG with a footer", async () => {
  const { page, context, errors } = await openPage(browser, `${site.url}/index.html`);
  const state = await page.evaluate(() => window.explorer.getState());
  const csv = await page.evaluate(() => window.explorer.exportCSV());
  const lines = csv.split(/\r?\n/);
  const comments = lines.filter((l) => l.startsWith("#")).join("\n");
  assert.ok(comments.includes(DATA.title), `the CSV comments do not name the title:\n${comments}`);
  assert.ok(comments.includes(DATA.license), `the CSV comments do not carry the licence:\n${comments}`);
  const header = lines.find((l) => l && !l.startsWith("#"));
  assert.ok(header.includes(metricName(state.metric)), `the header row does not name the metric column: ${header}`);
  assert.ok(header.split(",").length >= 2, `the header row has one column: ${header}`);
  const dataRows = lines.slice(lines.indexOf(header) + 1).filter(Boolean);
  assert.ok(dataRows.length > 0, "the CSV has no data rows");

  const png = await page.evaluate(async () => {
    const canvas = document.querySelector("#landscape").firstElementChild.shadowRoot.querySelector("canvas");
    const css = canvas.getBoundingClientRect();
    const blob = await window.explorer.exportPNG();
    const bitmap = await createImageBitmap(blob);
    const c = document.createElement("canvas");
    c.width = bitmap.width; c.height = bitmap.height;
    const ctx = c.getContext("2d");
    ctx.drawImage(bitmap, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, Math.round(css.height * 2)).data;
    const colours = new Set();
    for (let i = 0; i < d.length; i += 64) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return { type: blob.type, width: bitmap.width, height: bitmap.height, cssWidth: Math.round(css.width), cssHeight: Math.round(css.height),
      colours: colours.size, backingAfter: [canvas.width, canvas.height] };
  });
  assert.equal(png.type, "image/png");
  assert.equal(png.width, 2 * png.cssWidth, `PNG ${png.width} px wide for a ${png.cssWidth} px canvas`);
  assert.ok(png.height > 2 * png.cssHeight && png.height <= 2 * png.cssHeight + 20 + 3 * 30,
    `PNG ${png.height} px high for a ${png.cssHeight} px canvas (expected 2x plus a footer)`);
  assert.ok(png.colours > 50, `the exported picture looks blank (${png.colours} colours)`);
  assert.deepEqual(png.backingAfter, [png.cssWidth, png.cssHeight], "the canvas stayed at 2x after the export");
  await assertDraws(page, "#landscape", "the widget after the export");
  assert.deepEqual(errors, []);
  await context.close();
});

// A metric and period that exist together in the data, different from what the page starts with.
function aDifferentView(current) {
  const o = DATA.observations.rows
    ? DATA.observations.rows.map((r) => Object.fromEntries(DATA.observations.columns.map((c, i) => [c, r[i]])))
    : DATA.observations;
  const pick = o.find((x) => x.metric !== current.metric && /^\d{4}-Q\d$/.test(x.period));
  return { view: VIEWS.find((v) => v !== current.view && v !== "map"), metric: pick.metric, period: pick.period };
}

test("getState/setState/statechange round trip, and hash links restore the view", async () => {
  const { page, context, errors } = await openPage(browser, `${site.url}/index.html`);
  const start = await page.evaluate(() => window.explorer.getState());
  const wanted = aDifferentView(start);
  const event = await page.evaluate((partial) => new Promise((resolve) => {
    window.explorer.on("statechange", function once(s) { window.explorer.off("statechange", once); resolve(s); });
    window.explorer.setState(partial);
  }), wanted);
  for (const key of ["view", "metric", "period"]) assert.equal(event[key], wanted[key], `statechange event ${key}`);
  const now = await page.evaluate(() => window.explorer.getState());
  assert.deepEqual(event, now, "the statechange event differs from getState()");
  assert.equal(JSON.parse(JSON.stringify(now)).view, wanted.view, "getState() is not plain JSON");

  // Back to the start by handing getState()'s value to setState().
  await page.evaluate((s) => window.explorer.setState(s), start);
  assert.deepEqual(await page.evaluate(() => window.explorer.getState()), start, "setState(getState()) did not restore the view");
  await page.evaluate((partial) => window.explorer.setState(partial), wanted);

  // hash: true keeps the view in the address; opening that address shows the same view.
  await page.waitForFunction((v) => location.hash.startsWith("#ls1:") && location.hash.includes(`view=${v}`), wanted.view);
  const hash = await page.evaluate(() => location.hash);
  assert.deepEqual(errors, []);
  await context.close();

  const reopened = await openPage(browser, `${site.url}/index.html${hash}`);
  const restored = await reopened.page.evaluate(() => window.explorer.getState());
  for (const key of ["view", "metric", "period"]) assert.equal(restored[key], wanted[key], `${key} after opening ${hash}`);
  assert.equal(await reopened.page.evaluate(() => location.hash), hash, "the page rewrote the shared hash");
  // Following another link (or Back) on the open page changes the view too.
  await reopened.page.evaluate((h) => { location.hash = h; }, hash.replace(`view=${wanted.view}`, "view=sources"));
  await reopened.page.waitForFunction(() => window.explorer.getState().view === "sources", null, { timeout: 5000 });
  await assertDraws(reopened.page, "#landscape", "the restored widget");
  assert.deepEqual(unexpectedErrors(reopened.errors), []);
  await reopened.context.close();
});
