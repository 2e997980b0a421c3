// Where the wasm's bytes go: per function, per library and per source file, raw and gzip.
//
//   node web/tools/size-report.mjs [--build DIR] [--wasm FILE] [--lto FILE] [--top N] [--out FILE] [--json FILE]
//
// Reads two links of the portal wasm made by the wasm preset (DIR, default build/wasm; neither is
// built by default, `./landscape size` builds both and runs this):
//  - FILE, DIR/wasm/platform/landscape-core-profile.wasm (target landscape_web_profile): the
//    shipped link plus the name section (--profiling-funcs). Its data and functions are those of
//    landscape-core.wasm (checked below when that file is there; only the order of imports, and
//    so call indices, may differ, moving a byte here and there between functions): bytes per
//    function, per section, and the data section split into the embedded assets and the rest.
//  - the same link before binaryen, DIR/wasm/platform/landscape-core-profile-lto.wasm (target
//    landscape_web_profile_lto, linked at -O0: the -Oz bitcode still goes through LTO, but
//    wasm-opt does not run). wasm-opt -Oz inlines every function called once into its caller
//    (ls_frame, an export of web_api.cpp, ends up holding most views), so names in the shipped
//    file say little about which source file the bytes come from; before binaryen they do. The
//    per-file table comes from this link: its totals are larger than the shipped code (binaryen
//    takes ~20 % off), read them as shares.
//
// How a function is attributed to a file (heuristics on names; no DWARF, no link map: the build
// uses -flto, so wasm-ld's --Map names one LTO object for every function, and a -g build would be
// another binary): every symbol defined in the project's bitcode (llvm-nm -C over DIR/wasm/**/*.a
// and the platform objects) and in Emscripten's system libraries is looked up by its demangled
// name. A strong definition (T/t) in one object names that file. Weak definitions (templates,
// inline functions) go by namespace: nlohmann::* → nlohmann/json, std::* → libc++ (templates
// instantiated for our types included: the cost of using them), Im*/ImGui::/stb* → Dear ImGui,
// ls::* → the one project file that defines it, else "ls: inline/templates in several files".
// What is left (functions LTO made or renamed) is "unattributed".
//
// gzip per group: the group's function bodies concatenated and gzipped (-9) alone, a guide to
// what removing the group would save (the real saving differs by a few %).
import { readFileSync, writeFileSync, existsSync, readdirSync, statSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { gzipSync, brotliCompressSync, constants as zc } from "node:zlib";
import { join, dirname, relative, basename } from "node:path";
import { fileURLToPath } from "node:url";
import { readWasm, withoutNameSection } from "./wasm-sections.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const buildDir = join(root, arg("--build", "build/wasm"));
const wasmFile = arg("--wasm", join(buildDir, "wasm", "platform", "landscape-core-profile.wasm"));
const ltoFile = arg("--lto", join(buildDir, "wasm", "platform", "landscape-core-profile-lto.wasm"));
const topN = Number(arg("--top", "25"));
const outFile = arg("--out", join(buildDir, "size-report.txt"));
const jsonFile = arg("--json", join(buildDir, "size-report.json"));
const NM = ["/usr/lib/llvm-14/bin/llvm-nm", "llvm-nm-14", "llvm-nm"].find((p) => p.includes("/") ? existsSync(p) : true);
const SYSROOT_LIBS = "/usr/share/emscripten/cache/sysroot/lib/wasm32-emscripten";

for (const f of [wasmFile, ltoFile]) {
  if (existsSync(f)) continue;
  console.error(`size-report: ${f} not found: build it with` +
    " `cmake --build --preset wasm --target landscape_web_profile landscape_web_profile_lto` (or run ./landscape size)");
  process.exit(1);
}

// ---- The wasm: sections, function bodies, names (read by wasm-sections.mjs, as split-keep.mjs does).
function readFunctions(bytes, file) {
  const { sections, importedFunctions, bodies, names, dataSegments } = readWasm(bytes, file);
  const functions = bodies.map((b, i) => ({ name: names.get(importedFunctions + i) ?? `$func${importedFunctions + i}`, bytes: b.end - b.start, body: bytes.subarray(b.start, b.end) }));
  return { sections, functions, dataSegments, hasNames: names.size > 0 };
}

// ---- Symbols → objects: llvm-nm over the project's archives and objects and the system libraries.
function listFiles(dir, test, into = []) {
  if (!existsSync(dir)) return into;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) listFiles(p, test, into);
    else if (test(p)) into.push(p);
  }
  return into;
}
// name → [{ file, strong }]
function symbolTable() {
  const table = new Map();
  const add = (name, file, strong) => {
    let list = table.get(name);
    if (!list) table.set(name, (list = []));
    if (!list.some((e) => e.file === file && e.strong === strong)) list.push({ file, strong });
  };
  const scan = (path, label) => {
    let out;
    try { out = execFileSync(NM, ["-C", "--defined-only", path], { encoding: "utf8", maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "ignore"] }); }
    catch (e) { out = e.stdout ?? ""; } // nm exits non-zero on members it cannot read; keep what it listed
    let member = basename(path);
    for (const line of out.split("\n")) {
      if (line.endsWith(":") && !line.startsWith("-") && !/^[0-9a-f]{8} /.test(line) && !line.startsWith(" ")) { member = line.slice(0, -1); continue; }
      const m = /^(?:--------|[0-9a-f]+) ([A-Za-z]) (.*)$/.exec(line);
      if (!m || !"TtWw".includes(m[1])) continue;
      add(m[2], label(member), m[1] === "T" || m[1] === "t");
    }
  };
  // Project: wasm/<layer>/<file>.cpp.o members; ImGui's archive members are imgui*.cpp.o.
  const projectObjects = listFiles(join(buildDir, "wasm"), (p) => p.endsWith(".a") || (p.endsWith(".o") && p.includes("landscape_web_objects")));
  for (const path of projectObjects) {
    const layer = relative(join(buildDir, "wasm"), path).split("/")[0]; // core | ui | platform
    scan(path, (member) => {
      const src = member.replace(/\.o$/, "");
      if (/^imgui/.test(src)) return `Dear ImGui/${src}`;
      if (src === "embedded_assets.cpp") return "wasm/ui/embedded_assets.cpp (generated)";
      if (layer === "ui" && /_view\.cpp$|^common\.cpp$/.test(src)) return `wasm/ui/views/${src}`;
      return `wasm/${layer}/${src}`;
    });
  }
  for (const lib of ["libc.a", "libc++-noexcept.a", "libc++abi-noexcept.a", "libemmalloc.a", "libcompiler_rt.a", "libGL-webgl2.a", "libhtml5.a", "libstubs.a", "libc_rt_wasm.a", "libdlmalloc.a"]) {
    const path = join(SYSROOT_LIBS, lib);
    if (existsSync(path)) scan(path, () => `system/${lib.replace(/\.a$/, "").replace(/-noexcept$/, "")}`);
  }
  return table;
}

