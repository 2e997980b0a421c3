// The package as a portal developer gets it: `./landscape pack` writes the tarball, a fresh app
// folder installs it with npm (offline: the package has no dependencies), host code is
// type-checked with tsc against the installed types, and an app that creates two widgets is built
// with Vite and with esbuild and opened in Chromium under the strict Content-Security-Policy.
// Needs a built dist/ (./landscape build); packs what dist/ holds.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, copyFileSync, readdirSync, statSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, serve, openPage, assertDraws, ROOT, DIST } from "../browser/harness.mjs";

const run = promisify(execFile);
const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(HERE, "fixtures");
const MANIFEST = JSON.parse(readFileSync(join(ROOT, "web", "package", "package.json"), "utf8"));

let app = "";           // the fresh app folder, with the package installed
let installed = "";     // app/node_modules/social-landscape
let tarball = null;     // { file, bytes, unpacked, entries }
let browser = null;
const versionsSeen = {};   // bundler -> stats().version of its two widgets

before(async () => {
  const packed = await run("bash", [join(ROOT, "landscape"), "pack", "--no-build"], { cwd: ROOT });
  const m = /^dist\/(\S+\.tgz): (\d+) B \(unpacked (\d+) B, (\d+) files\)$/m.exec(packed.stdout);
  assert.ok(m, `./landscape pack did not say what it wrote:\n${packed.stdout}${packed.stderr}`);
  tarball = { file: join(DIST, m[1]), bytes: Number(m[2]), unpacked: Number(m[3]), entries: Number(m[4]) };
  app = mkdtempSync(join(tmpdir(), "landscape-portal-app-"));
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "portal-app", private: true, type: "module" }, null, 2));
  // --offline: nothing but the tarball is needed, so the registry must not be asked anything.
  await run("npm", ["install", "--no-audit", "--no-fund", "--offline", "--loglevel=error", tarball.file], { cwd: app });
  installed = join(app, "node_modules", MANIFEST.name);
});
after(async () => {
  await browser?.close();
  if (app) rmSync(app, { recursive: true, force: true });
});

// Files under dir, as [relative path, bytes], sorted.
function filesIn(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p); else out.push([relative(dir, p), statSync(p).size]);
    }
  };
  walk(dir);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
const listing = (files) => files.map(([f, n]) => `${f} ${n} B`).join(", ");

