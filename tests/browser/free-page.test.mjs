// A free page: once createLandscape() has resolved, the widget draws nothing more until something
// changes. Every frame drawn into a WebGL canvas is composited, and without GPU compositing
// (software rendering) the browser reads it back with a synchronous glReadPixels on the page's
// main thread; settling frames that draw the same picture again blocked the host page for 1 s.
// And what the widget drew stays on the canvas: hidden and shown (the widget, the page), resized.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, openPage, assertDraws, canvasPixels, imageData, htmlPage, routesFrom } from "./harness.mjs";

const PAGE = htmlPage(`<div id="w" style="width: 1000px; height: 560px"></div>`, `
import { createLandscape } from "/landscape.js";
const w = await createLandscape(document.getElementById("w"), { src: "/data/landscape.json" });
window.framesAtReady = w.stats().framesRendered;
window.widget = w;`);

let browser, site;
before(async () => { browser = await launch(); site = await serve({ routes: routesFrom({ "/t/free.html": PAGE }) }); });
after(async () => { await browser?.close(); await site?.close(); });

const frames = (page) => page.evaluate(() => window.widget.stats().framesRendered);

// Distinct colours of the canvas as toDataURL reads it (what a page copying the chart gets).
async function readableColours(page) {
  const url = await canvasPixels(page, "#w");
  return imageData(page, Buffer.from(url.split(",")[1], "base64"), (d) => {
    const seen = new Set();
    for (let i = 0; i < d.length; i += 16) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  });
}

test("after the first frame nothing is drawn again until something changes", async () => {
  const { page, context, errors, messages } = await openPage(browser, `${site.url}/t/free.html`, { waitFor: "window.widget" });
  await page.mouse.move(1100, 700);   // outside the widget: no hover
  await page.waitForTimeout(1500);
  const atReady = await page.evaluate(() => window.framesAtReady);
  assert.equal(atReady, 1, "createLandscape() resolves after exactly one frame drawn");
  assert.equal(await frames(page), atReady, "frames were drawn after ready although nothing changed");
  // Chromium warns about each synchronous read-back ("GPU stall due to ReadPixels"): the first
  // frame may cause one, settling frames must not add more.
  const readBacks = messages.filter((m) => /ReadPixels/.test(m.text)).length;
  assert.ok(readBacks <= 1, `${readBacks} read-back warnings after one frame`);
  // A change is drawn, and then drawing stops again.
  await page.evaluate(() => window.widget.setState({ view: "table" }));
  await page.waitForTimeout(800);
  const afterChange = await frames(page);
  assert.ok(afterChange > atReady, "a state change was not drawn");
  await page.waitForTimeout(700);
  assert.equal(await frames(page), afterChange, "frames were drawn after the change had been drawn");
  await assertDraws(page, "#w");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the picture stays on the canvas when the widget or the page is hidden and shown", async () => {
  const { page, context, errors } = await openPage(browser, `${site.url}/t/free.html`, { waitFor: "window.widget" });
  await page.mouse.move(1100, 700);
  await page.waitForTimeout(500);
  // The widget hidden (display: none takes its canvas out of the page's layers) and shown.
  await page.evaluate(() => { document.getElementById("w").style.display = "none"; });
  await page.waitForTimeout(300);
  await page.evaluate(() => { document.getElementById("w").style.display = "block"; });
  await page.waitForTimeout(500);
  await assertDraws(page, "#w", "the widget shown again");
  assert.ok(await readableColours(page) > 50, "toDataURL reads a blank canvas after the widget was shown again");
  // The page hidden and shown (headless Chromium never hides a page: the widget is told as a
  // browser tells it, by visibilityState and the visibilitychange event). Nothing changed, so
  // nothing is drawn: the canvas kept its picture.
  const drawn = await frames(page);
  await page.evaluate(async () => {
    const set = (state) => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
      document.dispatchEvent(new Event("visibilitychange"));
    };
    set("hidden");
    await new Promise((r) => setTimeout(r, 300));
    set("visible");
  });
  await page.waitForTimeout(500);
  await assertDraws(page, "#w", "the page shown again");
  assert.ok(await readableColours(page) > 50, "toDataURL reads a blank canvas after the page was shown again");
  assert.equal(await frames(page), drawn, "showing an unchanged picture again drew it again");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a resize draws the picture again at the new size", async () => {
  const { page, context, errors } = await openPage(browser, `${site.url}/t/free.html`, { waitFor: "window.widget" });
  await page.mouse.move(1100, 700);
  await page.waitForTimeout(500);
  const drawn = await frames(page);
  await page.evaluate(() => { Object.assign(document.getElementById("w").style, { width: "700px", height: "480px" }); });
  await page.waitForTimeout(800);
  const size = await page.evaluate(() => { const c = window.widget.element.shadowRoot.querySelector("canvas"); return [c.width, c.height]; });
  assert.deepEqual(size, [700, 480]);
  assert.ok(await frames(page) > drawn, "the resized canvas was not drawn");
  await assertDraws(page, "#w", "the resized widget");
  assert.ok(await readableColours(page) > 50, "toDataURL reads a blank canvas after the resize");
  assert.deepEqual(errors, []);
  await context.close();
});
