// The widget's JavaScript stays in small modules with one job each (issue #11 §2), and only
// core.js talks to the wasm: every `ls_*` export is wrapped once there, so the time, pointers
// and strings in wasm memory are handled in one place.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = join(root, "web", "widget");
const MaxLines = 300;

const modules = readdirSync(dir).filter((f) => f.endsWith(".js")).sort()
  .map((name) => ({ name, text: readFileSync(join(dir, name), "utf8") }));

test("the widget is split into modules, and the single-file widget is gone", () => {
  assert.ok(modules.length >= 8, `expected the widget in several modules under web/widget/, found ${modules.map((m) => m.name)}`);
  assert.ok(!existsSync(join(root, "web", "landscape-widget.js")), "web/landscape-widget.js is back: the bundle no longer reads it");
});

test("only core.js calls the wasm's exports (module._ls_*)", () => {
  const calling = modules.filter((m) => /\._ls_/.test(m.text)).map((m) => m.name);
  assert.deepEqual(calling, ["core.js"], `modules calling module._ls_*: ${calling.join(", ")}`);
  // Not by another spelling either (module["_ls_" + name]).
  const naming = modules.filter((m) => m.name !== "core.js" && /_ls_/.test(m.text)).map((m) => m.name);
  assert.deepEqual(naming, [], `modules naming the wasm's exports: ${naming.join(", ")}`);
});

test("every wasm export core.js calls is a function of web_api.cpp (no typo passes silently)", () => {
  const api = readFileSync(join(root, "wasm", "platform", "web_api.cpp"), "utf8");
  const exported = new Set([...api.matchAll(/EMSCRIPTEN_KEEPALIVE\s+[\w\s*]+?\b(ls_\w+)\s*\(/g)].map((m) => m[1]));
  const core = modules.find((m) => m.name === "core.js").text;
  const called = new Set([...core.matchAll(/\._(ls_\w+)/g)].map((m) => m[1]));
  // ls_state_problems may be missing from an older wasm: core.js checks for it before calling.
  const unknown = [...called].filter((name) => !exported.has(name) && name !== "ls_state_problems");
  assert.deepEqual(unknown, [], `core.js calls exports web_api.cpp does not have: ${unknown.join(", ")}`);
  const unused = [...exported].filter((name) => !called.has(name) && name !== "ls_set_clipboard");
  assert.deepEqual(unused, [], `web_api.cpp exports that no wrapper calls: ${unused.join(", ")}`);
});

test(`each widget module stays small (at most ${MaxLines} lines) and opens with what it is for`, () => {
  for (const { name, text } of modules) {
    const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
    assert.ok(lines <= MaxLines, `web/widget/${name} has ${lines} lines (limit ${MaxLines}): split it by job`);
    assert.match(text, /^\/\/ \S/, `web/widget/${name} does not open with a comment saying what it is for`);
  }
});
