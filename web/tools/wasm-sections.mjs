// Reads a wasm file's sections: the one reader of web/tools/size-report.mjs (bytes per section and
// function), web/tools/split-keep.mjs (which function a profile's index names) and
// wasm/platform/split_wasm.mjs (the name section it needs, then strips), so they
// count imported functions, and so number the defined ones, the same way.
//
//   readWasm(bytes, file) → {
//     sections,           [{ id, name, at, size }] in file order: at is the offset of the section's
//                         id byte, size counts the id and size bytes; custom sections are named
//                         "custom:<name>"
//     importedFunctions,  functions the import section brings in: they come first in the
//                         function index space, so defined function k has index importedFunctions + k
//     bodies,             [{ start, end }] byte range of each defined function in the code
//                         section, its size prefix included
//     names,              Map function index → name, from the name section (empty without one)
//     dataSegments,       [{ start, end, length }] byte range of each data segment (its header
//                         included) and the length of its bytes
//   }
const sectionNames = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "datacount"];

export function readWasm(bytes, file = "wasm") {
  bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8 || bytes.readUInt32LE(0) !== 0x6d736100) throw new Error(`${file}: not a wasm file`);
  let p = 8;
  const leb = () => { let r = 0, s = 0, x; do { x = bytes[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
  const str = () => { const n = leb(); const s = bytes.toString("utf8", p, p + n); p += n; return s; };
  const sections = [];
  let importedFunctions = 0;
  const bodies = [];
  const names = new Map();
  const dataSegments = [];
  while (p < bytes.length) {
    const id = bytes[p++];
    const size = leb();
    const start = p, end = p + size;
    let name = sectionNames[id];
    if (id === 0) name = `custom:${str()}`;
    sections.push({ id, name, at: start - 1 - lebLength(size), size: end - start + 1 + lebLength(size) });
    if (id === 2) {
      // Imports: count the functions; the rest is skipped by its encoding (table, memory, global).
      for (let n = leb(), i = 0; i < n; i++) {
        str(); str();
        const kind = bytes[p++];
        if (kind === 0) { leb(); importedFunctions++; }
        else if (kind === 1) { p++; const f = leb(); leb(); if (f & 1) leb(); }
        else if (kind === 2) { const f = leb(); leb(); if (f & 1) leb(); }
        else if (kind === 3) { p += 2; }
      }
    } else if (id === 10) {
      for (let n = leb(), i = 0; i < n; i++) { const s = p; const len = leb(); p += len; bodies.push({ start: s, end: p }); }
    } else if (id === 11) {
      for (let n = leb(), i = 0; i < n; i++) {
        const s = p; const flags = leb();
        if (flags === 2) leb();
        if (flags !== 1) { while (bytes[p] !== 0x0b) p++; p++; } // the offset expression
        const len = leb(); p += len; dataSegments.push({ start: s, end: p, length: len });
      }
    } else if (name === "custom:name") {
      while (p < end) {
        const sub = bytes[p++]; const subSize = leb(); const subEnd = p + subSize;
        if (sub === 1) for (let n = leb(), i = 0; i < n; i++) { const idx = leb(); names.set(idx, str()); }
        p = subEnd;
      }
    }
    p = end;
  }
  return { sections, importedFunctions, bodies, names, dataSegments };
}

// The file without its name section (the portal link keeps one for the split, the shipped parts
// have none: wasm/platform/split_wasm.mjs strips it, and size figures count what a page downloads).
export function withoutNameSection(bytes, file = "wasm") {
  const { sections } = readWasm(bytes, file);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Buffer.concat([buffer.subarray(0, 8), ...sections.filter((x) => x.name !== "custom:name").map((x) => buffer.subarray(x.at, x.at + x.size))]);
}

function lebLength(n) { let l = 1; while (n >= 128) { n = Math.floor(n / 128); l++; } return l; }