// The function's own qualified name: template arguments, parameter lists and a leading return
// type removed ("void ls::StableSortBy<...>(...)" → "ls::StableSortBy").
function headOf(name) {
  let out = "", depth = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === "<" && !name.startsWith("operator", i - 8)) depth++;
    else if (c === ">" && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  const paren = out.indexOf("(");
  if (paren >= 0) out = out.slice(0, paren);
  const parts = out.trim().split(/\s+/);
  return parts[parts.length - 1];
}

function classify(name, table) {
  const head = headOf(name);
  const defs = table.get(name) ?? [];
  const strong = defs.filter((d) => d.strong);
  if (/^nlohmann::/.test(head)) return { library: "nlohmann/json", file: "nlohmann/json (templates)" };
  if (/^std::/.test(head)) {
    const lib = strong.find((d) => d.file.startsWith("system/"));
    return { library: "libc++", file: lib ? lib.file : "libc++ (templates)" };
  }
  if (strong.length === 1 || (strong.length > 1 && strong.every((d) => d.file === strong[0].file))) return { library: libraryOf(strong[0].file), file: strong[0].file };
  if (/^(ImGui::|Im[A-Z]|stb|STB|Stb)/.test(head)) {
    const weak = defs.find((d) => d.file.startsWith("Dear ImGui/"));
    return { library: "Dear ImGui", file: weak ? weak.file : "Dear ImGui (templates)" };
  }
  if (/^ls::/.test(head) || /^\{lambda|^ls::/.test(name)) {
    const files = [...new Set(defs.map((d) => d.file))];
    if (files.length === 1) return { library: libraryOf(files[0]), file: files[0] };
    const layers = [...new Set(files.map((f) => f.split("/").slice(0, 2).join("/")))];
    return { library: layers.length === 1 ? layers[0] : "wasm (shared)", file: "ls: inline/templates in several files" };
  }
  if (defs.length > 0) return { library: libraryOf(defs[0].file), file: defs[0].file };
  // LTO renames internal functions it duplicates or specialises: "foo.1", "foo.llvm.123".
  const base = name.replace(/(\.(llvm\.)?\d+)+$/, "");
  if (base !== name) return classify(base, table);
  return { library: "unattributed", file: "unattributed (LTO-made or runtime)" };
}
function libraryOf(file) {
  if (file.startsWith("system/")) {
    if (file.includes("c++")) return "libc++";
    if (file.includes("GL") || file.includes("html5")) return "Emscripten GL/html5";
    return "libc (+emmalloc, compiler-rt)";
  }
  if (file.startsWith("Dear ImGui")) return "Dear ImGui";
  if (file.startsWith("wasm/ui/embedded")) return "wasm/ui";
  return file.split("/").slice(0, 2).join("/");
}

// ---- Report.
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const br = (buf) => brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }).length;
const load = (file) => {
  const bytes = readFileSync(file);
  const w = readFunctions(bytes, file);
  if (!w.hasNames) { console.error(`size-report: ${file} has no name section: link it with --profiling-funcs`); process.exit(1); }
  return { ...w, bytes };
};
const wasm = load(wasmFile);
const lto = load(ltoFile);
const table = symbolTable();
for (const w of [wasm, lto]) for (const f of w.functions) Object.assign(f, classify(f.name, table));
const group = (w, key) => {
  const groups = new Map();
  for (const f of w.functions) {
    const g = groups.get(f[key]) ?? { name: f[key], bytes: 0, count: 0, parts: [] };
    g.bytes += f.bytes; g.count++; g.parts.push(f.body);
    groups.set(f[key], g);
  }
  const list = [...groups.values()].map((g) => ({ name: g.name, bytes: g.bytes, count: g.count, gzip: gz(Buffer.concat(g.parts)) }));
  return list.sort((a, b) => b.bytes - a.bytes);
};
const code = (w) => Buffer.concat(w.functions.map((f) => f.body));
const data = (w) => Buffer.concat(w.dataSegments.map((d) => w.bytes.subarray(d.start, d.end)));

