// web/tools/png-palette.mjs (the README screenshots' re-encoder): it reads truecolour PNGs
// written with every row filter, keeps a picture of 256 colours or fewer exactly, and stays
// close on a picture with more.
import { test } from "node:test";
import assert from "node:assert/strict";
import { deflateSync } from "node:zlib";
import { decodePng, toIndexedPng } from "../../web/tools/png-palette.mjs";

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(kind, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(kind, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

// An RGBA PNG whose row y uses filter y % 5 (None, Sub, Up, Average, Paeth), as encoders mix them.
function encodeRgba(width, height, pixel) {
  const stride = width * 4, raw = Buffer.alloc((stride + 1) * height);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(stride);
    for (let x = 0; x < width; x++) row.set(pixel(x, y), x * 4);
    const filter = y % 5;
    raw[y * (stride + 1)] = filter;
    for (let i = 0; i < stride; i++) {
      const a = i >= 4 ? row[i - 4] : 0, b = prev[i], c = i >= 4 ? prev[i - 4] : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const predict = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      raw[y * (stride + 1) + 1 + i] = (row[i] - predict) & 0xff;
    }
    prev = row;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4); ihdr[8] = 8; ihdr[9] = 6;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

test("every row filter decodes to the pixels encoded", () => {
  const pixel = (x, y) => [(x * 37 + y) & 255, (y * 11) & 255, (x * y) & 255, 255 - ((x + y) & 127)];
  const { width, height, rgba } = decodePng(encodeRgba(23, 17, pixel));
  assert.deepEqual([width, height], [23, 17]);
  for (let y = 0; y < 17; y++) for (let x = 0; x < 23; x++)
    assert.deepEqual([...rgba.subarray((y * 23 + x) * 4, (y * 23 + x) * 4 + 4)], pixel(x, y), `pixel ${x},${y}`);
});

test("a picture of 256 colours or fewer is kept exactly, as an indexed PNG", () => {
  const pixel = (x, y) => [x * 16, y * 16, 200, y === 3 ? 128 : 255];   // 16 x 16 colours, some translucent
  const png = encodeRgba(16, 16, pixel);
  const small = toIndexedPng(png);
  assert.equal(small[25], 3, "colour type 3 (indexed)");
  assert.deepEqual(decodePng(small).rgba, decodePng(png).rgba);
});

test("a picture with more colours stays close and gets smaller", () => {
  const pixel = (x, y) => [x * 2, y * 2, (x + y) & 255, 255];   // 128 x 128: 16,384 colours
  const png = encodeRgba(128, 128, pixel);
  const small = toIndexedPng(png);
  const a = decodePng(png).rgba, b = decodePng(small).rgba;
  let worst = 0, sum = 0;
  for (let i = 0; i < a.length; i++) { const d = Math.abs(a[i] - b[i]); worst = Math.max(worst, d); sum += d; }
  assert.ok(sum / a.length < 4, `mean channel error ${sum / a.length}`);
  assert.ok(worst <= 40, `worst channel error ${worst}`);
  assert.ok(small.length < png.length, `${small.length} B is not smaller than ${png.length} B`);
});

test("what is not an 8-bit PNG is refused with a message", () => {
  assert.throws(() => decodePng(Buffer.from("not a png at all")), /not a PNG/);
});
