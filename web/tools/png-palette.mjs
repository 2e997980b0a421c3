// Makes a screenshot small: an 8-bit RGB(A) PNG re-encoded as an indexed PNG of at most 256
// colours (median cut over the picture's own colours; a picture with 256 colours or fewer is
// kept exactly). Interface screenshots are flat fills, text and a few gradients, so 256 colours
// look the same and the file is a third of the size or less. No dependencies: zlib from Node.
import { inflateSync, deflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// { width, height, rgba } from a non-interlaced 8-bit PNG: truecolour (what Chromium writes) or
// indexed (what toIndexedPng writes, read back by its check).
export function decodePng(png) {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error("png-palette: not a PNG");
  let width = 0, height = 0, depth = 0, type = 0, interlace = 0;
  const idat = [];
  let plte = Buffer.alloc(0), trns = Buffer.alloc(0);
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at), kind = png.toString("latin1", at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (kind === "IHDR") { width = data.readUInt32BE(0); height = data.readUInt32BE(4); depth = data[8]; type = data[9]; interlace = data[12]; }
    else if (kind === "IDAT") idat.push(data);
    else if (kind === "PLTE") plte = data;
    else if (kind === "tRNS") trns = data;
    else if (kind === "IEND") break;
    at += 12 + length;
  }
  if (depth !== 8 || (type !== 2 && type !== 3 && type !== 6) || interlace !== 0) throw new Error(`png-palette: only 8-bit RGB/RGBA/indexed, non-interlaced PNGs (depth ${depth}, type ${type})`);
  const bpp = type === 6 ? 4 : type === 2 ? 3 : 1, stride = width * bpp;
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length < (stride + 1) * height) throw new Error("png-palette: the image data is cut short");
  const rgba = Buffer.alloc(width * height * 4);
  let prev = Buffer.alloc(stride), row = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)], line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? row[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      row[i] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      if (bpp === 1) {
        const i = row[x];
        rgba[o] = plte[3 * i]; rgba[o + 1] = plte[3 * i + 1]; rgba[o + 2] = plte[3 * i + 2]; rgba[o + 3] = i < trns.length ? trns[i] : 255;
      } else {
        rgba[o] = row[x * bpp]; rgba[o + 1] = row[x * bpp + 1]; rgba[o + 2] = row[x * bpp + 2]; rgba[o + 3] = bpp === 4 ? row[x * bpp + 3] : 255;
      }
    }
    [prev, row] = [row, prev];
  }
  return { width, height, rgba };
}

// Up to 256 colours for these pixels: every colour when there are that few, else median cut
// (split the box with the most pixels times its widest range, at its pixel-weighted median).
function palette(rgba) {
  const counts = new Map();
  for (let i = 0; i < rgba.length; i += 4) {
    const k = rgba.readUInt32BE(i);
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  const colours = [...counts.entries()].map(([k, n]) => ({ c: [k >>> 24, (k >>> 16) & 255, (k >>> 8) & 255, k & 255], n }));
  if (colours.length <= 256) return colours.map((e) => e.c);
  const measure = (box) => {
    let n = 0; const lo = [255, 255, 255, 255], hi = [0, 0, 0, 0];
    for (const e of box) { n += e.n; for (let j = 0; j < 4; j++) { lo[j] = Math.min(lo[j], e.c[j]); hi[j] = Math.max(hi[j], e.c[j]); } }
    const ranges = hi.map((h, j) => h - lo[j]);
    const axis = ranges.indexOf(Math.max(...ranges));
    return { box, n, axis, score: n * ranges[axis] };
  };
  let boxes = [measure(colours)];
  while (boxes.length < 256) {
    boxes.sort((a, b) => b.score - a.score);
    const { box, n, axis, score } = boxes[0];
    if (score === 0) break;
    box.sort((a, b) => a.c[axis] - b.c[axis]);
    let seen = 0, cut = 1;
    for (; cut < box.length - 1; cut++) { seen += box[cut - 1].n; if (seen >= n / 2) break; }
    boxes.splice(0, 1, measure(box.slice(0, cut)), measure(box.slice(cut)));
  }
  return boxes.map(({ box, n }) => [0, 1, 2, 3].map((j) => Math.round(box.reduce((s, e) => s + e.c[j] * e.n, 0) / n)));
}

function chunk(kind, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(kind, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

// The indexed PNG of a truecolour one.
export function toIndexedPng(png) {
  const { width, height, rgba } = decodePng(png);
  const pal = palette(rgba);
  const cache = new Map();
  const nearest = (k, r, g, b, a) => {
    let idx = cache.get(k);
    if (idx !== undefined) return idx;
    let best = Infinity;
    pal.forEach((p, i) => {
      const d = 3 * (p[0] - r) ** 2 + 4 * (p[1] - g) ** 2 + 2 * (p[2] - b) ** 2 + 3 * (p[3] - a) ** 2;
      if (d < best) { best = d; idx = i; }
    });
    cache.set(k, idx);
    return idx;
  };
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;   // no filter: indices do not predict each other
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      raw[y * (width + 1) + 1 + x] = nearest(rgba.readUInt32BE(o), rgba[o], rgba[o + 1], rgba[o + 2], rgba[o + 3]);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 3; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const plte = Buffer.from(pal.flatMap((p) => p.slice(0, 3)));
  const parts = [SIGNATURE, chunk("IHDR", ihdr), chunk("PLTE", plte)];
  if (pal.some((p) => p[3] !== 255)) parts.push(chunk("tRNS", Buffer.from(pal.map((p) => p[3]))));
  parts.push(chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0)));
  return Buffer.concat(parts);
}
