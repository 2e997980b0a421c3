// First light: the demo page draws a real ImGui frame with the data's title.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, serve, openPage, canvasStats, mirror, imageData, htmlPage, routesFrom, ROOT } from "./harness.mjs";

// A page with one widget and no preloads: what createLandscape() itself does at start-up.
const FIRST_PAGE = htmlPage(`<div id="w" style="width: 1000px; height: 560px"></div>`, `
import { createLandscape } from "/landscape.js";
const w = await createLandscape(document.getElementById("w"), { src: "/data/landscape.json" });
window.firstShot = w.element.shadowRoot.querySelector("canvas").toDataURL();   // the frame createLandscape waited for
window.widget = w;`);

let browser, site;
before(async () => { browser = await launch(); site = await serve({ routes: routesFrom({ "/t/first.html": FIRST_PAGE }) }); });
after(async () => { await browser?.close(); await site?.close(); });

test("the demo page draws the explorer with the data's title", async () => {
  const title = JSON.parse(readFileSync(join(ROOT, "data", "landscape.json"), "utf8")).title;
  const { page, context, errors } = await openPage(browser, `${site.url}/index.html`);
  const pixels = await canvasStats(page);
  assert.ok(pixels.colours > 50, `the canvas looks blank: ${pixels.colours} colours`);
  assert.ok(pixels.dominantShare < 0.95, `one colour covers ${Math.round(pixels.dominantShare * 100)} % of the canvas`);
  const m = await mirror(page);
  assert.match(m.label, new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  const stats = await page.evaluate(() => window.explorer.stats());
  assert.ok(stats.framesRendered > 0);
  assert.ok(stats.observations >= 450, `only ${stats.observations} observations loaded`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the first frame is complete when createLandscape() resolves, and the data download does not wait for the wasm", async () => {
  const { page, context, errors } = await openPage(browser, `${site.url}/t/first.html`, { waitFor: "window.firstShot" });
  await page.waitForTimeout(1200);   // the frames that follow, once everything has settled
  const later = await page.evaluate(() => window.widget.element.shadowRoot.querySelector("canvas").toDataURL());
  const first = await page.evaluate(() => window.firstShot);
  const decode = (url) => Buffer.from(url.split(",")[1], "base64");
  // Title, tabs and controls: ImGui lays tab bars out a frame late, so a first frame drawn without
  // the unseen layout pass lacks the tabs and differs here.
  const top = (d, width, height) => Array.from(d.subarray(0, width * 4 * Math.min(height, 140)));
  const a = await imageData(page, decode(first), top);
  const b = await imageData(page, decode(later), top);
  let differing = 0;
  for (let i = 0; i < a.length; i += 4)
    if (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]) > 48) differing++;
  assert.ok(differing < a.length / 4 * 0.01, `${differing} of ${a.length / 4} pixels of the first frame's header differ from the settled frame`);
  const timing = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => ({ name: e.name.split("/").pop(), start: e.startTime, end: e.responseEnd })));
  const wasm = timing.find((e) => e.name === "landscape-core.wasm"), data = timing.find((e) => e.name === "landscape.json");
  assert.ok(wasm && data, JSON.stringify(timing));
  assert.ok(data.start <= wasm.end, `the data was requested at ${data.start.toFixed(0)} ms, after the wasm arrived (${wasm.end.toFixed(0)} ms)`);
  assert.deepEqual(errors, []);
  await context.close();
});

// The renderer's first draw (WebGlRendererInit's warm-up: one invisible triangle, submitted with
// a fence so that the software renderer builds its code before the first frame's read-back) clears
// the canvas to the theme's background: should the page composite the canvas before the first
// frame with data (a slow link), a reader sees the widget's background, never black or the other
// theme's. The canvas is read at the fence, inside that draw, with the data held back.
test("the renderer's warm-up draw, before the data, leaves the canvas in the theme's background, light and dark", async () => {
  let release;
  const held = new Promise((ok) => { release = ok; });
  const data = readFileSync(join(ROOT, "data", "landscape.json"));
  const heldSite = await serve({ routes: routesFrom({
    "/t/held.html": htmlPage(`<div id="w" style="width: 600px; height: 400px"></div>`, `
import { createLandscape } from "/landscape.js";
createLandscape(document.getElementById("w"), { src: "/data/held.json" }).then((w) => { window.widget = w; });`),
    "/data/held.json": async (req, res) => { await held; res.writeHead(200, { "content-type": "application/json" }).end(data); },
  }) });
  // What the canvas holds when the first fence is made (toDataURL reads the drawing buffer now).
  const atFirstFence = () => {
    const fenceSync = WebGL2RenderingContext.prototype.fenceSync;
    WebGL2RenderingContext.prototype.fenceSync = function (...args) {
      if (!window.atFence) window.atFence = { url: this.canvas.toDataURL(), width: this.canvas.width, height: this.canvas.height };
      return fenceSync.apply(this, args);
    };
  };
  try {
    for (const [scheme, rgb] of [["light", [0xff, 0xff, 0xff]], ["dark", [0x11, 0x18, 0x27]]]) {
      const { page, context, errors } = await openPage(browser, `${heldSite.url}/t/held.html`,
        { waitFor: null, init: atFirstFence, contextOptions: { colorScheme: scheme } });
      const fenced = await page.waitForFunction(() => window.atFence, null, { timeout: 20000 }).then(() => true, () => false);
      assert.ok(fenced, `${scheme}: no warm-up draw (no fence) while the data was held`);
      const wrong = await page.evaluate(async (want) => {
        const img = new Image();
        img.src = window.atFence.url;
        await img.decode();
        const c = new OffscreenCanvas(img.width, img.height), g = c.getContext("2d");
        g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, img.width, img.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] !== want[0] || d[i + 1] !== want[1] || d[i + 2] !== want[2] || d[i + 3] !== 255) n++;
        return { n, width: img.width, height: img.height };
      }, rgb);
      assert.ok(wrong.width >= 600 && wrong.height >= 400, `${scheme}: the canvas read at the fence is ${wrong.width}x${wrong.height}`);
      assert.equal(wrong.n, 0, `${scheme}: ${wrong.n} pixels are not the background rgb(${rgb.join(", ")}) after the warm-up draw`);
      assert.equal(await page.evaluate(() => window.widget), undefined, `${scheme}: the widget started without its data`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  } finally {
    release();
    await heldSite.close();
  }
});
