// Subsets Debian's Inter for the widget at build time: the UI's own characters (ASCII, Latin-1,
// the punctuation its texts use) plus every Latin/Greek/Cyrillic letter of the shipped data files.
// Everything else (Latin Extended, other currency signs, CJK, Arabic, ...) is rasterised by the
// browser when a text needs it (web/widget/glyphs.js), at Inter's em: a glyph that is rarely drawn
// costs no download (the CJK subset and Inter's Latin Extended-A and currency signs were 11.8 KB
// of the page's gzip payload).
//
//   node web/tools/build-fonts.mjs --out DIR data/*.json
//
// Writes DIR/inter.otf and DIR/fonts.json saying what it holds.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, rmSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const args = process.argv.slice(2);
const outIndex = args.indexOf("--out");
if (outIndex < 0 || !args[outIndex + 1]) {
  console.error("usage: build-fonts.mjs --out DIR DATA.json...");
  process.exit(2);
}
const outDir = args[outIndex + 1];
const dataFiles = args.filter((_, i) => i !== outIndex && i !== outIndex + 1);

const FONT_DIRS = ["/usr/share/fonts/opentype/inter"];
function findFont(name) {
  for (const dir of FONT_DIRS) if (existsSync(join(dir, name))) return join(dir, name);
  throw new Error(`font ${name} not found (is the Debian package installed? ./landscape setup installs it)`);
}

// What the UI itself draws, whatever the data: printable ASCII and Latin-1 (accented letters of the
// Western European languages are common in names), the dashes, quotes, bullet, ellipsis and
// per-mille its texts use, the euro and the minus sign. Arrows, play and sort marks are drawn as
// shapes, not glyphs.
const UI_RANGES = [[0x20, 0x7e], [0xa0, 0xff], [0x2013, 0x2014], [0x2018, 0x201e], [0x2022, 0x2022], [0x2026, 0x2026],
  [0x2030, 0x2030], [0x2039, 0x203a], [0x20ac, 0x20ac], [0x2212, 0x2212]];

function collectStrings(value, into) {
  if (typeof value === "string") into.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, into);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) { into.push(k); collectStrings(v, into); }
}

const dataCodepoints = new Set();
for (const file of dataFiles) {
  if (file.endsWith("schema.json")) continue;
  const strings = [];
  collectStrings(JSON.parse(readFileSync(file, "utf8")), strings);
  for (const s of strings) for (const ch of s) dataCodepoints.add(ch.codePointAt(0));
}

const hex = (list) => list.map((c) => c.toString(16)).join(",");

mkdirSync(outDir, { recursive: true });
for (const f of readdirSync(outDir)) if (/\.(otf|ttf)$/.test(f)) rmSync(join(outDir, f));

function subset(fontFile, faceIndex, codepoints, outFile) {
  const listFile = join(outDir, "unicodes.txt");
  writeFileSync(listFile, hex(codepoints));
  execFileSync("hb-subset", [`--font-file=${findFont(fontFile)}`, `--face-index=${faceIndex}`,
    `--unicodes-file=${listFile}`, "--no-hinting", "--desubroutinize",
    // ImGui reads outlines, metrics and cmap only: no layout tables (it neither shapes nor kerns)
    // and no name table. Desubroutinised CFF is 45 % larger raw but 8 % smaller gzipped.
    "--layout-features=", "--drop-tables+=GDEF,GPOS,GSUB,name", "--name-IDs=", `--output-file=${outFile}`]);
  rmSync(listFile);
}

// Inter carries the UI ranges plus every Latin/Greek/Cyrillic letter of the data.
const latin = new Set();
for (const [a, b] of UI_RANGES) for (let c = a; c <= b; c++) latin.add(c);
for (const c of dataCodepoints) if (c < 0x590 || (c >= 0x1e00 && c <= 0x20cf)) latin.add(c);
subset("Inter-Regular.otf", 0, [...latin].sort((a, b) => a - b), join(outDir, "inter.otf"));

const manifest = { fonts: [{ file: "inter.otf", codepoints: latin.size }] };
writeFileSync(join(outDir, "fonts.json"), JSON.stringify(manifest, null, 1) + "\n");
