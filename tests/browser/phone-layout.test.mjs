// Issue #12's "views use the space they have", on a phone: at 320 px (dpr 3) and 375 (dpr 2) the
// title, the pickers, the period control and a view's options took the canvas, so compare drew a
// 20 px sliver of a bar and the table showed no value until scrolled sideways, while every layout
// rule passed. Here each chart view's plot (layout()'s "plot" items) is at least PLOT_MIN CSS px
// tall once the widget's column is scrolled to it with the wheel, with the layout rules holding
// there too; and the table shows its value column's header and cells inside the canvas beside the
// frozen names, without scrolling sideways. The demo data, long and non-Latin names, another field.
//
//   node --test tests/browser/phone-layout.test.mjs        (after ./landscape build)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve } from "./harness.mjs";
import { Screens, layoutRoutes, openLayoutPage, inspectView, settle, checkLayout, chosenPeriod, PeriodViews } from "./layout-rules.mjs";

// A plot a reader can read values off: about ten lines of text, a third of a phone's widget
// (wasm/ui/views/frame.cpp MinPlotHeight()).
const PLOT_MIN = 180;
const Phones = Screens.filter((s) => s.width <= 375);
const Configs = [{ data: "demo", dark: false }, { data: "long", dark: true }, { data: "music", dark: false }];

// Views the data gives nothing to plot, and what they say instead: each music platform has figures
// at one region and the total only, so no period has two parts to share out.
const NoChart = { "share music": "No period has figures for two or more parts." };

let browser, site;
before(async () => { browser = await launch(); site = await serve({ routes: layoutRoutes() }); });
after(async () => { await browser?.close(); await site?.close(); });

// The wheel turned down over the title (part of the column, in no nested scroller) until the
// column's end, where the view's body and the footer fill the canvas.
async function scrollToEnd(page) {
  await page.mouse.move(40, 15);
  for (let i = 0; i < 4; i++) await page.mouse.wheel(0, 600);
  await page.mouse.move(-10, -10);
  await settle(page);
  return page.evaluate(() => window.explorer.layout());
}

