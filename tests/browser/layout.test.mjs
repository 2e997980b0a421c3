// Issue #12's layout matrix: every view, light and dark, the demo data and the long-names dataset
// (tests/data/long-names/), at 320 px (dpr 3), 375 (2), 768 (2), 1280, 1920 and 2560 (1): every
// item handle.layout() reports lies inside the canvas, no two text items overlap, and a view of
// one period shows the chosen period once (tests/browser/layout-rules.mjs has the rules).
// Before the matrix: the rules catch what they must (negative controls), and layout() itself
// reports what a reader sees, so the matrix cannot pass on an empty report.
//
// One browser for the file, one page per screen (width and density): the data is switched with
// load(), the theme with the page's colour scheme, the view with setState(). Waits are the
// widget's own frames (layout-rules.mjs settle()), never fixed sleeps.
//
//   node --test tests/browser/layout.test.mjs        (after ./landscape build)
//   node tests/browser/layout-check.mjs --help       (the same rules, printed per configuration)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, realData } from "./harness.mjs";
import {
  Views, Screens, layoutRoutes, openLayoutPage, inspectView, setData, setTheme, settle,
  outsideCanvas, overlaps, periodOnce, chosenPeriod, checkLayout,
} from "./layout-rules.mjs";

// Configurations that still break a rule, "view width theme data" -> how, each run as a
// node:test todo (reported, not failing the suite) until the layout is fixed. Kept honest by the
// test at the end: a configuration listed here that passes is an error. `node
// tests/browser/layout-check.mjs --view V --width W [--data long] [--dark]` prints the details.
const KnownFailures = {};   // compare's coverage note is reported since DrawNotes goes through WrappedText (4fb8bd8)

let browser, site;
before(async () => { browser = await launch(); site = await serve({ routes: layoutRoutes() }); });
after(async () => { await current?.context.close(); await browser?.close(); await site?.close(); });

// ---------------------------------------------------------------------------------------------
// The rules catch what they must (no browser)
// ---------------------------------------------------------------------------------------------

const item = (role, text, x, y, w, h) => ({ role, text, x, y, w, h });

test("the overlap rule flags two texts intersecting by more than 1 px, and only those", () => {
  const a = item("label", "Meta Platforms · Asia-Pacific", 100, 100, 180, 15);
  assert.equal(overlaps([a, item("datalabel", "Pinterest · Worldwide", 250, 105, 140, 15)]).length, 1, "30x10 px overlap not flagged");
  assert.equal(overlaps([a, item("axis", "2024", 279.5, 100, 30, 15)]).length, 0, "0.5 px is not an overlap");
  assert.equal(overlaps([a, item("axis", "2024", 279, 114.5, 30, 15)]).length, 0, "a corner of 1 x 0.5 px is not an overlap");
  assert.equal(overlaps([a, item("axis", "2024", 278, 113, 30, 15)]).length, 1, "2x2 px overlap not flagged");
  assert.equal(overlaps([a, item("button", "", 150, 100, 20, 20)]).length, 0, "a control without text is not text");
  assert.equal(overlaps([a, item("menu", "Worldwide", 120, 100, 100, 15)]).length, 0, "an open popup covers what is under it");
  assert.equal(overlaps([item("menu", "A", 0, 0, 50, 15), item("menu", "B", 10, 5, 50, 15)]).length, 1, "two popup entries overlapping");
  const [v] = overlaps([a, item("label", "Snap", 110, 102, 40, 15)]);
  assert.match(v.message, /label "Meta Platforms · Asia-Pacific" at 100,100,180,15 and label "Snap" at 110,102,40,15 overlap by 40x13 px/);
});

test("the canvas rule flags an item reaching past any edge by more than half a pixel", () => {
  assert.deepEqual(outsideCanvas([item("button", "Reset", 0, 0, 375, 600), item("label", "x", 300.4, 10, 75, 15)], 375, 600), []);
  for (const it of [item("combo", "Platforms", 300, 10, 90, 25), item("tab", "Map", -3, 10, 40, 25),
    item("label", "footer", 10, 590, 40, 15), item("title", "t", 10, -1, 40, 15)]) {
    assert.equal(outsideCanvas([it], 375, 600).length, 1, `${it.text} at ${it.x},${it.y} not flagged`);
  }
});