// The shipped file: same code and data as the profile link? (only the name section may differ)
const shippedFile = join(buildDir, "wasm", "platform", "landscape-core.wasm");
let sameCode = null, shippedGzip = null, shippedBrotli = null;
if (existsSync(shippedFile)) {
  const shipped = readFileSync(shippedFile);
  const other = readFunctions(shipped, shippedFile);
  const sd = Buffer.concat(other.dataSegments.map((d) => shipped.subarray(d.start, d.end)));
  // Emscripten may order the imports differently in the two links, so call indices (and the
  // length of their LEB128 encoding, a byte here and there) differ between functions: compare
  // the data bytes, the number of functions and the code's total size.
  sameCode = other.functions.length === wasm.functions.length && code(other).length === code(wasm).length && sd.equals(data(wasm));
  // The portal link keeps its names for the split (wasm/platform/CMakeLists.txt); the files a
  // page downloads have none.
  const stripped = withoutNameSection(shipped, shippedFile);
  shippedGzip = gz(stripped); shippedBrotli = br(stripped);
}

// The portal's two parts (wasm/platform/split_wasm.mjs): what a page downloads before its first
// frame, and after it.
const splitDir = join(buildDir, "wasm", "platform", "split");
const parts = ["landscape-core.wasm", "landscape-core.deferred.wasm"].map((name) => join(splitDir, name)).filter(existsSync)
  .map((file) => { const b = readFileSync(file); return { name: basename(file), bytes: b.length, gzip: gz(b), brotli: br(b) }; });

const assetDir = join(buildDir, "assets");
const assets = existsSync(assetDir) ? readdirSync(assetDir).filter((f) => /\.(otf|ttf|lsmap)$/.test(f)).sort().map((f) => {
  const b = readFileSync(join(assetDir, f));
  return { name: f, bytes: b.length, gzip: gz(b) };
}) : [];
const dataBytes = wasm.dataSegments.reduce((s, d) => s + d.length, 0);
const assetRaw = assets.reduce((s, a) => s + a.bytes, 0);

