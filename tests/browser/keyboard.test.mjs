// The keyboard in the widget, with real key presses in Chromium. The table's rows could not be
// reached: ImGui gives a scrolling table a child window that was a single stop in the keyboard's
// walk, so the arrows went from the filter past the table to the footer, and no row, nor any
// figure's tooltip with its source, had keyboard focus. Now the arrows walk into the rows and on
// row by row, the table scrolling with them (tests/ui_test_table_keyboard.cpp checks each row's
// place and its tooltip natively). One browser for every case.
//
//   node --test tests/browser/keyboard.test.mjs        (after ./landscape build)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, openPage, realData } from "./harness.mjs";

let browser, site;
before(async () => { browser = await launch(); site = await serve(); });
after(async () => { await browser?.close(); await site?.close(); });

const frames = (page, n = 3) => page.evaluate((k) => new Promise((resolve) => {
  const step = () => (k-- <= 0 ? resolve() : requestAnimationFrame(step));
  step();
}), n);

// The platform names of the table's rows in sight (the frozen first column, below its name), top
// to bottom: names, not places, so that the widget moving as a whole is not taken for the rows'.
async function rowsInSight(page, entities) {
  const items = await page.evaluate(() => window.explorer.layout());
  const names = items.find((it) => it.role === "button" && it.text === "Platform");
  assert.ok(names, "the table's Platform header is not reported");
  return items.filter((it) => it.role === "label" && Math.abs(it.x - names.x) < 1 && it.y > names.y + names.h && entities.has(it.text))
    .sort((a, b) => a.y - b.y).map((it) => it.text);
}

for (const screen of [{ width: 1280, height: 900, scale: 1 }, { width: 375, height: 740, scale: 2 }]) {
  test(`${screen.width}@${screen.scale}: the arrow keys walk into the table's rows and the table scrolls with them`, async () => {
    const { page, context, errors } = await openPage(browser, `${site.url}/index.html`, screen);
    await page.evaluate(() => window.explorer.setState({ view: "table", metric: "revenue-by-user-geography", entities: [], regions: [] }));
    await frames(page, 10);
    const entities = new Set(realData().entities.map((e) => e.name));
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.keyboard.press("Tab");
    const inside = await page.evaluate(() => {
      const host = document.getElementById("landscape").firstElementChild;
      return document.activeElement === host && host.shadowRoot.activeElement.tagName;
    });
    assert.equal(inside, "CANVAS", "Tab did not focus the widget's canvas");
    const first = await rowsInSight(page, entities);
    assert.ok(first.length >= 3, `${first.length} rows in sight`);
    // The top rows in sight (the demo's first three are Snapchat's: one row scrolled makes them differ).
    const top = (rows) => JSON.stringify(rows.slice(0, 4));
    let now = first, presses = 0;
    for (; presses < 80 && top(now) === top(first); presses++) {
      await page.keyboard.press("ArrowDown");
      await frames(page);
      now = await rowsInSight(page, entities);
    }
    assert.notEqual(top(now), top(first), `80 presses of ArrowDown and the table's rows never moved: ${JSON.stringify(first)}`);
    // The walk stayed in the widget, and the rows moved by whole rows (a row under the focus, not a jump).
    assert.equal(await page.evaluate(() => document.getElementById("landscape").firstElementChild.shadowRoot.activeElement?.tagName), "CANVAS");
    assert.ok(now.length >= 3, `${now.length} rows in sight after the walk`);
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowUp");
    await frames(page);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