test("the unreported rule flags text layout() says nobody reported", () => {
  const items = [item("label", "Showing", 10, 10, 50, 15), item("unreported", "", 70, 10, 120, 15)];
  const found = checkLayout(items, { width: 400, height: 300 });
  assert.equal(found.length, 1);
  assert.equal(found[0].rule, "unreported");
  assert.match(found[0].message, /text drawn at 70,10,120,15 is not reported/);
});

test("the period rule wants the chosen period exactly once, read from the view's caption", () => {
  const csv = "# Title, 2019–2025\n# Revenue by user geography (USD millions), Meta Platforms, by region, Q3 2025\nRegion,Value\n";
  const p = chosenPeriod(csv);
  assert.deepEqual(p, { label: "Q3 2025", code: "2025-Q3" });
  assert.deepEqual(chosenPeriod("# t\n# Users by platform at Worldwide, Jun 2023 (monthly figures)\n"), { label: "Jun 2023", code: "2023-06" });
  assert.deepEqual(chosenPeriod("# t\n# Users, 26 Jan 2025\n"), { label: "26 Jan 2025", code: "2025-01-26" });
  assert.deepEqual(chosenPeriod("# t\n# ARPU by region, 2024\n"), { label: "2024", code: "2024" });
  const once = [item("slider", "Q3 2025", 10, 10, 300, 25), item("title", "Revenue by region, 2019–2025", 10, 40, 200, 15),
    item("label", "Q3 20250", 10, 60, 60, 15), item("axis", "2025", 10, 80, 30, 15),
    item("label", "1 of 2 platforms report Q3 2025; 1 more show an earlier quarterly figure.", 10, 120, 380, 15)];
  assert.deepEqual(periodOnce(once, p), [], "another period, the period's year alone or a sentence about the period counted as showing it");
  assert.equal(periodOnce([...once, item("input", "2025-Q3", 320, 10, 60, 25)], p).length, 1, "the period twice (label and code) not flagged");
  assert.equal(periodOnce([...once, item("label", "· Q3 2025", 320, 10, 60, 25)], p).length, 1, "the period repeated inside a longer label (the map's '· Q3 2025') not flagged");
  assert.equal(periodOnce([...once, item("title", "Revenue, 2025-Q3 (quarterly)", 10, 100, 200, 15)], p).length, 1, "the period's code inside a title not flagged");
  assert.equal(periodOnce([...once, item("label", "Showing Q3 2025.", 10, 140, 200, 15)], p).length, 1, "a short label ending in a full stop taken for a sentence");
  assert.equal(periodOnce(once.slice(1), p).length, 1, "the period not shown not flagged");
  assert.equal(periodOnce(once, null).length, 1, "an unreadable period passes silently");
  assert.equal(checkLayout(once, { width: 400, height: 300 }).length, 0, "a view without a chosen period is not checked for one");
});

// ---------------------------------------------------------------------------------------------
// The page: one per screen, reused across data, themes and views
// ---------------------------------------------------------------------------------------------

let current = null;   // { key, page, context, errors, data, dark }

async function pageFor(screen, data, dark) {
  const key = `${screen.width}@${screen.dpr}`;
  if (current && current.key !== key) {
    assert.deepEqual(current.errors, [], `console errors at ${current.key}`);
    await current.context.close();
    current = null;
  }
  if (!current) current = { key, ...(await openLayoutPage(browser, site.url, { ...screen, data, dark })), data, dark };
  if (current.data !== data) { await setData(current.page, data); current.data = data; }
  if (current.dark !== dark) { await setTheme(current.page, dark); current.dark = dark; }
  return current.page;
}

// ---------------------------------------------------------------------------------------------
// layout() reports what a reader sees
// ---------------------------------------------------------------------------------------------