const lines = [];
const pad = (s, n) => String(s).padStart(n);
const trim = (s, n) => (s.length > n ? s.slice(0, n - 1) + "…" : s);
const withoutNames = wasm.sections.filter((s) => !s.name.startsWith("custom:")).reduce((s, x) => s + x.size, 0) + 8;
lines.push(`Size report: ${relative(root, wasmFile)} and ${relative(root, ltoFile)}`);
lines.push(`shipped wasm: ${withoutNames} B raw` + (shippedGzip === null ? "" : `, ${shippedGzip} B gzip -9, ${shippedBrotli} B brotli -q 11`) +
  `; ${sameCode === null ? "not compared (no landscape-core.wasm)" : sameCode ? "same data, function count and code size as the profile link" : "DIFFERS from the profile link (rebuild both)"}`);
if (parts.length) lines.push("split for the portal: " + parts.map((x) => `${x.name} ${x.bytes} B raw, ${x.gzip} B gzip -9, ${x.brotli} B brotli`).join("; "));
lines.push("");
lines.push("Sections (raw B): " + wasm.sections.filter((s) => !s.name.startsWith("custom:")).map((s) => `${s.name} ${s.size}`).join(", "));
lines.push(`Data: ${dataBytes} B raw, ${gz(data(wasm))} B gzip alone; embedded assets: ` +
  assets.map((a) => `${a.name} ${a.bytes} B (${a.gzip} B gzip)`).join(", ") + `; the rest (strings, tables) ${dataBytes - assetRaw} B`);
lines.push(`Code: ${wasm.functions.length} functions, ${code(wasm).length} B raw, ${gz(code(wasm))} B gzip alone` +
  ` (before binaryen: ${lto.functions.length} functions, ${code(lto).length} B)`);
lines.push("");

const showGroups = (title, list, width) => {
  lines.push(`${title.padEnd(width + 2)}    raw B   gzip B  functions`);
  for (const g of list) lines.push(`  ${trim(g.name, width).padEnd(width)} ${pad(g.bytes, 8)} ${pad(g.gzip, 8)} ${pad(g.count, 6)}`);
  lines.push("");
};
const libraries = group(wasm, "library");
const librariesBefore = group(lto, "library");
const files = group(lto, "file");
showGroups("Per library, shipped code", libraries, 40);
showGroups("Per library, before binaryen", librariesBefore, 40);
showGroups("Per source file, before binaryen (shares)", files, 50);
lines.push(`Top ${topN} functions, shipped code (after wasm-opt's inlining)`.padEnd(74) + "  raw B  file");
const top = [...wasm.functions].sort((a, b) => b.bytes - a.bytes).slice(0, topN);
for (const f of top) lines.push(`  ${trim(f.name, 70).padEnd(70)} ${pad(f.bytes, 7)}  ${f.file}`);
lines.push("");
lines.push(`Top ${topN} functions, before binaryen`.padEnd(74) + "  raw B  file");
for (const f of [...lto.functions].sort((a, b) => b.bytes - a.bytes).slice(0, topN)) lines.push(`  ${trim(f.name, 70).padEnd(70)} ${pad(f.bytes, 7)}  ${f.file}`);
lines.push("");

const text = lines.join("\n") + "\n";
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, text);
const fnList = (w) => [...w.functions].sort((a, b) => b.bytes - a.bytes).map(({ name, bytes, library, file }) => ({ name, bytes, library, file }));
writeFileSync(jsonFile, JSON.stringify({
  wasm: relative(root, wasmFile), lto: relative(root, ltoFile), shippedGzip, shippedBrotli, sameCodeAsShipped: sameCode, splitParts: parts,
  codeBytes: code(wasm).length, dataBytes, sections: wasm.sections, assets,
  libraries, librariesBeforeBinaryen: librariesBefore, filesBeforeBinaryen: files,
  functions: fnList(wasm), functionsBeforeBinaryen: fnList(lto),
}, null, 1) + "\n");
process.stdout.write(text);
console.log(`written to ${relative(root, outFile)} and ${relative(root, jsonFile)}`);
