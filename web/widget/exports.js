// Exports: the current view's data as CSV and its picture as PNG (with title, sources and
// licence under it, so a copied chart keeps its attribution), and the counters of stats().

import { lsError } from "./errors.js";
import { setBackingStore, requestFrame } from "./frames.js";

// Written once, in web/package/package.json; web/tools/bundle.mjs puts it here.
/* global LANDSCAPE_VERSION */
const Version = typeof LANDSCAPE_VERSION !== "undefined" ? LANDSCAPE_VERSION : "dev";

export function exportCSV(w) { return w.core.exportCsv(); }

export async function exportPNG(w) {
  // Render once at 2x, copy the pixels, restore; then add the footer below the picture.
  const { canvas } = w.dom;
  const { width, height, dpr } = w.size;
  setBackingStore(w, 2);
  w.core.resize(width, height, 2);
  w.core.frame();
  w.core.frame();   // the second frame draws with the re-rasterised fonts
  const footer = w.core.exportFooter();
  const lines = [footer.title, footer.sources, footer.license].filter(Boolean);
  const out = document.createElement("canvas");
  const lineHeight = 30;
  out.width = canvas.width;
  out.height = canvas.height + 20 + lines.length * lineHeight;
  const ctx = out.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(canvas, 0, 0);
  ctx.fillStyle = "#1f2937";
  ctx.font = "22px system-ui, sans-serif";
  lines.forEach((line, i) => ctx.fillText(line, 16, canvas.height + 10 + (i + 1) * lineHeight - 8, out.width - 32));
  setBackingStore(w, dpr);
  w.core.resize(width, height, dpr);
  requestFrame(w);
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(lsError("PNG export failed"))), "image/png"));
}

// For tests and monitoring (docs/embedding.md's stats()).
export function stats(w) {
  const s = w.core.stats();
  return {
    version: Version,
    framesRendered: s.framesRendered || 0,
    lastFrameMs: s.frameCpuMs != null ? s.frameCpuMs : w.frame.lastMs,
    heapBytes: w.core.heapBytes(),
    observations: s.observations || 0,
    missingGlyphs: s.missingGlyphs || 0,
    rasterisedGlyphs: s.rasterisedGlyphs || 0,
    residentBytes: s.residentBytes || 0,   // the loaded data's own bytes inside the wasm heap
    heapUsedBytes: s.heapUsedBytes || 0,   // what malloc has handed out of heapBytes (the rest: free, stack, static)
    // The wasm's deferred part (core.js): installed in this widget, and how often a placeholder
    // had to load it synchronously because a frame needed it before it arrived.
    deferredInstalled: w.core.deferred().installed,
    deferredFallbacks: w.core.deferred().fallbacks,
  };
}
