// The offline demo: one file opened from a double-click (file://), with the network cut off.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launch, openPage, assertDraws, DIST } from "./harness.mjs";

const FILE = join(DIST, "landscape-demo.html");
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("landscape-demo.html opens from file:// with no network and both widgets draw", async () => {
  const bytes = statSync(FILE).size;
  console.log(`landscape-demo.html: ${bytes} bytes (${(bytes / 1024 / 1024).toFixed(2)} MiB)`);
  const { page, context, errors } = await openPage(browser, "about:blank", { waitFor: null });
  const blocked = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(FILE).href);
  await page.waitForFunction(() => window.explorer && window.explorerSmall, null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => location.protocol), "file:");
  await assertDraws(page, "#landscape", "the main widget");
  await assertDraws(page, "#landscape-arpu", "the small widget");
  const stats = await page.evaluate(() => window.explorer.stats());
  assert.ok(stats.observations >= 450, `only ${stats.observations} observations in the offline file`);
  assert.equal(stats.missingGlyphs, 0, "the offline file lacks glyphs for its own data");
  // It behaves like the portal page: views switch and the CSV export works.
  await page.evaluate(() => window.explorer.setState({ view: "sources" }));
  await page.waitForTimeout(300);
  await assertDraws(page, "#landscape", "the sources view");
  assert.match(await page.evaluate(() => window.explorer.exportCSV()), /^#/);
  assert.deepEqual(blocked, [], "the offline file tried to reach the network");
  assert.deepEqual(errors, []);
  await context.close();
});
