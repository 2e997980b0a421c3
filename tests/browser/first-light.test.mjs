// First light: the demo page draws a real ImGui frame with the data's title.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, serve, openPage, canvasStats, mirror, ROOT } from "./harness.mjs";

let browser, site;
before(async () => { browser = await launch(); site = await serve(); });
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
