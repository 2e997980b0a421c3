// docs/embedding.md is the full reference of the package's API, and its TypeScript signatures are
// those of web/package/landscape.d.ts: every interface, type and function declared there is
// written in one of the doc's ```ts blocks with the same members, and nothing in those blocks is
// declared differently (or not at all) in the .d.ts. Both sides are parsed with the pinned
// TypeScript compiler, so formatting does not matter and a changed signature does.
// Also: embedding.md keeps the section names of the EMBED.md it grew from, and its index works.
//
//   node --test tests/node/embedding-docs.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dtsText = readFileSync(join(ROOT, "web", "package", "landscape.d.ts"), "utf8");
const docText = readFileSync(join(ROOT, "docs", "embedding.md"), "utf8");

// The sections of the EMBED.md this document started from: extended, never renamed.
const EMBED_SECTIONS = [
  "1. Script embed (the main one)", "2. Custom element", "3. Iframe", "Offline demo",
  "Good manners inside someone else's page",
];

const squash = (text) => text.replace(/\s+/g, " ").replace(/\s*;\s*$/, "").trim();

// name -> { kind, heritage, members: sorted normalised member texts } or { kind, text }, for the
// interfaces, type aliases and functions of a TypeScript text (JSDoc left out: getText() starts
// after it). Declarations inside `declare global` augment the DOM's own types: not ours to list.
function declarations(text, file) {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out = new Map();
  const add = (name, decl) => {
    assert.ok(!out.has(name), `${file}: ${name} is declared twice`);
    out.set(name, decl);
  };
  for (const node of sf.statements) {
    if (ts.isInterfaceDeclaration(node)) {
      add(node.name.text, {
        kind: "interface",
        heritage: (node.heritageClauses || []).map((h) => squash(h.getText(sf))).join(" "),
        members: node.members.map((m) => squash(m.getText(sf))).sort(),
      });
    } else if (ts.isTypeAliasDeclaration(node)) {
      add(node.name.text, { kind: "type", text: squash(`type ${node.name.text}${node.typeParameters ? `<${node.typeParameters.map((p) => p.getText(sf)).join(", ")}>` : ""} = ${node.type.getText(sf)}`) });
    } else if (ts.isFunctionDeclaration(node) && node.name) {
      const params = node.parameters.map((p) => p.getText(sf)).join(", ");
      add(node.name.text, { kind: "function", text: squash(`function ${node.name.text}(${params}): ${node.type ? node.type.getText(sf) : "void"}`) });
    }
  }
  return out;
}

function tsBlocks(markdown) {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]).join("\n");
}

function headings(markdown) {
  const out = [];
  let inFence = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) inFence = !inFence;
    const m = !inFence && /^(#{2,4}) (.+)$/.exec(line);
    if (m) out.push(m[2].trim());
  }
  return out;
}

// GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen.
export const slug = (title) => title.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");

const declared = declarations(dtsText, "landscape.d.ts");
const documented = declarations(tsBlocks(docText), "embedding.md");

test("the .d.ts declares what the doc must cover (the parse found it)", () => {
  for (const name of ["createLandscape", "configure", "LandscapeOptions", "LandscapeWidget", "LandscapeEventMap", "SocialLandscapeElement", "Problem"]) {
    assert.ok(declared.has(name), `landscape.d.ts has no ${name}: did the parse miss it?`);
  }
});

test("every declaration of landscape.d.ts is in embedding.md as declared", () => {
  const missing = [...declared.keys()].filter((n) => !documented.has(n));
  assert.deepEqual(missing, [], `declared in landscape.d.ts but not in any \`\`\`ts block of embedding.md`);
  for (const [name, d] of declared) {
    const doc = documented.get(name);
    assert.equal(doc.kind, d.kind, `${name}: a ${d.kind} in landscape.d.ts, a ${doc.kind} in embedding.md`);
    if (d.kind === "interface") {
      assert.equal(doc.heritage, d.heritage, `${name}: extends differ`);
      assert.deepEqual(doc.members.filter((m) => !d.members.includes(m)), [], `${name}: members in embedding.md that landscape.d.ts declares otherwise or not at all`);
      assert.deepEqual(d.members.filter((m) => !doc.members.includes(m)), [], `${name}: members of landscape.d.ts missing from embedding.md (or written differently)`);
    } else {
      assert.equal(doc.text, d.text, `${name} differs`);
    }
  }
});

test("embedding.md declares nothing that landscape.d.ts does not", () => {
  const extra = [...documented.keys()].filter((n) => !declared.has(n));
  assert.deepEqual(extra, [], "in embedding.md's ```ts blocks but not in landscape.d.ts");
});

test("embedding.md keeps every section of the EMBED.md it grew from", () => {
  const have = new Set(headings(docText));
  assert.deepEqual(EMBED_SECTIONS.filter((s) => !have.has(s)), [], "sections renamed or gone");
});

test("embedding.md's own links (#anchors) all find a heading, and the index lists every section", () => {
  const anchors = new Set(headings(docText).map(slug));
  const links = [...docText.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
  assert.deepEqual(links.filter((a) => !anchors.has(a)), [], "links to no heading");
  const index = docText.slice(docText.indexOf("## Index"), docText.indexOf("\n## ", docText.indexOf("## Index") + 1));
  const sections = [...docText.matchAll(/^## (.+)$/gm)].map((m) => m[1]).filter((t) => t !== "Index");
  assert.deepEqual(sections.filter((t) => !index.includes(`](#${slug(t)})`)), [], "sections missing from the index");
});
