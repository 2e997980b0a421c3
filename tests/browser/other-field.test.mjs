// A data file from another field (music streaming, with Arabic, Hindi, Japanese and Korean names)
// works as well as ours: it loads, every view draws, and every name can be drawn: glyphs the
// bundled fonts lack are rasterised by the browser into the atlas when a view draws them
// (stats().missingGlyphs = 0 once every view has been drawn).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, serve, openPage, canvasStats, mirror, ROOT } from "./harness.mjs";

let browser, site;
before(async () => { browser = await launch(); site = await serve(); });
after(async () => { await browser?.close(); await site?.close(); });

test("a music-streaming file with Arabic and Hindi names loads and draws in every view", async () => {
  const text = readFileSync(join(ROOT, "tests", "data", "other-field", "music-streaming.json"), "utf8");
  const { page, context, errors } = await openPage(browser, `${site.url}/index.html`);
  const result = await page.evaluate((t) => window.explorer.setData(t), text);
  assert.equal(result.observations, 35);
  for (const view of ["map", "trend", "compare", "share", "table", "sources"]) {
    await page.evaluate((v) => window.explorer.setState({ view: v }), view);
    await page.waitForTimeout(300);
    const pixels = await canvasStats(page);
    assert.ok(pixels.colours > 30, `${view} looks blank`);
  }
  const stats = await page.evaluate(() => window.explorer.stats());
  assert.equal(stats.missingGlyphs, 0, "some characters of the data cannot be drawn");
  assert.ok(stats.rasterisedGlyphs >= 10, `only ${stats.rasterisedGlyphs} glyphs were added for Arabic/Devanagari/Hangul/Kana`);
  await page.evaluate(() => window.explorer.setState({ view: "compare", metric: "subscribers", regions: ["south-asia"], compare_by: "entity", entities: [] }));
  await page.waitForTimeout(300);
  const m = await mirror(page);
  assert.ok(m.rows.some((r) => r.join(" ").includes("गाना")), `the mirror does not carry the Hindi name: ${JSON.stringify(m.rows)}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("text that is mostly non-Latin reaches the loader intact (its UTF-8 is much longer than the string)", async () => {
  const doc = JSON.parse(readFileSync(join(ROOT, "tests", "data", "other-field", "music-streaming.json"), "utf8"));
  doc.title = "موسيقى संगीत 音楽 음악 ".repeat(400);   // ~2.5 UTF-8 bytes per UTF-16 unit
  doc.description = "🎵".repeat(500);                  // outside the BMP: surrogate pairs
  const { page, context, errors } = await openPage(browser, `${site.url}/index.html`);
  const result = await page.evaluate((t) => window.explorer.setData(t), JSON.stringify(doc));
  assert.equal(result.title, doc.title);
  assert.equal(result.observations, 35);
  assert.deepEqual(errors, []);
  await context.close();
});
