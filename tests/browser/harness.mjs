// Shared by the browser tests: a static server over dist/ (with optional fault routes), Debian's
// Chromium driven by playwright-core (no browser download), and helpers that read what a person
// would see: canvas pixels, the widget's accessible mirror, stats().
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../../web/tools/serve.mjs";
export { untilQuiet } from "../../web/tools/page-signals.mjs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// LANDSCAPE_DIST serves another build (e.g. a copy of an earlier dist/ to time against in the same run).
export const DIST = process.env.LANDSCAPE_DIST || join(ROOT, "dist");

export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader", "--use-angle=swiftshader",
  "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--disable-features=Translate,MediaRouter", "--hide-scrollbars",
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
}

export async function serve(options = {}) {
  const server = await startServer({ root: DIST, port: 0, ...options });
  const { port } = server.address();
  // closeAllConnections: a test's never-ending response must not keep close() waiting.
  return { server, url: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => { server.close(ok); server.closeAllConnections(); }) };
}

// A page that records console errors and page errors, which every test asserts are absent.
// `init` (a function or script text) runs in every document before its own scripts; `messages`
// keeps every console message ({ type, text }), for tests that look beyond errors.
export async function openPage(browser, url, { width = 1200, height = 900, scale = 1, waitFor = "window.explorer", init = null, contextOptions = {} } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale, ...contextOptions });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors = [];
  const messages = [];
  page.on("console", (m) => { messages.push({ type: m.type(), text: m.text() }); if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  if (waitFor) await page.waitForFunction(waitFor, null, { timeout: 30000 });
  return { page, context, errors, messages };
}

// Distinct colours and the share of the most common one in a PNG region: a blank canvas has 1
// colour; a drawn ImGui frame has hundreds.
export async function canvasStats(page, selector = "#landscape") {
  const png = await page.locator(selector).screenshot();
  return imageData(page, png, (d, width, height) => {
    const counts = new Map();
    for (let i = 0; i < d.length; i += 16) {
      const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
      counts.set(k, (counts.get(k) || 0) + 1);
    }
    const top = Math.max(...counts.values());
    return { colours: counts.size, dominantShare: top / (d.length / 16), width, height };
  });
}

// Decodes a PNG in the page and runs fn(rgbaData, width, height, arg) there. fn may use only its
// arguments; its source is sent as an expression (evaluated by DevTools, so a page's strict CSP,
// which forbids eval, does not get in the way).
export async function imageData(page, png, fn, arg = null) {
  const expression = `(async () => {
    const img = new Image();
    img.src = "data:image/png;base64,${png.toString("base64")}";
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext("2d");
    ctx.drawImage(img, 0, 0);
    return (${fn.toString()})(ctx.getImageData(0, 0, c.width, c.height).data, c.width, c.height, ${JSON.stringify(arg)});
  })()`;
  return page.evaluate(expression);
}

// The accessible mirror inside the widget's shadow root.
export async function mirror(page, selector = "#landscape") {
  return page.evaluate((sel) => {
    const host = document.querySelector(sel).firstElementChild;
    const root = host.shadowRoot;
    const canvas = root.querySelector("canvas");
    return {
      label: canvas.getAttribute("aria-label"),
      summary: root.querySelector("p").textContent,
      live: root.querySelector("[aria-live]").textContent,
      caption: root.querySelector("caption") ? root.querySelector("caption").textContent : "",
      headers: [...root.querySelectorAll("thead th")].map((th) => th.textContent),
      rows: [...root.querySelectorAll("tbody tr")].map((tr) => [...tr.children].map((td) => td.textContent)),
      backing: [canvas.width, canvas.height],
      css: [canvas.getBoundingClientRect().width, canvas.getBoundingClientRect().height],
    };
  }, selector);
}

// ---------------------------------------------------------------------------------------------
// Shared by the embed, security, resilience and offline tests.
// ---------------------------------------------------------------------------------------------

// The demo data as served (dist/data/landscape.json), parsed, and as text.
export function realDataText() { return readFileSync(join(DIST, "data", "landscape.json"), "utf8"); }
export function realData() { return JSON.parse(realDataText()); }

// Asserts that a widget shows a real frame (a blank or cleared canvas has a handful of colours).
export async function assertDraws(page, selector = "#landscape", what = selector) {
  const pixels = await canvasStats(page, selector);
  assert.ok(pixels.colours > 50 && pixels.dominantShare < 0.95,
    `${what} looks blank: ${pixels.colours} colours, one covers ${Math.round(pixels.dominantShare * 100)} %`);
  return pixels;
}

// A test page: `body` HTML, then a module script (which may import "/landscape.js").
export function htmlPage(body, moduleScript = "", head = "") {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Landscape test page</title>` +
    `<link rel="icon" href="data:,">${head}</head><body>${body}` +
    (moduleScript ? `<script type="module">\n${moduleScript}\n</script>` : "") + `</body></html>`;
}

// `routes` for serve(): `table` maps a path to HTML text or to a handler (req, res, url) => void.
// Every requested URL is appended to `seen` when given.
export function routesFrom(table, seen = null) {
  return async (req, res, url) => {
    if (seen) seen.push({ url: req.url, headers: { ...req.headers } });
    const entry = table[url.pathname];
    if (entry == null) return false;
    if (typeof entry === "function") { await entry(req, res, url); return true; }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(entry);
    return true;
  };
}

// Chromium reports every failed HTTP fetch on the console ("Failed to load resource: ... 404");
// tests that provoke such answers on purpose drop those lines and keep every other error.
export const unexpectedErrors = (errors) => errors.filter((e) => !/^Failed to load resource/.test(e));

// The canvas's pixels as a data URL, read without scrolling the page (unlike a screenshot).
export async function canvasPixels(page, selector = "#landscape") {
  return page.evaluate((sel) => document.querySelector(sel).firstElementChild.shadowRoot.querySelector("canvas").toDataURL(), selector);
}
