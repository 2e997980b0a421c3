// The demo page's script (web/page.js) says what failed: a widget that could not start is named
// on the console and replaced by a notice a reader sees, the article's figure starts (or fails
// on its own) whatever the explorer did, the download buttons are off without an explorer, and a
// failed export is reported under the page's prefix rather than left as an unhandled rejection.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, openPage, routesFrom } from "./harness.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("a data file that cannot be fetched: both widgets say so in place and on the console, the buttons are off", async () => {
  const site = await serve({ routes: routesFrom({ "/data/landscape.json": (req, res) => res.writeHead(404, { "content-type": "text/plain" }).end("gone") }) });
  try {
    const { page, context, errors } = await openPage(browser, `${site.url}/index.html`, {
      waitFor: () => document.querySelector("#landscape [role=alert]") && document.querySelector("#landscape-arpu [role=alert]"),
    });
    const shown = await page.evaluate(() => ({
      main: document.querySelector("#landscape [role=alert]").textContent,
      small: document.querySelector("#landscape-arpu [role=alert]").textContent,
      buttons: ["download-csv", "download-png"].map((id) => document.getElementById(id).disabled),
    }));
    assert.match(shown.main, /^This explorer could not start: .*404/);
    assert.match(shown.small, /^This explorer could not start: .*404/);
    assert.deepEqual(shown.buttons, [true, true]);
    const own = errors.filter((e) => e.startsWith("landscape:"));
    assert.equal(own.length, 2, `the page's own error lines: ${JSON.stringify(errors)}`);
    assert.match(own[0], /^landscape: the explorer could not start: .*404/);
    assert.match(own[1], /^landscape: the article's figure could not start: .*404/);
    assert.deepEqual(errors.filter((e) => !e.startsWith("landscape:") && !/^Failed to load resource/.test(e)), [], "an error that is not the page's own report");
    await context.close();
  } finally { await site.close(); }
});

test("a start that works logs nothing; a failed PNG export is reported, not an unhandled rejection", async () => {
  const site = await serve();
  try {
    const { page, context, errors, messages } = await openPage(browser, `${site.url}/index.html`, { waitFor: () => window.explorer && window.explorerSmall });
    assert.deepEqual(messages.filter((m) => m.text.startsWith("landscape:")), [], "the page logged a successful start");
    // The handle's export made to fail the way a lost context would (the button calls it when clicked).
    await page.evaluate(() => { window.explorer.exportPNG = () => Promise.reject(new Error("the canvas could not be read")); });
    await page.click("#download-png");
    await page.waitForTimeout(300);
    assert.deepEqual(errors, ["landscape: the PNG could not be made: the canvas could not be read"]);
    await context.close();
  } finally { await site.close(); }
});
