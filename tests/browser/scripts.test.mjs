// Complex scripts are shaped (issue #12, point 6): a name in Arabic, Hebrew, Devanagari, Bengali
// or Thai, drawn by the widget, looks like the browser's own rendering of the same string in the
// same font and size; the same name drawn unshaped (code point by code point, left to right: what
// the widget drew before, and what a native build still draws) does not. And one name never mixes
// glyph sizes: every glyph of 腾讯音乐 and 网易云音乐 has the height the browser gives it (the
// browser rasterises them all since no CJK subset is bundled; 音 once came from one, a sixth smaller).
//
// How: the name is the data's title (the header draws it in the title font at a place layout()
// reports). Its pixels are cropped from the canvas and turned into ink (distance from the
// background), and the browser draws the same string into a 2D canvas in the page at the same em
// and density. Both are cut to their ink's bounding box, the reference is resampled onto the
// widget's box, and the score is the normalised cross-correlation of the two ink maps (1 = the same
// picture). The negative control is scored the same way against the same reference.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, serve, openPage, ROOT } from "./harness.mjs";

// The widget's title font: ImGui size 19 px, which is Inter's ascender - descender (2728 + 680
// units of 2816 per em): the em in CSS px (wasm/ui/fonts.cpp EmSize).
const TitleEm = 19 * 2816 / (2728 + 680);
const BodyEm = 15 * 2816 / (2728 + 680);   // table cells
// The families web/widget/glyphs.js rasterises with.
const Family = 'Inter, "Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Bengali", ' +
  '"Noto Sans Thai", "Noto Sans CJK SC", system-ui, sans-serif';
// Shaped names score above this against the browser's rendering, unshaped ones below. Measured
// (Chromium, dpr 1 and 2, title and table cell): shaped 0.997-0.999; unshaped Arabic 0.22-0.30,
// Hebrew 0.35-0.47, Bengali 0.31-0.48, Devanagari 0.78-0.82, Thai 0.72-0.87 (their letters are
// right, only vowel signs and marks are misplaced: at the body size at dpr 1 that is few pixels).
const Threshold = 0.95;

const Names = [
  { script: "Arabic", text: "أنغامي", rtl: true, id: "anghami" },
  { script: "Hebrew", text: "שירים ישראליים", rtl: true, id: "hebrew" },
  { script: "Devanagari", text: "जियोसावन", rtl: false, id: "jiosaavn" },
  { script: "Bengali", text: "গানের স্রোত", rtl: false, id: "bengali" },
  { script: "Thai", text: "ป้าฟื้นน้ำ", rtl: false, id: "thai" },
];

let browser, site;
before(async () => { browser = await launch(); site = await serve(); });
after(async () => { await browser?.close(); await site?.close(); });

const fixture = JSON.parse(readFileSync(join(ROOT, "tests", "data", "scripts", "scripts.json"), "utf8"));

