// The layout rules of issue #12, over what handle.layout() reports (docs/embedding.md: items
// {role, text, x, y, w, h, highlighted?} in CSS px relative to the canvas), and the page
// driving shared by tests/browser/layout.test.mjs and the developer CLI layout-check.mjs.
//
// Rules (each violation is one plain object with a message a person can act on):
//  - outside:  an item reaches past the canvas (by more than half a pixel: positions are
//              fractional, the canvas edge is not);
//  - overlap:  two items that both show text intersect by more than 1 px in both directions.
//              A control is reported once with its own label, so a control and its label never
//              count as two. An open popup's entries (role "menu") cover what lies under them
//              by design and are compared only with each other;
//  - unreported: text the frame drew that no item reports (layout() lists such glyphs as role
//              "unreported"): a label somebody forgot to report, which no other rule could check;
//  - period:   in a view of one period (map, compare) the chosen period's text, as people read it
//              ("Q3 2025", "2024", "Jun 2023") or as the file writes it ("2025-Q3"), is shown by
//              exactly one item. An item counts when its text contains the period as a whole
//              token ("· Q3 2025" beside a picker or "Revenue, Q3 2025" in a title repeats it;
//              "2025-Q3" does not contain "2025" and "Q3 20250" does not contain "Q3 2025").
//              A sentence (four words or more ending in . ! or ?) that mentions the period says
//              something about it rather than showing it, and does not count: compare's coverage
//              note "1 of 2 platforms report Q3 2025; ...".
//
// Index
//  [SECTION] Rules (pure: no browser)
//  [SECTION] Pages: a widget filling the viewport, views, themes, data

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { htmlPage, openPage, ROOT } from "./harness.mjs";

export const Views = ["map", "trend", "compare", "share", "table", "sources"];
// Views whose picture is of one chosen period (the others show periods along an axis or none).
export const PeriodViews = new Set(["map", "compare"]);

// ---------------------------------------------------------------------------------------------
// [SECTION] Rules (pure: no browser)
// ---------------------------------------------------------------------------------------------

const hasText = (it) => typeof it.text === "string" && it.text.trim() !== "";
const rectText = (it) => `${it.role} ${JSON.stringify(it.text)} at ${[it.x, it.y, it.w, it.h].map((v) => Math.round(v * 10) / 10).join(",")}`;

// Items reaching past the canvas (0,0)-(width,height).
export function outsideCanvas(items, width, height, tolerance = 0.5) {
  const out = [];
  for (const it of items) {
    const past = [];
    if (it.x < -tolerance) past.push(`left by ${fmt(-it.x)}`);
    if (it.y < -tolerance) past.push(`top by ${fmt(-it.y)}`);
    if (it.x + it.w > width + tolerance) past.push(`right by ${fmt(it.x + it.w - width)}`);
    if (it.y + it.h > height + tolerance) past.push(`bottom by ${fmt(it.y + it.h - height)}`);
    if (past.length) out.push({ rule: "outside", items: [it], message: `${rectText(it)} runs past the canvas (${width}x${height}): ${past.join(", ")} px` });
  }
  return out;
}

// The intersection of two rectangles ({w, h} <= 0 when they do not meet).
export function intersection(a, b) {
  const x0 = Math.max(a.x, b.x), y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.w, b.x + b.w), y1 = Math.min(a.y + a.h, b.y + b.h);
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

// Pairs of text items intersecting by more than `limit` px both ways.
export function overlaps(items, limit = 1) {
  const out = [];
  const texts = items.filter(hasText);
  // Sorted by x: a pair can only meet while the second starts before the first ends.
  texts.sort((a, b) => a.x - b.x);
  for (let i = 0; i < texts.length; i++) {
    const a = texts[i];
    for (let j = i + 1; j < texts.length && texts[j].x < a.x + a.w; j++) {
      const b = texts[j];
      if ((a.role === "menu") !== (b.role === "menu")) continue;   // a popup covers what is under it
      const r = intersection(a, b);
      if (r.w > limit && r.h > limit) {
        out.push({ rule: "overlap", items: [a, b], message: `${rectText(a)} and ${rectText(b)} overlap by ${fmt(r.w)}x${fmt(r.h)} px` });
      }
    }
  }
  return out;
}

const Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const LabelPattern = new RegExp(`(?:\\b(\\d{1,2}) (${Months.join("|")}) (\\d{4})|\\bQ([1-4]) (\\d{4})|\\b(${Months.join("|")}) (\\d{4})|\\b(\\d{4}))\\b`, "g");

// The chosen period of a view of one period, from its CSV export: the caption (the second
// comment line, "# <metric> ..., Q3 2025") ends with it. Returns { label, code } or null.
export function chosenPeriod(csv) {
  const caption = csv.split("\n").filter((l) => l.startsWith("# "))[1] || "";
  let last = null;
  for (const m of caption.matchAll(LabelPattern)) last = m;
  if (!last) return null;
  const pad = (n) => String(n).padStart(2, "0");
  const month = (name) => pad(Months.indexOf(name) + 1);
  if (last[1]) return { label: last[0], code: `${last[3]}-${month(last[2])}-${pad(last[1])}` };
  if (last[4]) return { label: last[0], code: `${last[5]}-Q${last[4]}` };
  if (last[6]) return { label: last[0], code: `${last[7]}-${month(last[6])}` };
  return { label: last[0], code: last[8] };
}

