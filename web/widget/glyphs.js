// Glyphs for the wasm's font atlas that only the browser can make: characters no bundled font
// has, and runs of complex scripts (Arabic and Hebrew joined right to left, Devanagari and
// Bengali conjuncts and vowel signs, Thai, ...), which Canvas 2D shapes whole. Dear ImGui then
// draws each run as one glyph (wasm/ui/shaping.h). Every glyph is made for each of the widget's
// fonts at that font's em and the display's density, with its baseline and pen origin, so it
// sits on the line exactly as the bundled glyphs beside it do.
//
// The wasm asks (core.glyphRequests()) after a load and whenever it emits "glyphs" (texts first
// composed in a frame, a new devicePixelRatio); each glyph is asked for once.

import { requestFrame } from "./frames.js";

// The families the glyphs come from: Inter first (where the reader has it, an accented letter
// the bundled subset lacks looks like its neighbours), then the Noto fonts, then whatever the
// system has.
export const GlyphFamily = 'Inter, "Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Bengali", ' +
  '"Noto Sans Thai", "Noto Sans CJK SC", system-ui, sans-serif';

// The wasm refuses larger bitmaps (fonts.cpp): one glyph stays within a texture row.
const MaxWidth = 2048, MaxHeight = 512;
const Pad = 2;

// One glyph at `px` device pixels per em: {width, height, advance, originX, baseline, alpha},
// or null when the browser has nothing to draw it with.
function rasterise(canvas, ctx, glyph, px) {
  const text = String(glyph.text || "");
  // A combining mark alone would be drawn on a dotted circle: it is drawn on a no-break space,
  // and only the mark's part is kept (the space's advance is left of the pen origin).
  const isMark = /^\p{M}$/u.test(text);
  const shown = isMark ? "\u00A0" + text : text;
  const setUp = () => {
    ctx.font = `${px}px ${GlyphFamily}`;
    ctx.direction = glyph.rtl ? "rtl" : "ltr";
    ctx.textAlign = "left";
    ctx.textBaseline = "alphabetic";
    ctx.fillStyle = "#fff";
  };
  setUp();
  const m = ctx.measureText(shown);
  const prefixWidth = isMark ? ctx.measureText("\u00A0").width : 0;
  const drawX = Pad + Math.max(0, Math.ceil(m.actualBoundingBoxLeft || 0));
  const baseline = Pad + Math.max(0, Math.ceil(m.actualBoundingBoxAscent || 0));
  const width = drawX + Math.ceil(Math.max(m.width, m.actualBoundingBoxRight || 0)) + Pad;
  const height = baseline + Math.max(0, Math.ceil(m.actualBoundingBoxDescent || 0)) + Pad;
  if (width > MaxWidth || height > MaxHeight) return null;
  canvas.width = width;    // resizing resets the context's settings
  canvas.height = height;
  setUp();
  ctx.clearRect(0, 0, width, height);
  ctx.fillText(shown, drawX, baseline);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const alpha = new Uint8Array(width * height);
  let ink = 0;
  for (let i = 0; i < alpha.length; i++) { alpha[i] = rgba[i * 4 + 3]; ink += alpha[i]; }
  if (!ink && text.trim()) return null;   // no font of this browser has it: stats().missingGlyphs counts it
  return { width, height, advance: Math.max(0, m.width - prefixWidth), originX: drawX + prefixWidth, baseline, alpha };
}

// Makes what the wasm asks for and hands it over; the next frame draws with it.
export function rasteriseGlyphs(w) {
  if (w.destroyed) return;
  const request = w.core.glyphRequests();
  const glyphs = Array.isArray(request.glyphs) ? request.glyphs : [];
  const ems = Array.isArray(request.em) ? request.em : [];
  if (!glyphs.length || !ems.length) return;
  const density = request.density > 0 ? request.density : 1;
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  for (const glyph of glyphs) {
    for (let font = 0; font < ems.length; font++) {
      const bitmap = rasterise(canvas, ctx, glyph, ems[font] * density);
      if (!bitmap || !w.core.addGlyph(glyph.cp, font, bitmap)) break;   // a run is used only when every font has it
    }
  }
  requestFrame(w);
}