// Shows `title` as the data's title and returns its ink maps, the widget's and the browser's
// (shaped, and unshaped code point by code point), each {w, h, ink: number[]} in device pixels.
// `smaller`: also draw the name as it was drawn before (issue #12): that character 0.83 times the
// size of the others (ImGui sizing the CJK font by its ascent + descent), each on the baseline.
// `inTable`: the entity's id, to show its name's cell in the table view (body font; its own row
// only, so that no other row's marks come into the crop) instead of the title; or the view state
// that shows the name in the body font.
// `firstFrame` (with a view state): look at the canvas as the first animation frame after the
// change left it (a copy taken in that animation frame, after the widget's callback, which
// setState() scheduled first), instead of once it has settled.
async function inkOf(page, title, rtl, smaller = "", inTable = "", firstFrame = false) {
  if (inTable) {
    await page.evaluate(async ({ state, firstFrame }) => {
      window.explorer.setState(state);
      if (!firstFrame) return;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const canvas = document.querySelector("#landscape").firstElementChild.shadowRoot.querySelector("canvas");
      const copy = document.createElement("canvas");
      copy.width = canvas.width; copy.height = canvas.height;
      copy.getContext("2d").drawImage(canvas, 0, 0);
      window.firstFrameCopy = copy;
    }, { state: typeof inTable === "string" ? { view: "table", entities: [inTable] } : inTable, firstFrame });
  } else await page.evaluate((doc) => window.explorer.setData(doc), { ...fixture, title });
  if (!firstFrame) await page.waitForTimeout(200);
  return page.evaluate(({ title, rtl, em, family, smaller, inTable }) => {
    const host = document.querySelector("#landscape").firstElementChild;
    const canvas = host.shadowRoot.querySelector("canvas");
    const dpr = canvas.width / canvas.getBoundingClientRect().width;
    const items = window.explorer.layout ? window.explorer.layout() : [];
    // The title is the first item with the text; the table's cell the lowest one.
    const matching = items.filter((it) => it.text === title).sort((a, b) => a.y - b.y);
    const item = inTable ? matching[matching.length - 1] : matching[0];
    // Where layout() does not report the title (yet), the header's first line, left part.
    const box = item ? { x: item.x, y: item.y, w: item.w, h: item.h } : { x: 0, y: 0, w: canvas.width / dpr * 0.6, h: 40 };
    // Marks and descenders of these scripts reach past the line's box (Arabic dots, Thai tone
    // marks): a margin of a third of an em around it (the header has that much room).
    const margin = em / 3, marginY = margin;
    const x0 = Math.max(0, Math.floor((box.x - margin) * dpr)), y0 = Math.max(0, Math.floor((box.y - marginY) * dpr));
    const w = Math.min(canvas.width - x0, Math.ceil((box.w + 2 * margin) * dpr)), h = Math.min(canvas.height - y0, Math.ceil((box.h + 2 * marginY) * dpr));
    const copy = document.createElement("canvas");
    copy.width = w; copy.height = h;
    const cctx = copy.getContext("2d");
    cctx.drawImage(window.firstFrameCopy || canvas, x0, y0, w, h, 0, 0, w, h);
    window.firstFrameCopy = null;
    const px = cctx.getImageData(0, 0, w, h).data;
    // The background: the crop's most common colour; a neighbouring table row's stripe or a
    // border (a few per cent of contrast) is not ink.
    const counts = new Map();
    for (let i = 0; i < w * h; i++) { const k = (px[i * 4] << 16) | (px[i * 4 + 1] << 8) | px[i * 4 + 2]; counts.set(k, (counts.get(k) || 0) + 1); }
    const key = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const bg = [key >> 16, (key >> 8) & 255, key & 255];
    const widget = { w, h, ink: [] };
    for (let i = 0; i < w * h; i++) {
      const d = Math.max(Math.abs(px[i * 4] - bg[0]), Math.abs(px[i * 4 + 1] - bg[1]), Math.abs(px[i * 4 + 2] - bg[2])) / 255;
      widget.ink.push(d < 0.08 ? 0 : d);
    }
    // The browser's own rendering, and the unshaped one (what ImGui draws from one glyph per code
    // point: marks on a no-break space, kept at zero advance; left to right).
    const draw = (paint) => {
      const c = document.createElement("canvas");
      c.width = Math.ceil(title.length * em * dpr * 1.5) + 40; c.height = Math.ceil(em * dpr * 2.5);
      const ctx = c.getContext("2d");
      ctx.font = `${em * dpr}px ${family}`;
      ctx.fillStyle = "#000";
      ctx.textBaseline = "alphabetic";
      ctx.textAlign = "left";
      paint(ctx, 20, Math.round(em * dpr * 1.6));
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const ink = [];
      for (let i = 0; i < c.width * c.height; i++) ink.push(d[i * 4 + 3] / 255);
      return { w: c.width, h: c.height, ink };
    };
    const shaped = draw((ctx, x, y) => { ctx.direction = rtl ? "rtl" : "ltr"; ctx.fillText(title, x, y); });
    const unshaped = draw((ctx, x, y) => {
      ctx.direction = "ltr";
      const nbsp = ctx.measureText("\u00A0").width;
      for (const ch of title) {
        if (/\p{M}/u.test(ch)) { ctx.fillText("\u00A0" + ch, x - nbsp, y); x += Math.max(0, ctx.measureText("\u00A0" + ch).width - nbsp); }
        else { ctx.fillText(ch, x, y); x += ctx.measureText(ch).width; }
      }
    });
    const mixed = draw((ctx, x, y) => {
      for (const ch of title) {
        ctx.font = `${em * dpr * (ch === smaller ? 0.83 : 1)}px ${family}`;
        ctx.fillText(ch, x, y);
        x += ctx.measureText(ch).width;
      }
    });
    // What ImGui draws for characters the atlas lacks: its fallback glyph, '?'.
    const fallback = draw((ctx, x, y) => { ctx.fillText(title.replace(/[^\u0000-\u024F]/gu, "?"), x, y); });
    return { widget, shaped, unshaped, mixed, fallback, dpr, located: !!item };
  }, { title, rtl, em: inTable ? BodyEm : TitleEm, family: Family, smaller, inTable });
}