// Does `text` contain `token` with no letter, digit or joining hyphen on either side?
function containsToken(text, token) {
  const glued = /[\p{L}\p{N}-]/u;
  for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
    const before = text[at - 1], after = text[at + token.length];
    if ((before === undefined || !glued.test(before)) && (after === undefined || !glued.test(after))) return true;
  }
  return false;
}

const isSentence = (text) => /[.!?]$/.test(text.trim()) && text.trim().split(/\s+/).length >= 4;

// The chosen period's text shown by exactly one item (an item whose text contains it counts,
// sentences about it excepted).
export function periodOnce(items, period) {
  if (!period) return [{ rule: "period", items: [], message: "the view's chosen period could not be read from its caption" }];
  const shown = items.filter((it) => hasText(it) && !isSentence(it.text) &&
    (containsToken(it.text, period.label) || containsToken(it.text, period.code)));
  if (shown.length === 1) return [];
  const where = shown.length ? `: ${shown.map(rectText).join("; ")}` : "";
  return [{ rule: "period", items: shown, message: `the chosen period ${period.label} is shown ${shown.length} times, not once${where}` }];
}

// Glyphs drawn outside every reported item.
export function unreported(items) {
  return items.filter((it) => it.role === "unreported").map((it) => ({
    rule: "unreported", items: [it], message: `text drawn at ${[it.x, it.y, it.w, it.h].map(fmt).join(",")} is not reported by layout() (record it where it is drawn)`,
  }));
}

// Every rule for one frame's report. period: null where the view has no chosen period.
export function checkLayout(items, { width, height, period = undefined }) {
  const found = [...outsideCanvas(items, width, height), ...overlaps(items), ...unreported(items)];
  if (period !== undefined) found.push(...periodOnce(items, period));
  return found;
}

function fmt(v) { return String(Math.round(v * 10) / 10); }

// ---------------------------------------------------------------------------------------------
// [SECTION] Pages: a widget filling the viewport, views, themes, data
// ---------------------------------------------------------------------------------------------

// The datasets: served by the page's routes (nothing is copied into dist/).
export const Datasets = {
  demo: { path: "/data/landscape.json" },
  long: { path: "/t/data/long-names.json", file: join(ROOT, "tests", "data", "long-names", "long-names.json") },
  music: { path: "/t/data/music-streaming.json", file: join(ROOT, "tests", "data", "other-field", "music-streaming.json") },
};

// The widths of the matrix with their device pixel ratios, and the height of the
// widget at each (a phone's article widget, a laptop's, a wide screen's).
export const Screens = [
  { width: 320, dpr: 3, height: 560 },
  { width: 375, dpr: 2, height: 600 },
  { width: 768, dpr: 2, height: 640 },
  { width: 1280, dpr: 1, height: 680 },
  { width: 1920, dpr: 1, height: 800 },
  { width: 2560, dpr: 1, height: 1000 },
];
export const screenFor = (width) => Screens.find((s) => s.width === width) || { width, dpr: 1, height: 680 };

// routes for serve(): the page (the widget fills the viewport, so its canvas is exactly the
// viewport's width) and the test datasets.
export function layoutRoutes() {
  const page = htmlPage(`<div id="landscape"></div>`, `
import { createLandscape } from "/landscape.js";
const src = new URLSearchParams(location.search).get("data") || "/data/landscape.json";
window.explorer = await createLandscape(document.getElementById("landscape"), { src, theme: "auto" });`,
  `<style>html, body { margin: 0; } #landscape { width: 100vw; height: 100vh; }</style>`);
  return async (req, res, url) => {
    if (url.pathname === "/t/layout.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(page);
      return true;
    }
    const data = Object.values(Datasets).find((d) => d.file && d.path === url.pathname);
    if (!data) return false;
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(readFileSync(data.file));
    return true;
  };
}

// A page at one screen size and density with the widget showing `data` (a Datasets key).
export async function openLayoutPage(browser, siteUrl, { width, height, dpr, data = "demo", dark = false }) {
  const opened = await openPage(browser, `${siteUrl}/t/layout.html?data=${encodeURIComponent(Datasets[data].path)}`, {
    width, height, scale: dpr, contextOptions: { colorScheme: dark ? "dark" : "light" },
  });
  await settle(opened.page);
  return opened;
}

// The widget draws on animation frames and keeps drawing while its layout settles: this waits
// for the animation frames after a change until two in a row report the same layout.
export async function settle(page) {
  await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    let last = "";
    for (let i = 0; i < 60; i++) {
      await frame();
      const now = JSON.stringify(window.explorer.layout());
      if (now === last) return;
      last = now;
    }
  });
}

export async function setTheme(page, dark) {
  const scheme = dark ? "dark" : "light";
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme);
  await settle(page);
}

export async function setData(page, data) {
  await page.evaluate((path) => window.explorer.load(path), Datasets[data].path);
  await settle(page);
}

// Shows `view` and returns its report, its size and its chosen period (undefined where the view
// has none), and the rule violations.
export async function inspectView(page, view) {
  await page.evaluate((v) => window.explorer.setState({ view: v }), view);
  await settle(page);
  const { items, width, height, csv } = await page.evaluate(() => {
    const canvas = document.getElementById("landscape").firstElementChild.shadowRoot.querySelector("canvas");
    const r = canvas.getBoundingClientRect();
    return { items: window.explorer.layout(), width: r.width, height: r.height, csv: window.explorer.exportCSV() };
  });
  const period = PeriodViews.has(view) ? chosenPeriod(csv) : undefined;
  return { items, width, height, period, violations: checkLayout(items, { width, height, period }) };
}
