// Glyphs for the wasm's font atlas that only the browser can make: characters no bundled font
// has, and runs of complex scripts (Arabic and Hebrew joined right to left, Devanagari and
// Bengali conjuncts and vowel signs, Thai, ...), which Canvas 2D shapes whole. Dear ImGui then
// draws each run as one glyph (wasm/ui/shaping.h). Every glyph is made for each of the widget's
// fonts at that font's em and the display's density, with its baseline and pen origin, so it
// sits on the line exactly as the bundled glyphs beside it do.
//
// The wasm asks (core.glyphRequests()) when it emits "glyphs": a frame drew text whose glyphs the
// atlas lacks (that frame is not shown: frames.js draws it again once they are made), or the
// devicePixelRatio changed. Nothing is made before the first frame: only what frames draw, each
// glyph once (issue #14: the demo's map needs none of the 87 its data's names would take).

import { requestFrame } from "./frames.js";

// The families the glyphs come from: Inter first (where the reader has it, an accented letter
// the bundled subset lacks looks like its neighbours), then the Noto fonts, then whatever the
// system has.
export const GlyphFamily = 'Inter, "Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Bengali", ' +
  '"Noto Sans Thai", "Noto Sans CJK SC", system-ui, sans-serif';
// Han, kana and Hangul only: none of the families before "Noto Sans CJK SC" has them, so starting
// there picks the same font, and the browser does not look through seven fonts for each
// character first (three to four times quicker for the demo data's names, at each size).
const CjkFamily = '"Noto Sans CJK SC", system-ui, sans-serif';
const isCjk = (cp) => (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3130 && cp <= 0x318F) ||
  (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF);
const familyOf = (text) => (text && [...text].every((c) => isCjk(c.codePointAt(0))) ? CjkFamily : GlyphFamily);

// The wasm refuses larger bitmaps (fonts.cpp): one glyph stays within a texture row.
const MaxWidth = 2048, MaxHeight = 512;
const Pad = 2;
// Glyphs are drawn side by side on one canvas and read back with one getImageData per font:
// resizing a canvas, clearing it and reading it back once per glyph cost more than drawing
// them (~50 ms for the demo data's 87 glyphs). Gap keeps a neighbour's anti-aliased edge out of
// a glyph's padding.
const Gap = 4;


// Where a glyph goes at `px` device pixels per em, from the browser's metrics (the context's
// font is set): its box and pen origin, or null when it is too big for the atlas. A combining
// mark alone would be drawn on a dotted circle: it is drawn on a no-break space, and only the
// mark's part is kept (the space's advance is left of the pen origin).
function measure(ctx, glyph) {
  const text = String(glyph.text || "");
  const isMark = /^\p{M}$/u.test(text);
  const shown = isMark ? "\u00A0" + text : text;
  ctx.direction = glyph.rtl ? "rtl" : "ltr";
  const m = ctx.measureText(shown);
  const prefixWidth = isMark ? ctx.measureText("\u00A0").width : 0;
  const drawX = Pad + Math.max(0, Math.ceil(m.actualBoundingBoxLeft || 0));
  const baseline = Pad + Math.max(0, Math.ceil(m.actualBoundingBoxAscent || 0));
  const width = drawX + Math.ceil(Math.max(m.width, m.actualBoundingBoxRight || 0)) + Pad;
  const height = baseline + Math.max(0, Math.ceil(m.actualBoundingBoxDescent || 0)) + Pad;
  if (width > MaxWidth || height > MaxHeight) return null;
  return { text, shown, rtl: !!glyph.rtl, drawX, baseline, width, height, advance: Math.max(0, m.width - prefixWidth), originX: drawX + prefixWidth };
}

// Every glyph at one size: {width, height, advance, originX, baseline, alpha} per glyph, or null
// where the browser has nothing to draw it with (or it is too big).
function rasteriseAll(canvas, ctx, glyphs, px) {
  const setUp = (family) => {
    ctx.font = `${px}px ${family}`;
    ctx.textAlign = "left";
    ctx.textBaseline = "alphabetic";
    ctx.fillStyle = "#fff";
  };
  // Glyph indexes by family, so that the font is set once per family (measuring and drawing).
  const families = new Map();
  glyphs.forEach((g, i) => {
    const family = familyOf(String(g.text || ""));
    if (!families.has(family)) families.set(family, []);
    families.get(family).push(i);
  });
  const boxes = new Array(glyphs.length).fill(null);
  for (const [family, indexes] of families) {
    setUp(family);
    for (const i of indexes) boxes[i] = measure(ctx, glyphs[i]);
  }
  // Shelves: left to right, a new shelf when the row is full.
  let x = 0, y = 0, shelf = 0, width = 0;
  for (const b of boxes) {
    if (!b) continue;
    if (x > 0 && x + b.width > MaxWidth) { y += shelf + Gap; x = 0; shelf = 0; }
    b.x = x; b.y = y;
    x += b.width + Gap;
    shelf = Math.max(shelf, b.height);
    width = Math.max(width, b.x + b.width);
  }
  const height = y + shelf;
  if (!width || !height) return boxes.map(() => null);
  // Exactly the glyphs' size (resizing clears it and resets the context's settings): a canvas
  // larger than the default 300x150 may be given to the GPU, and reading that back stalls the
  // page ("GPU stall due to ReadPixels", free-page.test.mjs).
  canvas.width = width;
  canvas.height = height;
  for (const [family, indexes] of families) {
    setUp(family);
    for (const i of indexes) {
      const b = boxes[i];
      if (!b) continue;
      ctx.direction = b.rtl ? "rtl" : "ltr";
      ctx.fillText(b.shown, b.x + b.drawX, b.y + b.baseline);
    }
  }
  const rgba = ctx.getImageData(0, 0, width, height).data;
  return boxes.map((b) => {
    if (!b) return null;
    const alpha = new Uint8Array(b.width * b.height);
    let ink = 0;
    for (let row = 0; row < b.height; row++) {
      let from = ((b.y + row) * width + b.x) * 4 + 3;
      for (let col = 0, at = row * b.width; col < b.width; col++, at++, from += 4) { alpha[at] = rgba[from]; ink += rgba[from]; }
    }
    if (!ink && b.text.trim()) return null;   // no font of this browser has it: stats().missingGlyphs counts it
    return { width: b.width, height: b.height, advance: b.advance, originX: b.originX, baseline: b.baseline, alpha };
  });
}

// Makes what the wasm asks for and hands it over; the next frame draws with it (requested here
// unless the caller draws it: frames.js).
export function rasteriseGlyphs(w, { frame = true } = {}) {
  if (w.destroyed) return;
  const request = w.core.glyphRequests();
  const glyphs = Array.isArray(request.glyphs) ? request.glyphs : [];
  const ems = Array.isArray(request.em) ? request.em : [];
  if (!glyphs.length || !ems.length) return;
  const density = request.density > 0 ? request.density : 1;
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const bitmaps = ems.map((em) => rasteriseAll(canvas, ctx, glyphs, em * density));
  glyphs.forEach((glyph, i) => {
    for (let font = 0; font < ems.length; font++) {
      const bitmap = bitmaps[font][i];
      if (!bitmap || !w.core.addGlyph(glyph.cp, font, bitmap)) break;   // a run is used only when every font has it
    }
  });
  if (frame) requestFrame(w);
}