// The map cut to its ink's bounding box (ink above a quarter of its maximum).
function cropToInk(map) {
  const max = Math.max(...map.ink);
  let x0 = map.w, y0 = map.h, x1 = -1, y1 = -1;
  for (let y = 0; y < map.h; y++) {
    for (let x = 0; x < map.w; x++) {
      if (map.ink[y * map.w + x] > max * 0.25) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
    }
  }
  assert.ok(x1 >= x0, "no ink at all");
  const w = x1 - x0 + 1, h = y1 - y0 + 1, ink = new Float64Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) ink[y * w + x] = map.ink[(y + y0) * map.w + x + x0] / max;
  return { w, h, ink };
}

// `map` resampled (bilinear) to w x h.
function resample(map, w, h) {
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const sx = Math.min(map.w - 1, Math.max(0, (x + 0.5) * map.w / w - 0.5)), sy = Math.min(map.h - 1, Math.max(0, (y + 0.5) * map.h / h - 0.5));
      const ix = Math.floor(sx), iy = Math.floor(sy), fx = sx - ix, fy = sy - iy;
      const at = (xx, yy) => map.ink[Math.min(map.h - 1, yy) * map.w + Math.min(map.w - 1, xx)];
      out[y * w + x] = at(ix, iy) * (1 - fx) * (1 - fy) + at(ix + 1, iy) * fx * (1 - fy) + at(ix, iy + 1) * (1 - fx) * fy + at(ix + 1, iy + 1) * fx * fy;
    }
  }
  return { w, h, ink: out };
}

// SHAPING_DUMP=1 prints each compared pair as ASCII art (reference | candidate resampled onto
// it): what to look at when a score moves.
function dump(r, c) {
  const rows = [];
  const rs = resample(c, r.w, r.h);
  for (let y = 0; y < r.h; y++) {
    let line = "";
    for (let x = 0; x < r.w; x++) line += r.ink[y * r.w + x] > 0.4 ? "#" : ".";
    line += "   ";
    for (let x = 0; x < r.w; x++) line += rs.ink[y * r.w + x] > 0.4 ? "#" : ".";
    rows.push(line);
  }
  console.log(`ref ${r.w}x${r.h} cand ${c.w}x${c.h}\n` + rows.join("\n"));
}

function ncc(a, b) {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
  ma /= n; mb /= n;
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < n; i++) { const da = a[i] - ma, db = b[i] - mb; ab += da * db; aa += da * da; bb += db * db; }
  return ab / Math.sqrt(aa * bb);
}

// Similarity of `candidate` to `reference`: both cut to their ink; when their boxes differ by a few
// pixels (the same size, drawn at a fractional position) the candidate is laid over the reference
// at the offset that matches best (up to 3 px either way), else it is first resampled onto the
// reference's box. Also the ratio of their boxes' sizes.
function similarity(reference, candidate) {
  const r = cropToInk(reference), c0 = cropToInk(candidate);
  if (process.env.SHAPING_DUMP) dump(r, c0);
  const near = Math.abs(c0.w - r.w) <= 3 && Math.abs(c0.h - r.h) <= 3;
  const c = near ? c0 : resample(c0, r.w, r.h);
  const M = 3, W = Math.max(r.w, c.w) + 2 * M, H = Math.max(r.h, c.h) + 2 * M;
  const place = (map, ox, oy) => {
    const out = new Float64Array(W * H);
    for (let y = 0; y < map.h; y++) for (let x = 0; x < map.w; x++) out[(y + oy) * W + x + ox] = map.ink[y * map.w + x];
    return out;
  };
  const ref = place(r, M, M);
  let score = -1;
  for (let dy = -M; dy <= M; dy++) for (let dx = -M; dx <= M; dx++) score = Math.max(score, ncc(ref, place(c, M + dx, M + dy)));
  return { score, width: c0.w / r.w, height: c0.h / r.h };
}

