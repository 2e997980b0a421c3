// Shared by the browser tests: a static server over dist/ (with optional fault routes), Debian's
// Chromium driven by playwright-core (no browser download), and helpers that read what a person
// would see: canvas pixels, the widget's accessible mirror, stats().
import { chromium } from "playwright-core";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../../web/tools/serve.mjs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DIST = join(ROOT, "dist");

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
  return { server, url: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(ok)) };
}

// A page that records console errors and page errors, which every test asserts are absent.
export async function openPage(browser, url, { width = 1200, height = 900, scale = 1, waitFor = "window.explorer" } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  if (waitFor) await page.waitForFunction(waitFor, null, { timeout: 30000 });
  return { page, context, errors };
}

// Distinct colours and the share of the most common one in a PNG region: a blank canvas has 1
// colour; a drawn ImGui frame has hundreds.
export async function canvasStats(page, selector = "#landscape") {
  const host = page.locator(selector);
  const png = await host.screenshot();
  return await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext("2d");
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const counts = new Map();
    for (let i = 0; i < d.length; i += 16) {
      const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
      counts.set(k, (counts.get(k) || 0) + 1);
    }
    const top = Math.max(...counts.values());
    return { colours: counts.size, dominantShare: top / (d.length / 16), width: c.width, height: c.height };
  }, png.toString("base64"));
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
