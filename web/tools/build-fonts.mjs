// Subsets Debian's fonts for the widget at build time: Inter for Latin (and Greek/Cyrillic) UI text,
// Noto Sans CJK / Arabic / Devanagari for the names in the shipped data files. Only glyphs the
// UI or the data need go in, so the CJK font costs kilobytes, not megabytes.
//
//   node web/tools/build-fonts.mjs --out DIR data/*.json
//
// Writes DIR/inter.otf and DIR/fallback-<script>.otf|ttf (only those with glyphs to carry) and
// DIR/fonts.json listing what each holds. Data loaded at run time that needs other glyphs gets
// them rasterised by the browser (see web/widget/data.js).
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

const FONT_DIRS = ["/usr/share/fonts/opentype/inter", "/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto"];
function findFont(name) {
  for (const dir of FONT_DIRS) if (existsSync(join(dir, name))) return join(dir, name);
  throw new Error(`font ${name} not found (is the Debian package installed? ./landscape setup installs it)`);
}

// What the UI itself draws, whatever the data: printable ASCII, Latin-1 and Latin Extended-A,
// general punctuation, currency signs, arrows and the few shapes used for sort and play buttons.
const UI_RANGES = [[0x20, 0x7e], [0xa0, 0x17f], [0x2010, 0x2027], [0x2030, 0x203a], [0x20a0, 0x20bf],
  [0x2190, 0x2193], [0x2212, 0x2212], [0x2026, 0x2026], [0x25b2, 0x25bc], [0x25cf, 0x25cf], [0x2713, 0x2713]];

// Which fallback font covers which scripts; the first one that has a glyph wins at run time.
const FALLBACKS = [
  { name: "cjk", file: "NotoSansCJK-Regular.ttc", faceIndex: 2, // Noto Sans CJK SC
    test: (c) => (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff) ||
      (c >= 0x3130 && c <= 0x318f) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x20000 && c <= 0x2fa1f) },
  { name: "arabic", file: "NotoSansArabic-Regular.ttf", faceIndex: 0,
    test: (c) => (c >= 0x600 && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f) || (c >= 0xfb50 && c <= 0xfeff) },
  { name: "devanagari", file: "NotoSansDevanagari-Regular.ttf", faceIndex: 0,
    test: (c) => (c >= 0x900 && c <= 0x97f) || (c >= 0xa8e0 && c <= 0xa8ff) },
  { name: "noto", file: "NotoSans-Regular.ttf", faceIndex: 0, test: () => true },
];

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

const inUiRanges = (c) => UI_RANGES.some(([a, b]) => c >= a && c <= b);
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
const rest = [...dataCodepoints].filter((c) => c >= 0x590 && !inUiRanges(c) && !(c >= 0x1e00 && c <= 0x20cf)).sort((a, b) => a - b);
const taken = new Set();
for (const fb of FALLBACKS) {
  const mine = rest.filter((c) => !taken.has(c) && fb.test(c));
  if (mine.length === 0) continue;
  const ext = fb.file.endsWith(".ttf") ? "ttf" : "otf";
  const out = join(outDir, `fallback-${fb.name}.${ext}`);
  subset(fb.file, fb.faceIndex, mine, out);
  mine.forEach((c) => taken.add(c));
  manifest.fonts.push({ file: `fallback-${fb.name}.${ext}`, codepoints: mine.length });
}
writeFileSync(join(outDir, "fonts.json"), JSON.stringify(manifest, null, 1) + "\n");
