// A clone holds everything its README names: every relative link in the README and the docs
// finds its file (and its heading, for #anchors), the README links the three contracts and its
// three embedding snippets link into docs/embedding.md, and the README, docs/ and data/ point
// at nothing outside the clone (the one exception, the JSONTestSuite run that uses the folder
// beside the clone when CI has it, must say so).
//
//   node --test tests/node/standalone.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { dirname, join, resolve, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const read = (path) => readFileSync(path, "utf8");

// The Markdown a reader of the clone meets first.
const DOCS = ["README.md", "data/README.md", "data/research/README.md",
  ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

// GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen.
const slug = (title) => title.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");

function headingAnchors(markdown) {
  const out = new Set();
  let inFence = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) inFence = !inFence;
    const m = !inFence && /^#{1,6} (.+)$/.exec(line);
    if (m) out.add(slug(m[1].trim()));
  }
  return out;
}

// [text](target) links outside code fences and inline code.
function links(markdown) {
  const out = [];
  let inFence = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) { inFence = !inFence; continue; }
    if (inFence) continue;
    for (const m of line.replace(/`[^`]*`/g, "").matchAll(/\]\(([^)\s]+)\)/g)) out.push(m[1]);
  }
  return out;
}

test("every relative link of the README and the docs finds its file and heading", () => {
  const broken = [];
  for (const doc of DOCS) {
    const text = read(join(ROOT, doc));
    for (const target of links(text)) {
      if (/^[a-z]+:/i.test(target)) continue;                  // https:, mailto: ...
      const [path, anchor] = target.split("#");
      const file = path ? resolve(dirname(join(ROOT, doc)), path) : join(ROOT, doc);
      if (!existsSync(file)) { broken.push(`${doc}: ${target} (no such file)`); continue; }
      if (relative(ROOT, file).startsWith("..")) { broken.push(`${doc}: ${target} (outside the clone)`); continue; }
      if (anchor && file.endsWith(".md") && !headingAnchors(read(file)).has(anchor)) broken.push(`${doc}: ${target} (no such heading)`);
    }
  }
  assert.deepEqual(broken, []);
});

test("the README links the format, the embedding reference and the changelog", () => {
  const readme = read(join(ROOT, "README.md"));
  for (const doc of ["docs/format.md", "docs/embedding.md", "docs/CHANGELOG.md", "data/research/README.md"]) {
    assert.ok(links(readme).some((l) => l.split("#")[0] === doc), `README.md does not link ${doc}`);
  }
});

test("each of the README's three embedding snippets links into its section of docs/embedding.md", () => {
  const readme = read(join(ROOT, "README.md"));
  const embedding = readme.slice(readme.indexOf("## Embedding"), readme.indexOf("\n## ", readme.indexOf("## Embedding") + 1));
  const targets = links(embedding);
  for (const anchor of ["1-script-embed-the-main-one", "2-custom-element", "3-iframe"]) {
    assert.ok(targets.includes(`docs/embedding.md#${anchor}`), `README's Embedding section has no link to docs/embedding.md#${anchor}`);
  }
});

test("the README, docs/ and data/ point at nothing beside the clone, except the JSONTestSuite note", () => {
  const outside = ["..", "shared"].join("/");
  const files = [...DOCS];
  const walk = (dir) => {
    for (const name of readdirSync(join(ROOT, dir))) {
      const path = `${dir}/${name}`;
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else if (/\.(md|py|json|mjs|js)$/.test(name) && !files.includes(path)) files.push(path);
    }
  };
  walk("docs");
  walk("data");
  const found = [];
  for (const file of files) {
    read(join(ROOT, file)).split("\n").forEach((line, i) => {
      if (line.includes(outside) && !/jsontestsuite/i.test(line)) found.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  assert.deepEqual(found, []);
  const readme = read(join(ROOT, "README.md"));
  assert.match(readme, /JSONTestSuite[^\n]*\n?[^\n]*jsontestsuite/i, "the README must say that the JSONTestSuite run uses the folder beside the clone");
});