for (const scale of [1, 2]) {
  test(`names in complex scripts look like the browser's rendering of them, unshaped ones do not (dpr ${scale})`, async () => {
    const { page, context, errors } = await openPage(browser, `${site.url}/index.html`, { width: 900, height: 600, scale });
    const lines = [];
    for (const { script, text, rtl, id } of Names) {
      const m = await inkOf(page, text, rtl);
      const widget = similarity(m.shaped, m.widget);
      const control = similarity(m.shaped, m.unshaped);
      lines.push(`${script} ${text}: widget ${widget.score.toFixed(3)} (box ${widget.width.toFixed(2)} x ${widget.height.toFixed(2)}), unshaped ${control.score.toFixed(3)}${m.located ? "" : " [located by position]"}`);
      assert.ok(widget.score > Threshold, `${script}: the widget's ${text} scores ${widget.score.toFixed(3)} against the browser's rendering (threshold ${Threshold})`);
      assert.ok(control.score < Threshold, `${script}: the negative control (unshaped ${text}) scores ${control.score.toFixed(3)}, not below ${Threshold}: the test cannot tell`);
      // The same size, not only the same shape.
      assert.ok(Math.abs(widget.width - 1) < 0.12 && Math.abs(widget.height - 1) < 0.12,
        `${script}: the widget's ${text} is ${widget.width.toFixed(2)} x ${widget.height.toFixed(2)} the browser's size`);
      // The same name in its table cell (the body font), found through layout().
      const cell = await inkOf(page, text, rtl, "", id);
      assert.ok(cell.located, `${script}: layout() reports no table cell with ${text}`);
      const inCell = similarity(cell.shaped, cell.widget), cellControl = similarity(cell.shaped, cell.unshaped);
      lines.push(`  in the table: widget ${inCell.score.toFixed(3)}, unshaped ${cellControl.score.toFixed(3)}`);
      assert.ok(inCell.score > Threshold, `${script}: the table's ${text} scores ${inCell.score.toFixed(3)}`);
      assert.ok(cellControl.score < Threshold, `${script}: the table's negative control scores ${cellControl.score.toFixed(3)}`);
    }
    console.log(`dpr ${scale}:\n  ${lines.join("\n  ")}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

// The height of each glyph's ink in a CJK name (its glyphs are an em wide: equal cells of the box).
function glyphHeights(map, count) {
  const ink = cropToInk(map), heights = [];
  for (let g = 0; g < count; g++) {
    let top = ink.h, bottom = -1;
    for (let y = 0; y < ink.h; y++) {
      for (let x = Math.floor(g * ink.w / count); x < Math.floor((g + 1) * ink.w / count); x++) {
        if (ink.ink[y * ink.w + x] > 0.25) { top = Math.min(top, y); bottom = Math.max(bottom, y); }
      }
    }
    heights.push(bottom - top + 1);
  }
  return heights;
}

// Whether two renderings' glyphs have the same heights (within 2 px or 6 %, rasterisers differ).
const sameHeights = (a, b) => a.every((h, i) => Math.abs(h - b[i]) <= Math.max(2, b[i] * 0.06));

test("a Chinese name draws every glyph at one size, whichever font each comes from (腾讯音乐, 网易云音乐)", async () => {
  const { page, context, errors } = await openPage(browser, `${site.url}/index.html`, { width: 900, height: 600, scale: 2 });
  for (const text of ["腾讯音乐", "网易云音乐"]) {
    const m = await inkOf(page, text, false, "音");
    const widget = similarity(m.shaped, m.widget);
    // Each character is its own glyph, placed by ImGui's advances: a little less alike than
    // shaped runs, which are the browser's pixels whole.
    assert.ok(widget.score > 0.85, `${text} scores ${widget.score.toFixed(3)} against the browser's rendering`);
    assert.ok(Math.abs(widget.width - 1) < 0.06 && Math.abs(widget.height - 1) < 0.06, `${text} is ${widget.width.toFixed(2)} x ${widget.height.toFixed(2)} the browser's size`);
    const count = [...text].length;
    const browserHeights = glyphHeights(m.shaped, count), widgetHeights = glyphHeights(m.widget, count);
    const mixedHeights = glyphHeights(m.mixed, count);
    console.log(`${text}: glyph heights ${widgetHeights.join(", ")} device px; the browser's ${browserHeights.join(", ")}; ` +
      `音 at 0.83 ${mixedHeights.join(", ")}; score ${widget.score.toFixed(3)}`);
    assert.ok(sameHeights(widgetHeights, browserHeights), `${text}: glyph heights ${widgetHeights.join(", ")}, the browser's ${browserHeights.join(", ")}`);
    // The measure tells: 音 a sixth smaller than its neighbours (as before) fails it.
    assert.ok(!sameHeights(mixedHeights, browserHeights), `the negative control passes: ${mixedHeights.join(", ")}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

// Issue #14: the browser makes glyphs only when a frame draws them. The demo's first frame (the
// map) draws none of its data's CJK names, so it comes with no glyph made; compare then draws
// Tencent Holdings (腾讯) with its characters in the first animation frame that shows it (the frame that
// found them missing was drawn again once they were made), and nothing is left missing.
test("the demo's first frame makes no glyph; compare's CJK names are drawn in the first frame that shows them", async () => {
  for (const scale of [1, 2]) {
    const { page, context, errors } = await openPage(browser, `${site.url}/index.html`, { width: 900, height: 600, scale });
    const first = await page.evaluate(() => window.explorer.stats());   // createLandscape() has resolved: its first frame is drawn
    assert.ok(first.framesRendered >= 1);
    assert.equal(first.rasterisedGlyphs, 0, `the first frame came after ${first.rasterisedGlyphs} glyphs were made`);
    await page.waitForTimeout(300);   // the frames that settle the map's layout need none either
    assert.equal((await page.evaluate(() => window.explorer.stats())).rasterisedGlyphs, 0);
    const text = "Tencent Holdings (腾讯)";
    const m = await inkOf(page, text, false, "", { view: "compare", metric: "revenue-rmb", entities: ["tencent", "bilibili"] }, true);
    assert.ok(m.located, `layout() reports no label with ${text}`);
    const widget = similarity(m.shaped, m.widget), control = similarity(m.shaped, m.fallback);
    console.log(`dpr ${scale}: ${text} in compare's first frame scores ${widget.score.toFixed(3)} (box ${widget.width.toFixed(2)} x ${widget.height.toFixed(2)}); ` +
      `with '?' for the CJK ${control.score.toFixed(3)}`);
    assert.ok(widget.score > 0.85, `${text} scores ${widget.score.toFixed(3)} against the browser's rendering`);
    assert.ok(control.score < widget.score - 0.05, `the negative control ('?' for the CJK) scores ${control.score.toFixed(3)}: the test cannot tell`);
    assert.ok(Math.abs(widget.width - 1) < 0.08 && Math.abs(widget.height - 1) < 0.08, `${text} is ${widget.width.toFixed(2)} x ${widget.height.toFixed(2)} the browser's size`);
    for (const view of ["trend", "compare", "share", "sources", "map"]) {
      await page.evaluate((v) => window.explorer.setState({ view: v }), view);
      await page.waitForTimeout(200);
    }
    const stats = await page.evaluate(() => window.explorer.stats());
    assert.ok(stats.rasterisedGlyphs > 0 && stats.rasterisedGlyphs <= 87, `${stats.rasterisedGlyphs} glyphs made (all of the data's: 87)`);
    assert.equal(stats.missingGlyphs, 0, "a character a view drew could not be made");
    assert.deepEqual(errors, []);
    await context.close();
  }
});
