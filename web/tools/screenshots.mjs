// Pictures of every view for the README, from the real build: dist/index.html served as the
// demo serves it, in Debian's Chromium (headless), at a desktop width (1280 CSS px, pixel ratio
// 1) and a phone's (375 CSS px, pixel ratio 2). Only the widget's element is captured, so the
// files hold the explorer and nothing of the demo article around it; they are written as indexed
// PNGs of at most 256 colours (png-palette.mjs), which look the same at a third of the size.
//
//   node web/tools/screenshots.mjs [--out docs/screenshots] [--views map,trend] [--dark]
//
// Writes <out>/<view>-desktop.png and <view>-phone.png (with --dark: <view>-<size>-dark.png).
// The view state is the data's default with only the view changed, so the pictures show what a
// reader sees first. A picture is taken once the widget has drawn nothing for 20 animation
// frames (counted, not timed): late glyphs and settling frames are in it.
import { chromium } from "playwright-core";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join, dirname, resolve, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./serve.mjs";
import { toIndexedPng } from "./png-palette.mjs";
import { untilQuiet } from "./page-signals.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const VIEWS = ["map", "trend", "compare", "share", "table", "sources"];
const SIZES = [
  { name: "desktop", width: 1280, height: 900, scale: 1, mobile: false },
  { name: "phone", width: 375, height: 740, scale: 2, mobile: true },
];

function parseArgs(argv) {
  const args = { out: join(ROOT, "docs", "screenshots"), views: VIEWS, dark: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--out") args.out = resolve(argv[++i] || "");
    else if (a === "--views") args.views = (argv[++i] || "").split(",").filter(Boolean);
    else if (a === "--dark") args.dark = true;
    else if (a === "-h" || a === "--help") { console.log("usage: node web/tools/screenshots.mjs [--out DIR] [--views map,trend,...] [--dark]"); process.exit(0); }
    else throw new Error(`screenshots: unknown argument ${a} (--help lists them)`);
  }
  const unknown = args.views.filter((v) => !VIEWS.includes(v));
  if (unknown.length) throw new Error(`screenshots: no view called ${unknown.join(", ")} (views: ${VIEWS.join(", ")})`);
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const dist = join(ROOT, "dist");
  try { statSync(join(dist, "index.html")); } catch { throw new Error("screenshots: dist/index.html is missing: run ./landscape build first"); }
  mkdirSync(args.out, { recursive: true });
  const server = await startServer({ root: dist, port: 0 });
  const url = `http://127.0.0.1:${server.address().port}/index.html`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader", "--use-angle=swiftshader", "--hide-scrollbars"],
  });
  const problems = [];
  try {
    for (const size of SIZES) {
      const context = await browser.newContext({
        viewport: { width: size.width, height: size.height }, deviceScaleFactor: size.scale,
        isMobile: size.mobile, hasTouch: size.mobile, colorScheme: args.dark ? "dark" : "light",
      });
      const page = await context.newPage();
      page.on("pageerror", (e) => problems.push(`${size.name}: ${e}`));
      page.on("console", (m) => { if (m.type() === "error") problems.push(`${size.name}: ${m.text()}`); });
      await page.goto(url);
      await page.waitForFunction("window.explorer", null, { timeout: 30000 });
      const widget = page.locator("#landscape");
      await widget.scrollIntoViewIfNeeded();   // on a phone the widget is below the fold
      for (const view of args.views) {
        const rejected = await page.evaluate((v) => window.explorer.setState({ view: v }), view);
        if (rejected.length) problems.push(`${view}: ${JSON.stringify(rejected)}`);
        await untilQuiet(page);
        const file = join(args.out, `${view}-${size.name}${args.dark ? "-dark" : ""}.png`);
        writeFileSync(file, toIndexedPng(await widget.screenshot()));   // 256 colours: ~40% of the bytes
        console.log(`${relative(process.cwd(), file)}  ${(statSync(file).size / 1024).toFixed(0)} KB`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await new Promise((ok) => { server.close(ok); server.closeAllConnections(); });
  }
  if (problems.length) throw new Error(`screenshots: the page reported problems:\n${problems.join("\n")}`);
}

main().catch((e) => { console.error(e.message); process.exit(1); });