for (const screen of Phones) {
  for (const { data, dark } of Configs) {
    test(`${screen.width}@${screen.dpr} ${data} ${dark ? "dark" : "light"}: compare, trend and share give their plots ${PLOT_MIN} px; the table shows values beside the names`, async () => {
      const { page, context, errors } = await openLayoutPage(browser, site.url, { ...screen, data, dark });
      for (const view of ["compare", "trend", "share"]) {
        const r = await inspectView(page, view);
        assert.deepEqual(r.violations.map((v) => v.message), [], `${view}: layout rules before scrolling`);
        const items = await scrollToEnd(page);
        const name = `${view} at ${screen.width}@${screen.dpr} (${data}, canvas ${r.width}x${r.height})`;
        const plots = items.filter((it) => it.role === "plot");
        if (NoChart[`${view} ${data}`]) {
          assert.equal(plots.length, 0, `${name}: a plot where the data has none`);
          assert.ok(items.some((it) => it.role === "label" && it.text.includes(NoChart[`${view} ${data}`])), `${name}: no word on why nothing is drawn`);
          continue;
        }
        assert.ok(plots.length >= 1, `${name}: no plot reported: ${JSON.stringify(items.map((it) => [it.role, it.text, Math.round(it.y), Math.round(it.h)]))}`);
        for (const p of plots) {
          assert.ok(p.h >= PLOT_MIN - 0.5, `${name}: a plot ${Math.round(p.h)} px tall (at least ${PLOT_MIN} wanted): ${JSON.stringify(p)}`);
          assert.ok(p.y >= -0.5 && p.y + p.h <= r.height + 0.5, `${name}: the plot is not inside the canvas: ${JSON.stringify(p)}`);
        }
        const period = PeriodViews.has(view) ? chosenPeriod(await page.evaluate(() => window.explorer.exportCSV())) : undefined;
        const scrolled = checkLayout(items, { width: r.width, height: r.height, period: period && items.some((it) => it.role === "slider") ? period : undefined });
        assert.deepEqual(scrolled.map((v) => v.message), [], `${name}: layout rules once scrolled`);
        await page.mouse.move(40, 15);
        for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -600);   // back to the top for the next view
        await page.mouse.move(-10, -10);
      }

      // The table: the value column's header and its cells inside the canvas, beside the frozen names.
      const t = await inspectView(page, "table");
      assert.deepEqual(t.violations.map((v) => v.message), [], "table: layout rules");
      const header = t.items.find((it) => it.role === "button" && it.text.startsWith("Value"));
      const names = t.items.find((it) => it.role === "button" && it.text === "Platform");
      assert.ok(names, "the table's Platform header is not reported");
      assert.ok(header, `no value column in sight without scrolling sideways: headers ${JSON.stringify(t.items.filter((it) => it.role === "button" && it.y > names.y - 2 && it.y < names.y + 2).map((it) => [it.text, Math.round(it.x), Math.round(it.w)]))}`);
      assert.ok(header.x + Math.min(header.w, 40) <= t.width, `the value header starts at ${header.x} of ${t.width}`);
      const cells = t.items.filter((it) => it.role === "label" && it.y > header.y + 5 && Math.abs(it.x - header.x) < 1);
      assert.ok(cells.length >= 5, `${cells.length} value cells in sight`);
      for (const c of cells) {
        assert.match(c.text, /\d/, `a value cell without a figure: ${JSON.stringify(c)}`);
        assert.ok(c.x + c.w <= t.width + 0.5, `a value cell runs past the canvas: ${JSON.stringify(c)}`);
      }
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

// The table's rows told apart on a phone: the region, which separates a platform's figures of one
// period (the demo's first rows were "Snapchat 932.1 Q4 2021", "Snapchat 208.9 Q4 2021",
// "Snapchat 156.9 Q4 2021" with North America, Europe and the rest of the world out of sight past
// the period), is shown under each platform in the frozen column, inside the canvas, and no two
// rows in sight read the same.
for (const screen of Phones) {
  for (const data of ["demo", "music", "long"]) {
    test(`${screen.width}@${screen.dpr} ${data}: each table row in sight shows its region beside its platform, without scrolling sideways`, async () => {
      const { readFileSync } = await import("node:fs");
      const { Datasets } = await import("./layout-rules.mjs");
      const file = Datasets[data].file || new URL("../../data/landscape.json", import.meta.url);
      const doc = JSON.parse(readFileSync(file, "utf8"));
      const regions = new Set(doc.regions.map((r) => r.name));
      const entities = new Set(doc.entities.map((e) => e.name));
      const { page, context, errors } = await openLayoutPage(browser, site.url, { ...screen, data });
      if (data === "demo") await page.evaluate(() => window.explorer.setState({ metric: "revenue-by-user-geography", entities: [], regions: [] }));
      const t = await inspectView(page, "table");
      assert.deepEqual(t.violations.map((v) => v.message), [], "table: layout rules");
      const names = t.items.find((it) => it.role === "button" && it.text === "Platform");
      assert.ok(names, "the table's Platform header is not reported");
      const below = t.items.filter((it) => it.role === "label" && it.y > names.y + names.h);
      const starts = [...new Set(below.filter((it) => Math.abs(it.x - names.x) < 1 && entities.has(it.text)).map((it) => it.y))].sort((a, b) => a - b);
      assert.ok(starts.length >= 4, `${starts.length} rows in sight`);
      const seen = new Set();
      for (let i = 0; i + 1 < starts.length; i++) {   // the last row may be cut by the table's bottom edge
        const row = below.filter((it) => it.y >= starts[i] - 0.5 && it.y < starts[i + 1] - 0.5);
        const texts = row.map((it) => it.text);
        const region = row.find((it) => regions.has(it.text) && it.x >= -0.5 && it.x + it.w <= t.width + 0.5 && it.w > 0);
        assert.ok(region, `a row without its region in sight: ${JSON.stringify(texts)}`);
        const key = JSON.stringify([...texts].sort());
        assert.ok(!seen.has(key), `two rows in sight read the same: ${key}`);
        seen.add(key);
      }
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}
