// The explorer as a subscriber uses it: every view drawn at 1x and 2x, clicks on the map, the
// keyboard, the wheel, IME input, and no rendering while idle.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, openPage, canvasStats, canvasPixels, imageData, mirror } from "./harness.mjs";

const VIEWS = ["map", "trend", "compare", "share", "table", "sources"];
let browser, site;
before(async () => { browser = await launch(); site = await serve(); });
after(async () => { await browser?.close(); await site?.close(); });

async function settle(page, ms = 900) { await page.waitForTimeout(ms); }
async function widgetBox(page) { return page.locator("#landscape").boundingBox(); }
async function setState(page, state) { await page.evaluate((s) => window.explorer.setState(s), state); await settle(page, 400); }
async function state(page) { return page.evaluate(() => window.explorer.getState()); }

for (const scale of [1, 2]) {
  test(`every view draws something different at devicePixelRatio ${scale}`, async () => {
    const { page, context, errors } = await openPage(browser, `${site.url}/index.html`, { scale });
    const shots = new Set();
    for (const view of VIEWS) {
      await setState(page, { view });
      const pixels = await canvasStats(page);
      assert.ok(pixels.colours > 30, `${view}: looks blank (${pixels.colours} colours)`);
      const png = (await page.locator("#landscape").screenshot()).toString("base64");
      assert.ok(!shots.has(png), `${view} looks the same as another view`);
      shots.add(png);
      const m = await mirror(page);
      assert.equal(m.backing[0], Math.round(m.css[0] * scale), "backing store width = CSS width x ratio");
      assert.equal(m.backing[1], Math.round(m.css[1] * scale), "backing store height = CSS height x ratio");
      assert.ok(m.summary.length > 10, `${view}: the mirror has no summary`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("clicking a region on the map selects it, and the table follows", async () => {
  const { page, context, errors } = await openPage(browser, `${site.url}/index.html`);
  await setState(page, { view: "map", metric: "revenue-by-user-geography", entities: ["meta"], regions: [], period: "2025-Q3" });
  // The region with the highest value is painted darkest: find that colour on the map (the left
  // two thirds of the widget, above the legend) and click it, as a person would click the US.
  const png = await page.locator("#landscape").screenshot();   // scrolls the widget into view
  const box = await widgetBox(page);
  const target = await imageData(page, png, (d, width, height, h) => {
    let best = null;
    for (let y = 230; y < h - 120; y += 3) for (let x = 40; x < width * 0.66; x += 3) {
      const i = (y * width + x) * 4;
      const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
      if (b > r + 40 && (!best || r + g + b < best.sum)) best = { x, y, sum: r + g + b };
    }
    return best;
  }, box.height);
  assert.ok(target, "no coloured country found on the map");
  const selected = page.evaluate(() => new Promise((ok) => window.explorer.on("select", ok)));
  await page.mouse.click(box.x + target.x, box.y + target.y);
  const event = await selected;
  assert.equal(event.region, "us-canada");
  assert.equal(event.metric, "revenue-by-user-geography");
  await settle(page);
  assert.deepEqual((await state(page)).regions, ["us-canada"]);
  await setState(page, { view: "table" });
  const m = await mirror(page);
  assert.ok(m.rows.length > 0, "the table is empty");
  assert.ok(m.rows.every((r) => r[1] === "US & Canada"), `the table shows other regions: ${m.rows.map((r) => r[1])}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("Tab moves focus into the widget and out again; arrow keys step the period", async () => {
  const { page, context } = await openPage(browser, `${site.url}/index.html`);
  await setState(page, { view: "map", metric: "facebook-dau", entities: ["facebook"], period: "2022-Q4" });
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.keyboard.press("Tab");
  const inside = await page.evaluate(() => {
    const host = document.getElementById("landscape").firstElementChild;
    return document.activeElement === host && host.shadowRoot.activeElement.tagName;
  });
  assert.equal(inside, "CANVAS", "Tab did not focus the widget's canvas");
  await page.keyboard.press("ArrowLeft");
  await settle(page, 300);
  assert.equal((await state(page)).period, "2022-Q3", "ArrowLeft did not step back one period");
  await page.keyboard.press("ArrowRight");
  await settle(page, 300);
  assert.equal((await state(page)).period, "2022-Q4");
  await page.keyboard.press("Tab");
  const after = await page.evaluate(() => document.activeElement.id);
  assert.equal(after, "download-csv", "Tab did not leave the widget for the next control on the page");
  // Keys typed elsewhere on the page never reach the widget.
  await page.keyboard.press("ArrowLeft");
  await settle(page, 300);
  assert.equal((await state(page)).period, "2022-Q4");
  await context.close();
});

test("the wheel zooms the map, and the page still scrolls when the pointer is elsewhere", async () => {
  const { page, context } = await openPage(browser, `${site.url}/index.html`, { height: 700 });
  await setState(page, { view: "map" });
  await page.evaluate(() => window.scrollTo(0, 200));
  await settle(page, 300);
  const box = await widgetBox(page);
  const before = await canvasPixels(page);
  await page.mouse.move(box.x + box.width * 0.33, box.y + box.height * 0.5);
  await page.mouse.wheel(0, -300);
  await settle(page);
  assert.equal(await page.evaluate(() => window.scrollY), 200, "the page scrolled while zooming the map");
  assert.notEqual(await canvasPixels(page), before, "the map did not zoom");
  // Over the widget's header (nothing there scrolls or zooms) the page scrolls.
  await page.mouse.move(box.x + 300, box.y + 20);
  await page.mouse.wheel(0, 200);
  await settle(page, 500);
  assert.ok(await page.evaluate(() => window.scrollY) > 200, "the page did not scroll over the widget's header");
  await context.close();
});

test("IME composition types 小红书 into the platform search", async () => {
  const { page, context, errors } = await openPage(browser, `${site.url}/index.html`);
  await setState(page, { view: "map", metric: "us-dau-similarweb", entities: ["tiktok"] });
  const box = await widgetBox(page);
  // The "Platforms" picker, wherever the frame's layout puts it at this width.
  const picker = (await page.evaluate(() => window.explorer.layout())).find((it) => it.role === "combo" && it.text.startsWith("Platforms:"));
  assert.ok(picker, "no Platforms picker in layout()");
  await page.mouse.click(box.x + picker.x + picker.w / 2, box.y + picker.y + picker.h / 2);
  await settle(page, 500);
  const agent = await page.evaluate(() => {
    const host = document.getElementById("landscape").firstElementChild;
    return host.shadowRoot.activeElement && host.shadowRoot.activeElement.className;
  });
  assert.equal(agent, "text-agent", "the search box did not take the keyboard through the text agent");
  const cdp = await context.newCDPSession(page);
  await cdp.send("Input.imeSetComposition", { text: "小红", selectionStart: 2, selectionEnd: 2 });
  await cdp.send("Input.imeSetComposition", { text: "小红书", selectionStart: 3, selectionEnd: 3 });
  await cdp.send("Input.insertText", { text: "小红书" });
  await settle(page);
  const m = await mirror(page);
  assert.match(m.live, /1 platform matches "小红书": Rednote/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("nothing renders while nothing changes", async () => {
  const { page, context } = await openPage(browser, `${site.url}/index.html`);
  await page.mouse.move(2, 2);
  await settle(page, 1500);
  const a = await page.evaluate(() => [window.explorer.stats().framesRendered, window.explorerSmall?.stats().framesRendered]);
  await page.waitForTimeout(2500);
  const b = await page.evaluate(() => [window.explorer.stats().framesRendered, window.explorerSmall?.stats().framesRendered]);
  assert.deepEqual(b, a, "frames were rendered while idle");
  await context.close();
});
