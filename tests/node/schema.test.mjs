// Validates the data files against data/schema.json (format landscape/1), checks that the demo
// dataset is rebuilt byte for byte by data/build_landscape.py, that hand-written invalid documents
// are refused by the schema, and that the demo dataset's references resolve.
//
//   node --test tests/node/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DATA = join(ROOT, "data");
// The research input lives in the repository (data/research/README.md): this test never skips.
const RESEARCH = join(DATA, "research", "platform_data.json");

const schema = JSON.parse(readFileSync(join(DATA, "schema.json"), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(schema);

function errorsOf(doc) {
  return validate(doc) ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`);
}

const dataFiles = readdirSync(DATA)
  .filter((f) => f.endsWith(".json") && f !== "schema.json")
  .sort();

test("schema declares draft 2020-12", () => {
  assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
});

test("data/ holds at least the demo dataset", () => {
  assert.ok(dataFiles.includes("landscape.json"), `data files: ${dataFiles.join(", ")}`);
});

for (const file of dataFiles) {
  test(`data/${file} is valid landscape/1`, () => {
    const doc = JSON.parse(readFileSync(join(DATA, file), "utf8"));
    assert.deepEqual(errorsOf(doc), []);
  });
}

test("data/landscape.json is what build_landscape.py produces from data/research/", () => {
  assert.ok(existsSync(RESEARCH), `the research input is missing: ${RESEARCH}`);
  try {
    execFileSync("python3", [join(DATA, "build_landscape.py"), "--check"], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    assert.fail(`build_landscape.py --check failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
});

// ---------------------------------------------------------------------------------------------
// Invalid documents: each is a small valid document with one thing broken.

function minimal() {
  return {
    format: "landscape/1",
    title: "Test",
    regions: [{ id: "world", name: "Worldwide", world: true }],
    entities: [{ id: "app", name: "App" }],
    metrics: [{ id: "users", name: "Users", unit: "millions", aggregate: "sum" }],
    sources: [{ id: "src", title: "A source", kind: "company-reported" }],
    observations: [
      { entity: "app", metric: "users", region: "world", period: "2023-Q4", value: 1, source: "src" },
    ],
  };
}

function compact(rows, columns = ["entity", "metric", "region", "period", "value", "source", "confidence", "note"]) {
  const doc = minimal();
  doc.observations = { columns, rows };
  return doc;
}

test("the minimal documents used below are valid", () => {
  assert.deepEqual(errorsOf(minimal()), []);
  assert.deepEqual(errorsOf(compact([["app", "users", "world", "2023-Q4", 1, "src", "reported", null]])), []);
  const unknown = minimal();
  unknown.future_field = { anything: true };
  unknown.observations[0].extra = "ignored with a warning";
  assert.deepEqual(errorsOf(unknown), [], "unknown fields must be allowed");
});

const invalid = {
  "bad period 2023-Q5": (d) => { d.observations[0].period = "2023-Q5"; },
  "bad period month 13": (d) => { d.observations[0].period = "2023-13"; },
  "bad period year 1899": (d) => { d.observations[0].period = "1899"; },
  "bad id with a space and capitals": (d) => { d.entities[0].id = "Bad Id"; },
  "missing title": (d) => { delete d.title; },
  "value is a string": (d) => { d.observations[0].value = "12"; },
  "value is null": (d) => { d.observations[0].value = null; },
  "confidence maybe": (d) => { d.observations[0].confidence = "maybe"; },
  "format landscape/2": (d) => { d.format = "landscape/2"; },
  "format not a landscape format": (d) => { d.format = "geojson"; },
  "colour not #RRGGBB": (d) => { d.entities[0].color = "red"; },
  "decimals 7": (d) => { d.metrics[0].decimals = 7; },
  "aggregate mean": (d) => { d.metrics[0].aggregate = "mean"; },
  "source kind unknown": (d) => { d.sources[0].kind = "rumour"; },
  "country code lower case": (d) => { d.regions[0].countries = ["us"]; },
  "event date not YYYY-MM-DD": (d) => { d.events = [{ date: "2022-11", title: "Launch" }]; },
  "no regions": (d) => { d.regions = []; },
};

for (const [name, breakIt] of Object.entries(invalid)) {
  test(`schema rejects: ${name}`, () => {
    const doc = minimal();
    breakIt(doc);
    assert.notDeepEqual(errorsOf(doc), [], "expected schema errors");
  });
}

test("schema rejects: compact table whose columns miss a required column", () => {
  const doc = compact([["app", "users", "world", 1, "src"]], ["entity", "metric", "region", "value", "source"]);
  assert.notDeepEqual(errorsOf(doc), []);
});

test("schema rejects: compact row with a cell that is not a string, number or null", () => {
  const doc = compact([["app", "users", "world", "2023-Q4", { n: 1 }, "src", null, null]]);
  assert.notDeepEqual(errorsOf(doc), []);
});

test("schema rejects: compact row shorter than the required columns", () => {
  const doc = compact([["app", "users", "world", "2023-Q4"]]);
  assert.notDeepEqual(errorsOf(doc), []);
});

// ---------------------------------------------------------------------------------------------
// The demo dataset: size and references (the rules the schema cannot express).

test("demo dataset: size, ids and references", () => {
  const d = JSON.parse(readFileSync(join(DATA, "landscape.json"), "utf8"));
  assert.ok(Array.isArray(d.observations), "the demo file uses the object form");
  assert.ok(d.observations.length >= 450, `only ${d.observations.length} observations`);

  const ids = {};
  for (const key of ["regions", "entities", "metrics", "sources"]) {
    ids[key] = new Set();
    for (const rec of d[key]) {
      assert.ok(!ids[key].has(rec.id), `duplicate ${key} id ${rec.id}`);
      ids[key].add(rec.id);
    }
  }

  const seen = new Set();
  d.observations.forEach((o, i) => {
    const at = `/observations/${i}`;
    assert.ok(ids.entities.has(o.entity), `${at}/entity: unknown entity ${o.entity}`);
    assert.ok(ids.metrics.has(o.metric), `${at}/metric: unknown metric ${o.metric}`);
    assert.ok(ids.regions.has(o.region), `${at}/region: unknown region ${o.region}`);
    assert.ok(typeof o.source === "string", `${at}/source: every observation needs a source`);
    assert.ok(ids.sources.has(o.source), `${at}/source: unknown source ${o.source}`);
    assert.ok(Number.isFinite(o.value), `${at}/value: not a finite number`);
    const key = `${o.entity}|${o.metric}|${o.region}|${o.period}`;
    assert.ok(!seen.has(key), `${at}: duplicate observation ${key}`);
    seen.add(key);
  });

  for (const e of d.entities) {
    if (e.parent !== undefined) assert.ok(ids.entities.has(e.parent), `entity ${e.id}: unknown parent ${e.parent}`);
  }
  d.events.forEach((ev, i) => {
    for (const e of ev.entities ?? []) assert.ok(ids.entities.has(e), `/events/${i}: unknown entity ${e}`);
    for (const r of ev.regions ?? []) assert.ok(ids.regions.has(r), `/events/${i}: unknown region ${r}`);
    if (ev.source !== undefined) assert.ok(ids.sources.has(ev.source), `/events/${i}: unknown source ${ev.source}`);
  });

  // Every region can be drawn: a world flag or a non-empty country list.
  for (const r of d.regions) {
    assert.ok(r.world === true || (r.countries?.length ?? 0) > 0, `region ${r.id} has no countries`);
  }
  // Every metric, entity and source is used.
  const used = { entities: new Set(), metrics: new Set(), sources: new Set() };
  for (const o of d.observations) {
    used.entities.add(o.entity);
    used.metrics.add(o.metric);
    used.sources.add(o.source);
  }
  for (const ev of d.events) {
    if (ev.source) used.sources.add(ev.source);
    for (const e of ev.entities ?? []) used.entities.add(e);
  }
  for (const m of d.metrics) assert.ok(used.metrics.has(m.id), `metric ${m.id} is unused`);
  for (const s of d.sources) assert.ok(used.sources.has(s.id), `source ${s.id} is unused`);
});

test("demo dataset: country codes are ISO 3166-1 alpha-2 (or XK)", async () => {
  let countries;
  try {
    countries = (await import("i18n-iso-countries")).default;
  } catch {
    return; // the package is a devDependency; without it this check is skipped
  }
  const d = JSON.parse(readFileSync(join(DATA, "landscape.json"), "utf8"));
  const codes = [
    ...d.regions.flatMap((r) => r.countries ?? []),
    ...d.entities.map((e) => e.hq_country).filter(Boolean),
  ];
  for (const c of codes) assert.ok(countries.isValid(c), `unknown country code ${c}`);
});
