// Touch at phone size, with real touch input synthesised by Chromium's DevTools protocol (the
// events a finger makes: pointer and touch events through the compositor, scrolling included):
// a tap shows what hover shows and it stays; a drag pans the map and the page stays put; a pinch
// zooms the map, not the page; a swipe over a plot that does not pan scrolls the widget's column
// (a phone's frame) to its end, then the page; a drag on the table scrolls the table.
// Waits are on the widget's own signals (events, drawn frames, layout()), never fixed sleeps.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, openPage, imageData, untilQuiet } from "./harness.mjs";

const PHONE = { width: 375, height: 740, scale: 2, contextOptions: { hasTouch: true, isMobile: true } };
const MAP_STATE = { view: "map", metric: "revenue-by-user-geography", entities: ["meta"], regions: [], period: "2025-Q3" };
let browser, site;
before(async () => { browser = await launch(); site = await serve(); });
after(async () => { await browser?.close(); await site?.close(); });

// One gesture as fingers make it: a touchStart per list in `starts` (a second finger coming down
// is a second start), a touchMove per entry of `moves`, then every finger lifts.
async function touchGesture(cdp, starts, moves) {
  for (const touchPoints of starts) await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints });
  for (const touchPoints of moves) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}
// [f(1), ..., f(n)]: the positions of a move, step by step.
const steps = (n, f) => Array.from({ length: n }, (_, i) => f(i + 1));

async function phonePage(state) {
  const opened = await openPage(browser, `${site.url}/index.html`, PHONE);
  const { page } = opened;
  await page.evaluate((s) => window.explorer.setState(s), state);
  await page.locator("#landscape").scrollIntoViewIfNeeded();
  await untilQuiet(page);
  const cdp = await page.context().newCDPSession(page);
  return { ...opened, cdp };
}

async function shot(page) { return page.locator("#landscape").screenshot(); }

// The map's darkest blue (the largest value: US & Canada) and the map's extent, in CSS px of
// the widget, from the picture itself.
async function findMap(page) {
  return imageData(page, await shot(page), (d, width, height) => {
    let best = null, top = height, bottom = 0;
    for (let y = 0; y < height; y += 2) for (let x = 0; x < width; x += 2) {
      const i = (y * width + x) * 4;
      const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
      if (r === 0xEE && g === 0xF3 && b === 0xF8) { top = Math.min(top, y); bottom = Math.max(bottom, y); }   // the ocean
      if (b > r + 40 && g < 140 && (!best || r + g + b < best.sum)) best = { x, y, sum: r + g + b };
    }
    return best && { us: [best.x / 2, best.y / 2], top: top / 2, bottom: bottom / 2, width: width / 2 };
  });
}

// Pixels that differ between two pictures of the widget, inside a rectangle in CSS px; in CSS px².
async function compare(page, pngA, pngB, rect) {
  const b64 = pngB.toString("base64");
  return imageData(page, pngA, async (d, width, height, arg) => {
    const img = new Image();
    img.src = "data:image/png;base64," + arg.b64;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext("2d");
    ctx.drawImage(img, 0, 0);
    const e = ctx.getImageData(0, 0, width, height).data;
    const [x0, y0, x1, y1] = arg.rect.map((v) => Math.round(v * 2));
    let changed = 0;
    for (let y = Math.max(0, y0); y < Math.min(height, y1); y++) for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) {
      const i = (y * width + x) * 4;
      if (d[i] !== e[i] || d[i + 1] !== e[i + 1] || d[i + 2] !== e[i + 2]) changed++;
    }
    return { changed: changed / 4 };
  }, { b64, rect });
}

