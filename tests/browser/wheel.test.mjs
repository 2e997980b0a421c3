// The wheel at the end of a scrolling panel goes on to the host page. A phone-width widget in a
// page taller than the viewport: the wheel over the table scrolls the table first, and once the
// table is at its end the page scrolls (before, the wheel was taken and nothing moved: the reader
// had to move the pointer off the widget); back up, the table takes it again. Over the map the
// wheel zooms it and the page stays; at the map's widest (as it starts) a notch further out
// scrolls the page, as at a panel's end (App::WantsWheelAt).
// Waits are on the widget's own signals (drawn frames, layout()), never fixed sleeps.
//
//   node --test tests/browser/wheel.test.mjs        (after ./landscape build)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, openPage, htmlPage, routesFrom, canvasPixels, untilQuiet } from "./harness.mjs";

const PHONE = { width: 375, height: 700, scale: 2, waitFor: "window.explorer" };
const ABOVE = 900;   // CSS px of the host page above the widget; as much again and more below it

const HOST = htmlPage(
  `<div class="filler">Above the widget</div><div id="landscape"></div><div class="filler tall">Below the widget</div>`,
  `import { createLandscape } from "/landscape.js";
window.explorer = await createLandscape(document.getElementById("landscape"), { src: "/data/landscape.json" });`,
  `<style>html, body { margin: 0; } .filler { height: ${ABOVE}px; background: #f4f1ea; } .tall { height: 1800px; }
  #landscape { width: 100%; height: 600px; }</style>`);

let browser, site;
before(async () => { browser = await launch(); site = await serve({ routes: routesFrom({ "/t/wheel.html": HOST }) }); });
after(async () => { await browser?.close(); await site?.close(); });

// The host page with the widget showing `state`, scrolled so the whole widget is in sight.
async function hostPage(state) {
  const opened = await openPage(browser, `${site.url}/t/wheel.html`, PHONE);
  const { page } = opened;
  await page.waitForFunction(() => window.explorer.layout().some((it) => it.role === "title" && it.text !== "Landscape"), null, { timeout: 30000 });
  await page.evaluate((s) => window.explorer.setState(s), state);
  await page.evaluate((top) => window.scrollTo(0, top - 50), ABOVE);
  await untilQuiet(page);
  return opened;
}

const scrollY = (page) => page.evaluate(() => window.scrollY);
const widgetBox = (page) => page.locator("#landscape").boundingBox();

// One turn of the wheel at (x, y) of the viewport, then the widget's frames until it is quiet.
async function wheel(page, x, y, dy) {
  await page.mouse.move(x, y);
  await page.mouse.wheel(0, dy);
  await untilQuiet(page);
}

test("the wheel over a phone's table scrolls the table to its end, then the page; back up, the table again", async () => {
  const { page, context, errors } = await hostPage({ view: "table" });
  const box = await widgetBox(page);
  // The table fills the lower part of a phone's widget.
  const [x, y] = [box.x + box.width / 2, box.y + box.height * 0.8];
  // What the table shows: its cells in layout(), where they are.
  const rows = () => page.evaluate((top) => JSON.stringify(window.explorer.layout()
    .filter((it) => it.role === "label" && it.y > top).map((it) => [it.text, Math.round(it.y)])), box.height * 0.5);
  const start = await scrollY(page);
  let tableMoves = 0, pageMovedAt = -1, last = await rows();
  for (let i = 0; i < 80 && pageMovedAt < 0; i++) {
    await wheel(page, x, y, 1000);
    const now = await rows();
    if (await scrollY(page) !== start) pageMovedAt = i;
    else {
      assert.notEqual(now, last, `turn ${i}: neither the table nor the page moved (the wheel was swallowed)`);
      tableMoves++;
    }
    last = now;
  }
  assert.ok(tableMoves >= 2, `the table scrolled ${tableMoves} times before the page did`);
  assert.ok(pageMovedAt > 0, "at the table's end the page did not scroll (the wheel was swallowed)");
  assert.ok(await scrollY(page) > start + 200, `the page scrolled only ${await scrollY(page) - start} px`);

  // Back with the widget in sight: the wheel up scrolls the table, not the page.
  await page.evaluate((top) => window.scrollTo(0, top - 50), ABOVE);
  await untilQuiet(page);
  const back = await scrollY(page);
  const before = await rows();
  await wheel(page, x, y, -300);
  assert.equal(await scrollY(page), back, "the page scrolled while the table had rows above");
  assert.notEqual(await rows(), before, "the wheel up did not scroll the table back");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the wheel over the map zooms it and the page stays; at its widest the wheel out scrolls the page", async () => {
  const { page, context, errors } = await hostPage({ view: "map" });
  const box = await widgetBox(page);
  // The map is just above its legend (the legend's first item, its unit, on a phone's column).
  const legend = await page.evaluate(() => Math.min(...window.explorer.layout().filter((it) => it.role === "legend").map((it) => it.y)));
  assert.ok(Number.isFinite(legend) && legend > 100, `no map legend found (${legend})`);
  const [x, y] = [box.x + box.width / 2, box.y + legend - 40];
  const start = await scrollY(page);
  const picture = await canvasPixels(page);
  await wheel(page, x, y, -300);   // up: zoom in
  assert.equal(await scrollY(page), start, "the page scrolled under the map's zoom");
  assert.notEqual(await canvasPixels(page), picture, "the map did not zoom");
  // Out again: the map's until it is at its widest (three notches back, perhaps a fourth for
  // the rounding), then the page's.
  await wheel(page, x, y, 300);
  assert.equal(await scrollY(page), start, "the page scrolled while the map could still zoom out");
  for (let i = 0; i < 3 && (await scrollY(page)) === start; i++) await wheel(page, x, y, 300);
  assert.ok(await scrollY(page) > start, "at the map's widest the wheel out did not scroll the page (swallowed)");
  assert.deepEqual(errors, []);
  await context.close();
});