test("layout() at 1280 px reports the six tabs, the metric picker, the trend's axis labels and the map's legend", async () => {
  const page = await pageFor(Screens.find((s) => s.width === 1280), "demo", false);
  const map = await inspectView(page, "map");
  const tabs = map.items.filter((it) => it.role === "tab").map((it) => it.text);
  assert.deepEqual(tabs, ["Map", "Trend", "Compare", "Share", "Table", "Sources"], "the view tabs, by text");
  const metricId = (await page.evaluate(() => window.explorer.getState())).metric;
  const metric = realData().metrics.find((m) => m.id === metricId);
  assert.ok(map.items.some((it) => it.role === "combo" && it.text.includes(metric.name)),
    `no combo shows the metric "${metric.name}": ${JSON.stringify(map.items.filter((it) => it.role === "combo"))}`);
  assert.ok(map.items.some((it) => it.role === "legend" && it.text), `the map reports no legend entry: ${JSON.stringify(map.items)}`);
  const trend = await inspectView(page, "trend");
  const axis = trend.items.filter((it) => it.role === "axis" && it.text);
  assert.ok(axis.length >= 4, `the trend reports ${axis.length} axis labels: ${JSON.stringify(axis)}`);
  for (const it of [...map.items, ...trend.items].filter((i) => i.role !== "unreported")) {
    assert.ok(it.w > 0 && it.h > 0 && it.x >= -1e6 && it.y >= -1e6, `a degenerate item: ${JSON.stringify(it)}`);
    assert.ok(!it.text.includes("##"), `an ImGui id in a reported text: ${JSON.stringify(it)}`);
  }
});

test("layout() leaves out what is scrolled out of the table and reports what scrolls in", async () => {
  const page = await pageFor(Screens.find((s) => s.width === 1280), "demo", false);
  const before = await inspectView(page, "table");
  const rows = await page.evaluate(() => window.explorer.exportCSV().split("\n").filter((l) => l && !l.startsWith("#")).length - 1);
  const inTable = (items) => items.filter((it) => it.text && it.y > before.height * 0.3);
  const lines = (items) => new Set(items.map((it) => Math.round(it.y))).size;
  const shown = inTable(before.items);
  assert.ok(rows > 60, `the table has only ${rows} rows: nothing to scroll`);
  assert.ok(lines(shown) > 5 && lines(shown) < rows, `${lines(shown)} lines of table items reported for ${rows} rows`);
  const bottom = Math.max(...before.items.map((it) => it.y + it.h));
  assert.ok(bottom <= before.height, `an item reported below the canvas (${bottom} > ${before.height}): rows scrolled out were reported`);
  // Scroll the table down with the wheel over it: the report follows what is visible.
  const top = shown.reduce((a, b) => (a.y < b.y ? a : b));
  await page.mouse.move(before.width / 2, (top.y + bottom) / 2);
  await page.mouse.wheel(0, 400);
  await settle(page);
  const after = await page.evaluate(() => window.explorer.layout());
  const moved = inTable(after);
  assert.ok(moved.length > 5, "no table items after scrolling");
  assert.ok(Math.max(...after.map((it) => it.y + it.h)) <= before.height, "an item below the canvas after scrolling");
  const key = (it) => `${it.text}@${Math.round(it.y)}`;
  assert.notDeepEqual(moved.map(key), shown.map(key), "the table did not scroll, or layout() did not follow it");
  await page.mouse.move(0, 0);
});

// ---------------------------------------------------------------------------------------------
// The matrix
// ---------------------------------------------------------------------------------------------

const reported = new Set(), passed = new Set();
for (const screen of Screens) {
  for (const data of ["demo", "long"]) {
    for (const dark of [false, true]) {
      for (const view of Views) {
        const name = `${view} ${screen.width} ${dark ? "dark" : "light"} ${data}`;
        const todo = KnownFailures[name];
        test(`${name}: inside the canvas, no overlapping text${view === "map" || view === "compare" ? ", the period once" : ""}`, { todo }, async () => {
          const page = await pageFor(screen, data, dark);
          const r = await inspectView(page, view);
          assert.ok(r.items.length >= 6, `${name}: only ${r.items.length} items reported`);
          reported.add(name);
          assert.ok(r.violations.length === 0, `${name} (canvas ${r.width}x${r.height}, dpr ${screen.dpr}): ${r.violations.length} violations\n` +
            r.violations.map((v) => `  ${v.rule}: ${v.message}`).join("\n"));
          passed.add(name);
        });
      }
    }
  }
}

test("the known failures are still failures, and every configuration ran", () => {
  for (const name of Object.keys(KnownFailures)) {
    assert.ok(reported.has(name), `${name} is listed as failing but did not run`);
    assert.ok(!passed.has(name), `${name} passes now: take it out of KnownFailures`);
  }
  assert.deepEqual(current ? current.errors : [], [], "console errors on the last page");
  assert.equal(reported.size, Screens.length * 2 * 2 * Views.length, "configurations that reported a layout");
});