test("the tarball installs as social-landscape with its module, wasm (both parts), types, licence, readme and changelog", (t) => {
  assert.equal(tarball.file, join(DIST, `${MANIFEST.name}-${MANIFEST.version}.tgz`));
  t.diagnostic(`${relative(ROOT, tarball.file)}: ${tarball.bytes} B, unpacked ${tarball.unpacked} B, ${tarball.entries} files`);
  const files = filesIn(installed).map(([f]) => f);
  assert.deepEqual(files, [...MANIFEST.files, "package.json"].sort(), "the installed package's files");
  const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  assert.equal(pkg.name, "social-landscape");
  assert.equal(pkg.type, "module");
  assert.deepEqual(pkg.exports["."], { types: "./landscape.d.ts", default: "./landscape.js" });
  assert.equal(pkg.exports["./embed.html"], "./embed.html");
  assert.ok(!pkg.dependencies && !pkg.peerDependencies, "the package has no dependencies");
  for (const f of ["landscape.js", "landscape-core.js", "landscape-core.wasm", "landscape-core.deferred.wasm", "embed.html", "embed.js", "embed.css"]) {
    assert.ok(readFileSync(join(installed, f)).equals(readFileSync(join(DIST, f))), `${f} differs from dist/${f}`);
  }
  // The module finds its wasm beside itself, in the form bundlers follow.
  assert.match(readFileSync(join(installed, "landscape.js"), "utf8"), /new URL\(\s*["']\.\/landscape-core\.wasm["']\s*,\s*import\.meta\.url\s*\)/);
  assert.match(readFileSync(join(installed, "landscape.js"), "utf8"), /new URL\(\s*["']\.\/landscape-core\.deferred\.wasm["']\s*,\s*import\.meta\.url\s*\)/);
  assert.match(readFileSync(join(installed, "LICENSE.md"), "utf8"), /Dear ImGui[\s\S]*nlohmann[\s\S]*Inter[\s\S]*Noto Sans CJK[\s\S]*Natural Earth/);
});

// Each bad-*.ts marks its one wrong line with `// error TSnnnn: <part of the message>`.
function expectationOf(file) {
  const lines = readFileSync(join(FIXTURES, "types", file), "utf8").split("\n");
  const i = lines.findIndex((l) => /\/\/ error TS\d+:/.test(l));
  assert.ok(i >= 0, `${file} marks no line with // error TSnnnn: ...`);
  const [, code, fragment] = /\/\/ error (TS\d+): (.*)$/.exec(lines[i]);
  return { line: i + 1, code, fragment: fragment.trim() };
}

test("tsc --strict accepts host code using the whole API and rejects each wrong use, through the package's exports", async (t) => {
  const src = join(app, "src");
  mkdirSync(src, { recursive: true });
  const fixtures = readdirSync(join(FIXTURES, "types")).filter((f) => f.endsWith(".ts"));
  for (const f of fixtures) copyFileSync(join(FIXTURES, "types", f), join(src, f));
  writeFileSync(join(app, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      target: "es2022", module: "esnext", moduleResolution: "bundler", lib: ["es2022", "dom"],
      strict: true, noEmit: true, skipLibCheck: false, types: [],
    },
    include: ["src"],
  }, null, 2));
  let out = "";
  try {
    out = (await run(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", ".", "--noEmit", "--strict", "--listFiles", "--pretty", "false"], { cwd: app })).stdout;
  } catch (e) { out = e.stdout; }   // tsc exits 2 when any file has errors, as the bad ones must

  // The types come from the installed package, found through its "exports" (types condition).
  assert.ok(out.split("\n").includes(join(installed, "landscape.d.ts")), `tsc did not read ${join(installed, "landscape.d.ts")}:\n${out.slice(0, 2000)}`);
  const errors = [];   // { file, line, code, message }
  for (const l of out.split("\n")) {
    const m = /^src\/([\w.-]+)\((\d+),\d+\): error (TS\d+): (.*)$/.exec(l);
    if (m) errors.push({ file: m[1], line: Number(m[2]), code: m[3], message: m[4] });
    else if (/^\s+\S/.test(l) && errors.length) errors[errors.length - 1].message += ` ${l.trim()}`;
  }
  const of = (f) => errors.filter((e) => e.file === f);
  assert.deepEqual(of("good.ts"), [], "good.ts must compile");
  const bad = fixtures.filter((f) => f.startsWith("bad-"));
  assert.ok(bad.length >= 5, "too few wrong uses are tried");
  for (const f of bad) {
    const want = expectationOf(f);
    const got = of(f);
    assert.ok(got.length > 0, `${f} compiled, but must fail with ${want.code}`);
    assert.deepEqual(got.filter((e) => e.line !== want.line), [], `${f}: errors on lines other than the marked ${want.line}`);
    assert.ok(got.some((e) => e.code === want.code && e.message.includes(want.fragment)),
      `${f}:${want.line}: expected ${want.code} "${want.fragment}", got ${got.map((e) => `${e.code} ${e.message}`).join(" | ")}`);
    t.diagnostic(`${f}: ${want.code} ${got.find((e) => e.code === want.code).message}`);
  }
});

// Records CSP violations in every document, before its own scripts run (as the security tests do).
function recordViolations() {
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", (e) =>
    window.__violations.push(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`), true);
}

// Serves a built app with the strict CSP and checks what a person would: both widgets draw, hold
// the data, and the console shows no error and no violation. Returns the URLs the page asked for.
async function drawsUnderStrictCsp(name, root) {
  browser ??= await launch();   // one browser for the file, started by the first test that needs it
  const requests = [];
  const site = await serve({ root, csp: true, routes: async (req) => { requests.push(req.url); return false; } });
  let context = null;
  try {
    const opened = await openPage(browser, `${site.url}/index.html`, { waitFor: () => window.widgets || window.appError, init: recordViolations });
    context = opened.context;
    const { page, errors } = opened;
    assert.equal(await page.evaluate(() => window.appError), undefined, `${name}: createLandscape rejected`);
    const header = (await page.request.get(`${site.url}/index.html`)).headers()["content-security-policy"];
    assert.match(header, /default-src 'none'; script-src 'self' 'wasm-unsafe-eval'/, "the server did not send the strict policy");
    await assertDraws(page, "#first", `${name}: the first widget`);
    await assertDraws(page, "#second", `${name}: the second widget`);
    const stats = await page.evaluate(() => window.widgets.map((w) => w.stats()));
    stats.forEach((s, i) => assert.ok(s.observations > 0, `${name}: widget ${i + 1} holds no observations`));
    versionsSeen[name] = stats.map((s) => s.version);
    assert.deepEqual(await page.evaluate(() => window.__violations), [], `${name}: CSP violations`);
    assert.deepEqual(errors, [], `${name}: console errors`);
    return { requests, page };
  } finally {
    await context?.close();
    await site.close();
  }
}

function appFolder(name, main) {
  const root = join(app, name);
  mkdirSync(root, { recursive: true });
  for (const f of ["index.html", "app.css"]) copyFileSync(join(FIXTURES, "app", f), join(root, f));
  copyFileSync(join(FIXTURES, "app", main), join(root, "main.js"));
  return root;
}
function copyData(into) {
  mkdirSync(join(into, "data"), { recursive: true });
  copyFileSync(join(DIST, "data", "landscape.json"), join(into, "data", "landscape.json"));
}

test("Vite builds an app from the installed package: both wasm parts are emitted on their own, two widgets draw under the strict CSP", async (t) => {
  const { build } = await import("vite");
  const root = appFolder("vite", "main-vite.js");
  copyData(join(root, "public"));   // Vite copies public/ as it is
  const outDir = join(root, "dist");
  const started = performance.now();
  await build({ root, logLevel: "silent", configFile: false, build: { outDir, emptyOutDir: true } });
  const emitted = filesIn(outDir).filter(([f]) => !f.startsWith("data/"));
  t.diagnostic(`vite ${Math.round(performance.now() - started)} ms: ${listing(emitted)}`);
  const wasm = emitted.filter(([f]) => f.endsWith(".wasm"));
  assert.equal(wasm.length, 2, `Vite should emit each wasm part once: ${listing(emitted)}`);
  const sizes = wasm.map(([, n]) => n).sort((a, b) => a - b);
  assert.deepEqual(sizes, ["landscape-core.wasm", "landscape-core.deferred.wasm"].map((f) => statSync(join(installed, f)).size).sort((a, b) => a - b));

  const { requests } = await drawsUnderStrictCsp("vite", outDir);
  for (const [f] of wasm) assert.ok(requests.some((u) => u === `/${f}`), `the page did not fetch the emitted ${f}: ${requests.join(", ")}`);
});

test("Vite's dev server serves the same app from the installed package (optimizeDeps.exclude, as the readme says): two widgets draw", async (t) => {
  const { createServer } = await import("vite");
  const root = appFolder("vite-dev", "main-vite.js");
  copyData(join(root, "public"));
  // Without the exclusion Vite pre-bundles the module into its cache and the wasm URL points there.
  assert.match(readFileSync(join(installed, "README.md"), "utf8"), /optimizeDeps: \{ exclude: \["social-landscape"\] \}/);
  const server = await createServer({
    root, logLevel: "silent", configFile: false, cacheDir: join(root, ".vite"),
    server: { host: "127.0.0.1", port: 0 }, optimizeDeps: { exclude: ["social-landscape"] },
  });
  await server.listen();
  browser ??= await launch();
  let context = null;
  try {
    const opened = await openPage(browser, server.resolvedUrls.local[0], { waitFor: () => window.widgets || window.appError });
    context = opened.context;
    assert.equal(await opened.page.evaluate(() => window.appError), undefined, "vite dev: createLandscape rejected");
    await assertDraws(opened.page, "#first", "vite dev: the first widget");
    await assertDraws(opened.page, "#second", "vite dev: the second widget");
    assert.deepEqual(opened.errors, [], "vite dev: console errors");
    t.diagnostic(`vite dev server at ${server.resolvedUrls.local[0]}`);
  } finally {
    await context?.close();
    await server.close();
  }
});

test("esbuild bundles an app from the installed package: configure({ wasmUrl }) points at the copied wasm, two widgets draw under the strict CSP", async (t) => {
  const esbuild = await import("esbuild");
  const root = appFolder("esbuild", "main-esbuild.js");
  const outDir = join(root, "dist");
  const started = performance.now();
  const result = await esbuild.build({
    entryPoints: [join(root, "main.js")], bundle: true, format: "esm", minify: true, outdir: outDir,
    absWorkingDir: root, metafile: true, logLevel: "silent",
  });
  const ms = Math.round(performance.now() - started);
  // What the docs tell esbuild users: esbuild does not copy the wasm, so the build does (both
  // parts, into one folder: configure({ wasmUrl }) finds the deferred part beside the first).
  mkdirSync(join(outDir, "assets"), { recursive: true });
  for (const f of ["landscape-core.wasm", "landscape-core.deferred.wasm"]) copyFileSync(join(installed, f), join(outDir, "assets", f));
  for (const f of ["index.html", "app.css"]) copyFileSync(join(root, f), join(outDir, f));
  copyData(outDir);
  const bundled = Object.entries(result.metafile.outputs).map(([f, o]) => `${relative("dist", f)} ${o.bytes} B`);
  t.diagnostic(`esbuild ${ms} ms: ${bundled.join(", ")}; copied: assets/landscape-core.wasm ${statSync(join(outDir, "assets", "landscape-core.wasm")).size} B, index.html, app.css`);
  assert.deepEqual(Object.keys(result.metafile.outputs).map((f) => relative("dist", f)), ["main.js"]);

  const { requests } = await drawsUnderStrictCsp("esbuild", outDir);
  const parts = ["/assets/landscape-core.wasm", "/assets/landscape-core.deferred.wasm"];
  for (const p of parts) assert.ok(requests.includes(p), `the page did not fetch ${p}: ${requests.join(", ")}`);
  assert.ok(!requests.some((u) => !parts.includes(u) && u.endsWith(".wasm")), `the page fetched another wasm: ${requests.join(", ")}`);
});

test("the version agrees: package.json, the top of the changelog, the module's banner and stats().version", () => {
  const changelog = readFileSync(join(installed, "CHANGELOG.md"), "utf8");
  const top = /^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$/m.exec(changelog);
  assert.ok(top, "CHANGELOG.md has no `## [x.y.z] - YYYY-MM-DD` entry");
  const version = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")).version;
  assert.equal(top[1], version, "the changelog's newest entry is not the package's version");
  assert.equal(readFileSync(join(ROOT, "docs", "CHANGELOG.md"), "utf8"), changelog, "the packed changelog is not docs/CHANGELOG.md");
  const banner = /^\/\/ Landscape widget (\d+\.\d+\.\d+)/.exec(readFileSync(join(installed, "landscape.js"), "utf8"));
  assert.equal(banner && banner[1], version, "landscape.js's banner names another version");
  for (const bundler of ["vite", "esbuild"]) {
    assert.ok(versionsSeen[bundler], `${bundler}: the widgets did not run, so stats().version is unknown`);
    assert.deepEqual(versionsSeen[bundler], [version, version], `${bundler}: stats().version of the two widgets`);
  }
});
