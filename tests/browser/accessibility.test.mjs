// axe-core on the demo page and the iframe page: no serious or critical violations, with the
// widget's accessible mirror (role, label, summary, data table, live region) in place.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, serve, openPage, mirror, ROOT } from "./harness.mjs";

let browser, site;
before(async () => { browser = await launch(); site = await serve(); });
after(async () => { await browser?.close(); await site?.close(); });

async function axe(page) {
  await page.addScriptTag({ path: join(ROOT, "node_modules", "axe-core", "axe.min.js") });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const [name, path] of [["demo page", "index.html"], ["iframe page", "embed.html"]]) {
  test(`axe finds no serious or critical violations on the ${name}`, async () => {
    const { page, context } = await openPage(browser, `${site.url}/${path}`);
    await page.waitForTimeout(500);
    assert.deepEqual(await axe(page), []);
    await context.close();
  });
}

test("the mirror describes the view: a labelled canvas, a summary, a captioned table with units", async () => {
  const { page, context } = await openPage(browser, `${site.url}/index.html`);
  await page.evaluate(() => window.explorer.setState({ view: "compare", metric: "facebook-arpu", entities: ["facebook"], compare_by: "region", period: "2021-Q4" }));
  await page.waitForTimeout(500);
  const m = await mirror(page);
  assert.match(m.label, /Compare view/);
  assert.match(m.summary, /Facebook ARPU/);
  assert.match(m.caption, /Q4 2021/);
  assert.ok(m.headers.some((h) => /USD per user per quarter/.test(h)), `no unit in the headers: ${m.headers}`);
  const us = m.rows.find((r) => r[1] === "US & Canada");
  assert.ok(us, "no US & Canada row");
  assert.equal(us[2], "60.57");
  // Changing the period is announced in the live region.
  await page.evaluate(() => window.explorer.setState({ period: "2021-Q3" }));
  await page.waitForTimeout(500);
  assert.match((await mirror(page)).live, /Q3 2021/);
  await context.close();
});