test("a tap on a map region selects it and shows its tooltip, which stays until a tap elsewhere", async () => {
  const { page, context, errors, cdp } = await phonePage(MAP_STATE);
  const map = await findMap(page);
  assert.ok(map, "no coloured region found on the map");
  const box = await page.locator("#landscape").boundingBox();
  const selected = page.evaluate(() => new Promise((ok) => window.explorer.on("select", ok)));
  await cdp.send("Input.synthesizeTapGesture", { x: box.x + map.us[0], y: box.y + map.us[1], gestureSourceType: "touch" });
  const event = await selected;
  assert.equal(event.region, "us-canada", "the tap did not click the region under the finger");
  await untilQuiet(page);
  const withTooltip = await shot(page);   // after the widget stopped drawing: this is what stays

  // A tap on plain text (the metric's description: the longest label layout() reports; nothing
  // there reacts to a tap): the tooltip goes, and the picture differs from the one above by the
  // tooltip's panel at least. Before touch kept the hover, the tooltip had gone when the finger
  // lifted and the two pictures were the same.
  const labels = (await page.evaluate(() => window.explorer.layout())).filter((i) => i.role === "label");
  const text = labels.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const stateBefore = await page.evaluate(() => JSON.stringify(window.explorer.getState()));
  await cdp.send("Input.synthesizeTapGesture", { x: box.x + text.x + text.w / 2, y: box.y + text.y + text.h / 2, gestureSourceType: "touch" });
  await untilQuiet(page);
  assert.equal(await page.evaluate(() => JSON.stringify(window.explorer.getState())), stateBefore, "the tap on text changed the view");
  const diff = await compare(page, withTooltip, await shot(page), [0, 0, box.width, box.height]);
  assert.ok(diff.changed > 150 * 80, `no tooltip stayed after the tap (${diff.changed} CSS px² differ from the picture without it)`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a drag on the map pans it; the page does not scroll and nothing is selected", async () => {
  const { page, context, errors, cdp } = await phonePage(MAP_STATE);
  const map = await findMap(page);
  const box = await page.locator("#landscape").boundingBox();
  const scrollBefore = await page.evaluate(() => window.scrollY);
  const before = await shot(page);
  const [x, y] = [box.x + map.width / 2, box.y + (map.top + map.bottom) / 2];
  const point = (dx, dy) => [{ x: x + dx, y: y + dy, id: 1 }];
  await touchGesture(cdp, [point(0, 0)], steps(8, (i) => point(-5 * i, -6 * i)));
  await untilQuiet(page);
  const moved = await compare(page, await shot(page), before, [0, map.top, map.width, map.bottom]);
  assert.ok(moved.changed > 2000, `the map did not move (${moved.changed} CSS px² changed)`);
  assert.equal(await page.evaluate(() => window.scrollY), scrollBefore, "the page scrolled under the map drag");
  assert.deepEqual((await page.evaluate(() => window.explorer.getState())).regions, [], "a drag selected a region");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a pinch on the map zooms the map, not the page", async () => {
  const { page, context, errors, cdp } = await phonePage(MAP_STATE);
  const map = await findMap(page);
  const box = await page.locator("#landscape").boundingBox();
  const scrollBefore = await page.evaluate(() => window.scrollY);
  const before = await shot(page);
  // Two fingers inside the map, moving apart (the map is short on a phone: the protocol's own
  // synthesizePinchGesture starts its fingers outside it).
  const [x, y] = [box.x + map.width / 2, box.y + (map.top + map.bottom) / 2];
  const fingers = (d) => [{ x: x - d, y, id: 1 }, { x: x + d, y, id: 2 }];
  await touchGesture(cdp, [fingers(12).slice(0, 1), fingers(12)], steps(10, (i) => fingers(12 + 6 * i)));
  await untilQuiet(page);
  const zoomed = await compare(page, await shot(page), before, [0, map.top, map.width, map.bottom]);
  assert.ok(zoomed.changed > 3000, `the map did not zoom (${zoomed.changed} CSS px² changed)`);
  assert.deepEqual((await page.evaluate(() => window.explorer.getState())).regions, [], "the pinch selected a region");
  assert.equal(await page.evaluate(() => window.visualViewport.scale), 1, "the page zoomed");
  assert.equal(await page.evaluate(() => window.scrollY), scrollBefore, "the page scrolled under the pinch");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a vertical swipe over the trend plot scrolls the widget's column to its end, then the page", async () => {
  // A phone's widget is too short for the title, the controls and a readable plot: the frame
  // scrolls as one column (wasm/ui/views/frame.cpp), and a finger moves it until its end, then
  // the page, as a scrolling panel on a page does. The plot itself does not pan.
  const { page, context, errors, cdp } = await phonePage({ ...MAP_STATE, view: "trend" });
  const titleY = async () => (await page.evaluate(() => window.explorer.layout())).filter((i) => i.role === "title").map((i) => i.y)[0] ?? -1e9;
  const swipe = async () => {
    const box = await page.locator("#landscape").boundingBox();
    // A point in the plot: the lower part of the widget, away from its edges and controls.
    const [x, y] = [box.x + box.width / 2, box.y + box.height * 0.75];
    // (Input.synthesizeScrollGesture with touch does not scroll headless Chromium's page at all,
    // not even outside the widget; dispatched touch events do.)
    const finger = (dy) => [{ x, y: y + dy, id: 1 }];
    await touchGesture(cdp, [finger(0)], steps(10, (i) => finger(-20 * i)));
    await untilQuiet(page);
  };
  const scrollBefore = await page.evaluate(() => window.scrollY);
  const stateBefore = await page.evaluate(() => JSON.stringify(window.explorer.getState()));
  const titleBefore = await titleY();
  await swipe();
  assert.ok(await titleY() < titleBefore - 40, "the first swipe did not scroll the widget's column (its title stayed)");
  for (let i = 0; i < 3 && (await page.evaluate(() => window.scrollY)) <= scrollBefore + 100; i++) await swipe();
  const scrolled = await page.evaluate(() => window.scrollY) - scrollBefore;
  assert.ok(scrolled > 100, `the page did not scroll past the column's end (${scrolled} px)`);
  assert.equal(await page.evaluate(() => JSON.stringify(window.explorer.getState())), stateBefore, "the swipe changed the view");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a drag on the table scrolls the table, not the page; past the table's end the page scrolls", async () => {
  const { page, context, errors, cdp } = await phonePage({ ...MAP_STATE, view: "table" });
  // The table fills the lower part of the widget on a phone.
  const drag = async (step) => {
    const box = await page.locator("#landscape").boundingBox();
    const [x, y] = [box.x + box.width / 2, box.y + box.height * 0.8];
    const finger = (dy) => [{ x, y: y + dy, id: 1 }];
    await touchGesture(cdp, [finger(0)], steps(8, (i) => finger(step * i)));
    await untilQuiet(page);
  };
  // At its top, a finger moving down has nothing of the table to show: the page scrolls up.
  const scrollStart = await page.evaluate(() => window.scrollY);
  const top = await shot(page);
  await drag(10);
  assert.ok(await page.evaluate(() => window.scrollY) < scrollStart - 40, "the page did not scroll past the table's top");
  const box = await page.locator("#landscape").boundingBox();
  // (inside the widget's edge: the page draws its focus ring there once the canvas has focus)
  const still = await compare(page, await shot(page), top, [8, box.height * 0.55, box.width - 8, box.height * 0.95]);
  assert.ok(still.changed < 200, `the table moved (${still.changed} CSS px²)`);

  await page.locator("#landscape").scrollIntoViewIfNeeded();
  await untilQuiet(page);
  const scrollBefore = await page.evaluate(() => window.scrollY);
  const before = await shot(page);
  await drag(-10);
  const moved = await compare(page, await shot(page), before, [0, box.height * 0.55, box.width, box.height * 0.95]);
  assert.ok(moved.changed > 2000, `the table did not scroll (${moved.changed} CSS px² changed)`);
  assert.equal(await page.evaluate(() => window.scrollY), scrollBefore, "the page scrolled under the table drag");
  assert.deepEqual(errors, []);
  await context.close();
});
