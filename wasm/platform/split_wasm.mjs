// The portal wasm in two parts (issue #14: the first download holds only what the map's first
// frame runs). Run by wasm/platform/CMakeLists.txt after the portal link:
//
//   node split_wasm.mjs --wasm landscape-core.wasm --glue landscape-core.js --keep split-keep.txt --out DIR
//
// 1. binaryen's wasm-split keeps the functions named in the keep list (comments: lines starting
//    with #) in DIR/landscape-core.wasm and moves the rest to DIR/landscape-core.deferred.wasm.
//    In the first part each moved function is a placeholder imported from "placeholder" under its
//    table slot; the second imports the first's exports from "primary" (web/widget/deferred.js
//    installs it). The input must have its name section (--profiling-funcs).
// 2. Both parts lose the name section.
// 3. The first part is checked against the glue (landscape-core.js, from the same link): every
//    import it needs, placeholders aside, is one the glue gives, and every export the glue reads
//    is there; and against the unsplit wasm: the same imports, and its exports kept. Any
//    mismatch fails the build.
//
// The keep list is made by web/tools/split-keep.mjs (a developer step, not part of every build).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { readWasm, withoutNameSection } from "../../web/tools/wasm-sections.mjs";

const arg = (name) => {
  const i = process.argv.indexOf(name);
  if (i < 0 || !process.argv[i + 1]) fail(`missing ${name}`);
  return process.argv[i + 1];
};
function fail(message) {
  console.error(`split_wasm: error: ${message}`);
  process.exit(1);
}

const input = arg("--wasm");
const whole = readFileSync(input);
const glue = readFileSync(arg("--glue"), "utf8");
const keepFile = arg("--keep");
const out = arg("--out");
mkdirSync(out, { recursive: true });
if (!readWasm(whole, input).sections.some((s) => s.name === "custom:name")) fail(`${input} has no name section: link it with --profiling-funcs`);

const keep = readFileSync(keepFile, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
if (keep.length === 0) fail(`${keepFile} names no function`);
// binaryen (108) spells a name with characters outside the text format's identifier set with
// each such byte as \xx (lower-case hex): "Draw(int, int)" is Draw\28int\2c\20int\29. The list
// keeps names as the name section has them; wasm-split is given its own spelling (which also has
// no commas, its list separator).
const idChar = /[0-9A-Za-z!#$%&'*+\-./:<=>?@^_`|~]/;
const binaryenName = (name) => ([...Buffer.from(name, "utf8")].some((b) => !idChar.test(String.fromCharCode(b)))
  ? [...Buffer.from(name, "utf8")].map((b) => (idChar.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `\\${b.toString(16).padStart(2, "0")}`)).join("")
  : name);
const keepPlain = join(out, "split-keep.binaryen.txt");
writeFileSync(keepPlain, keep.map(binaryenName).join("\n") + "\n");

const primaryFile = join(out, "landscape-core.wasm");
const deferredFile = join(out, "landscape-core.deferred.wasm");
// The features the link uses (emcc's -msign-ext -mnontrapping-fptoint; mutable globals for the
// stack pointer); binaryen would otherwise assume the MVP and refuse the module.
const features = ["--enable-sign-ext", "--enable-nontrapping-float-to-int", "--enable-mutable-globals"];
// Its warnings (a name of the list it did not find) go to stderr, the lists of -v to stdout.
const run = spawnSync(process.env.WASM_SPLIT || "wasm-split", [input, ...features, `--keep-funcs=@${keepPlain}`,
  "--placeholder-namespace=placeholder", "--import-namespace=primary", "--export-prefix=%",
  "-o1", primaryFile, "-o2", deferredFile, "-v"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
if (run.error || run.status !== 0) fail(`wasm-split failed: ${run.stderr || (run.error && run.error.message) || `exit ${run.status}`}`);
const log = run.stdout + run.stderr;

const primary = withoutNameSection(readFileSync(primaryFile), primaryFile);
const deferred = withoutNameSection(readFileSync(deferredFile), deferredFile);
writeFileSync(primaryFile, primary);
writeFileSync(deferredFile, deferred);

// The glue gives the imports of asmLibraryArg (under the module name of `info`) and reads the
// exports Module["asm"]["…"].
const key = (i) => `${i.module}.${i.name}:${i.kind}`;
const wholeModule = new WebAssembly.Module(whole);
const primaryModule = new WebAssembly.Module(primary);
const deferredModule = new WebAssembly.Module(deferred);
const primaryImports = WebAssembly.Module.imports(primaryModule).filter((i) => i.module !== "placeholder");
const wholeImports = WebAssembly.Module.imports(wholeModule);
if (JSON.stringify(wholeImports.map(key).sort()) !== JSON.stringify(primaryImports.map(key).sort())) {
  fail("the first part's imports differ from the unsplit wasm's");
}
const info = /var info=\{"(\w+)":asmLibraryArg\}/.exec(glue);
const library = /var asmLibraryArg=\{([^}]*)\}/.exec(glue);
if (!info || !library) fail(`cannot find the imports in ${arg("--glue")} (another Emscripten version?): check the parsing here`);
const given = new Set(library[1].split(",").map((p) => `${info[1]}.${/^"?([^":]+)"?:/.exec(p)[1]}`));
const missing = primaryImports.filter((i) => i.module !== "placeholder" && !given.has(`${i.module}.${i.name}`));
if (missing.length) fail(`the glue does not give the first part's imports ${missing.map(key).join(", ")}`);
const primaryExports = new Set(WebAssembly.Module.exports(primaryModule).map((e) => e.name));
const read = [...glue.matchAll(/Module\["asm"\]\["([^"]+)"\]/g)].map((m) => m[1]);
if (read.length === 0) fail(`cannot find the exports ${arg("--glue")} reads: check the parsing here`);
const absent = [...new Set(read)].filter((e) => !primaryExports.has(e));
if (absent.length) fail(`the first part lacks the exports the glue reads: ${absent.join(", ")}`);
const lost = WebAssembly.Module.exports(wholeModule).map((e) => e.name).filter((e) => !primaryExports.has(e));
if (lost.length) fail(`the first part lacks the unsplit wasm's exports ${lost.join(", ")}`);
for (const i of WebAssembly.Module.imports(deferredModule)) {
  if (i.module !== "primary" || !primaryExports.has(i.name)) fail(`the deferred part imports ${key(i)}, which the first part does not export`);
}

const placeholders = WebAssembly.Module.imports(primaryModule).filter((i) => i.module === "placeholder").length;
// Names of the list wasm-split did not find: functions renamed or gone since the list was made.
const notFound = log.match(/warning: function .* does not exist/g) || [];
console.log(`split_wasm: ${primary.length} B first part (${placeholders} placeholders), ${deferred.length} B deferred part; keep list ${keep.length} names` +
  (notFound.length ? `; ${notFound.length} of them not in the wasm (e.g. ${notFound[0]}): make the list again (web/tools/split-keep.mjs)` : ""));
