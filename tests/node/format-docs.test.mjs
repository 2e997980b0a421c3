// docs/format.md and data/schema.json describe the same format: every field of every record kind
// in the schema has a row in that kind's field table in format.md and every row names a schema
// field, with the same required flag and the same allowed values. The loader's side of the same
// agreement is tests/test_format_contract.cpp (native: it asks the loader's own field lookup).
// Also: format.md keeps the section names of the FORMAT.md it grew from, its index links every
// section, and its example file is valid.
//
//   node --test tests/node/format-docs.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const schema = JSON.parse(readFileSync(join(ROOT, "data", "schema.json"), "utf8"));
const formatMd = readFileSync(join(ROOT, "docs", "format.md"), "utf8");

// Section of format.md -> the schema object whose properties are that record kind's fields.
const KINDS = [
  ["Top level (one JSON object)", schema],
  ["Region", schema.$defs.region],
  ["Entity", schema.$defs.entity],
  ["Metric", schema.$defs.metric],
  ["A metric's as_of_limit", schema.$defs.asOfLimit],
  ["Source", schema.$defs.source],
  ["Observation", schema.$defs.observation],
  ["Compact table form (for large files)", schema.$defs.compactTable],
  ["Event", schema.$defs.event],
];

// The sections of the FORMAT.md this document started from: they may be extended, never renamed.
const FORMAT_SECTIONS = [
  "Top level (one JSON object)", "Ids", "Region", "Entity", "Metric", "Source", "Observation",
  "Compact table form (for large files)", "Event", "Errors",
  "Limits the loader enforces (with a clear error, never a crash)",
];

// "## Title" -> body text, in document order.
function sections(markdown) {
  const out = new Map();
  let title = null;
  let inFence = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) inFence = !inFence;
    const m = !inFence && /^## (.+)$/.exec(line);
    if (m) { title = m[1].trim(); out.set(title, []); continue; }
    if (title) out.get(title).push(line);
  }
  return new Map([...out].map(([k, v]) => [k, v.join("\n")]));
}

function cells(row) {
  return row.replace(/^\|/, "").replace(/\|\s*$/, "").split(/(?<!\\)\|/).map((c) => c.trim());
}

// The first table in a section whose header starts with "field": one entry per field name written
// in backticks in the first cell (a row may name several: `edition`, `publisher`, ...).
function fieldTable(body) {
  const lines = body.split("\n");
  const start = lines.findIndex((l) => l.startsWith("|") && cells(l)[0] === "field");
  if (start < 0) return null;
  const header = cells(lines[start]);
  const rows = new Map();
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    const row = cells(line);
    const names = [...row[0].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    assert.ok(names.length > 0, `a field row names no field in backticks: ${line}`);
    const entry = Object.fromEntries(header.map((h, i) => [h, row[i] ?? ""]));
    for (const name of names) {
      assert.ok(!rows.has(name), `field ${name} has two rows`);
      rows.set(name, entry);
    }
  }
  return rows;
}

// A property's schema with $ref followed (enums such as confidence live in $defs).
function deref(prop) {
  let p = prop;
  while (p && p.$ref) p = p.$ref.replace(/^#\//, "").split("/").reduce((o, k) => o[k], schema);
  return p;
}

const docSections = sections(formatMd);

test("format.md keeps every section of the FORMAT.md it grew from", () => {
  const missing = FORMAT_SECTIONS.filter((s) => !docSections.has(s));
  assert.deepEqual(missing, [], `sections renamed or gone: ${missing.join("; ")}`);
});

test("format.md's index links every section, and every link finds its section", () => {
  const index = docSections.get("Index");
  assert.ok(index, "format.md has no ## Index");
  const slug = (title) => title.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").trim().replace(/\s/g, "-");
  const anchors = new Map([...docSections.keys()].map((t) => [slug(t), t]));
  const linked = [...index.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
  for (const a of linked) assert.ok(anchors.has(a), `index link #${a} matches no section`);
  const notLinked = [...anchors].filter(([a, t]) => t !== "Index" && !linked.includes(a)).map(([, t]) => t);
  assert.deepEqual(notLinked, [], `sections missing from the index: ${notLinked.join("; ")}`);
});

for (const [section, kind] of KINDS) {
  test(`format.md's "${section}" table and the schema list the same fields`, () => {
    const body = docSections.get(section);
    assert.ok(body != null, `format.md has no section "${section}"`);
    const rows = fieldTable(body);
    assert.ok(rows, `the "${section}" section has no field table (| field | type | req. | meaning |)`);
    const inSchema = Object.keys(kind.properties).sort();
    const inDoc = [...rows.keys()].sort();
    const undocumented = inSchema.filter((f) => !rows.has(f));
    const notInSchema = inDoc.filter((f) => !(f in kind.properties));
    assert.deepEqual(undocumented, [], `schema fields with no row in format.md's ${section} table`);
    assert.deepEqual(notInSchema, [], `format.md's ${section} table documents fields the schema does not have`);
  });

  test(`format.md's "${section}" table has the schema's required fields and allowed values`, () => {
    const rows = fieldTable(docSections.get(section) || "") || new Map();
    const required = new Set(kind.required || []);
    for (const [name, row] of rows) {
      if (!(name in kind.properties)) continue;   // reported by the test above
      const req = (row["req."] || "").toLowerCase();
      assert.equal(req.startsWith("yes"), required.has(name),
        `${section}.${name}: format.md says req. "${row["req."]}", the schema says ${required.has(name) ? "required" : "optional"}`);
      const prop = deref(kind.properties[name]);
      for (const value of prop.enum || []) {
        const text = `${row.type} ${row.meaning}`;
        assert.ok(text.includes(`\`"${value}"\``),
          `${section}.${name}: the allowed value "${value}" is not in format.md's row (${text})`);
      }
    }
  });
}

test("format.md's minimal file is valid against the schema", () => {
  const body = docSections.get("A minimal file");
  assert.ok(body, "format.md has no ## A minimal file");
  const m = /```json\n([\s\S]*?)\n```/.exec(body);
  assert.ok(m, "the section has no ```json block");
  const doc = JSON.parse(m[1]);
  const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
  assert.ok(validate(doc), JSON.stringify(validate.errors));
});
