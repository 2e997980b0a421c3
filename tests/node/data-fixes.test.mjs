// Pins each fix of the data audit of December 2026 (issue #10 §3; every decision is listed in
// data/README.md) on data/landscape.json as built, and checks the data's own words against the
// research input where a decision follows from them: bounds from the bound words, certainty from
// the research's grading, unchecked relays, attribution of paid third parties, regions, events,
// and metrics that must not join what cannot be compared.
//
//   node --test tests/node/data-fixes.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DATA = join(ROOT, "data");
const data = JSON.parse(readFileSync(join(DATA, "landscape.json"), "utf8"));
const research = JSON.parse(readFileSync(join(DATA, "research", "platform_data.json"), "utf8"));
const observations = data.observations;
const sourceById = new Map(data.sources.map((s) => [s.id, s]));
const metricById = new Map(data.metrics.map((m) => [m.id, m]));
const regionById = new Map(data.regions.map((r) => [r.id, r]));
const keyOf = (o) => `${o.entity}|${o.metric}|${o.region}|${o.period}`;
const byKey = new Map(observations.map((o) => [keyOf(o), o]));
const granularity = (p) => (p.length === 4 ? "year" : p.includes("Q") ? "quarter" : p.length === 7 ? "month" : "day");

// The quality the core derives from a source (wasm/core/dataset.cpp QualityOf).
function qualityOf(s) {
  if (s.kind === "third-party-estimate" || s.kind === "analyst-estimate") return "estimate";
  if (s.relay_of) return s.checked ? "relay-checked" : "relay-unchecked";
  return { "company-reported": "primary", "media-report": "media" }[s.kind] ?? "other";
}

//-----------------------------------------------------------------------------
// Events
//-----------------------------------------------------------------------------

test("Twitter's acquisition is dated 27 October 2022, the day it closed, and says where the day comes from", () => {
  const e = data.events.find((x) => x.entities[0] === "x-twitter");
  assert.ok(e, "no Twitter event");
  assert.equal(e.date, "2022-10-27");
  assert.match(e.detail, /research gives only the year/);
});

test("events whose day the research gives are drawn on that day; the others say they are drawn on a first day", () => {
  const on = (entity, title) => data.events.find((x) => x.entities[0] === entity && x.title.includes(title));
  assert.equal(on("instagram", "Instagram passed 2 billion").date, "2022-10-26"); // "Disclosed on Q3 2022 earnings (26 Oct 2022)"
  assert.equal(on("reddit", "Reddit IPO").date, "2024-03-21"); // "exact IPO date (Mar 21, 2024)"
  for (const e of data.events) {
    if (!/-01$/.test(e.date)) continue;
    assert.match(e.detail, /drawn on the (month|quarter|year)'s first day/, `${e.date} ${e.title}: a first day that is not the event's own day must say so`);
  }
  // No event is drawn on 1 January of a year it only names.
  assert.ok(!data.events.some((e) => /-01-01$/.test(e.date) && /year only/.test(e.detail)));
});

//-----------------------------------------------------------------------------
// Regions
//-----------------------------------------------------------------------------

test("WeChat's and Rednote's users, mostly in China, are filed under China with the qualifier in the note", () => {
  const wechat = observations.filter((o) => o.entity === "wechat" && o.metric === "wechat-combined-mau");
  assert.equal(wechat.length, 5);
  for (const o of wechat) {
    assert.equal(o.region, "cn");
    assert.match(o.note, /Worldwide \(mostly mainland China\)/);
  }
  const rednote = byKey.get("xiaohongshu|mau-stated|cn|2025-01");
  assert.ok(rednote, "Rednote's MAU estimate is not under China");
  assert.match(rednote.note, /Worldwide \(mostly China\)/);
  // Nothing "mostly China" is left under the whole world.
  assert.deepEqual(observations.filter((o) => o.region === "world" && /mostly (mainland )?China/.test(o.note)).map(keyOf), []);
});

test("Snap's and Pinterest's Europe say that Meta's 58-country list is reused", () => {
  const meta = regionById.get("meta-europe").countries;
  assert.equal(meta.length, 58);
  for (const id of ["snap-europe", "pinterest-europe"]) {
    const r = regionById.get(id);
    assert.deepEqual(r.countries, meta);
    assert.match(r.note, /^Meta's 58-country list reused/);
  }
});

//-----------------------------------------------------------------------------
// Metrics: what may be compared
//-----------------------------------------------------------------------------

test("every metric declares its period kind; money totals and ARPU are flows, user counts are levels", () => {
  for (const m of data.metrics) assert.ok(m.period_kind === "flow" || m.period_kind === "level", `${m.id}: period_kind ${m.period_kind}`);
  for (const id of ["revenue", "revenue-rmb", "ad-revenue-rmb", "revenue-by-user-geography", "facebook-arpu", "snapchat-arpu",
    "revenue-growth-by-user-geography", "us-app-downloads"]) assert.equal(metricById.get(id).period_kind, "flow", id);
  for (const id of ["facebook-dau", "facebook-mau", "snapchat-mau", "youtube-logged-in-monthly", "mau-stated", "kakaotalk-mau",
    "paid-subscribers"]) assert.equal(metricById.get(id).period_kind, "level", id);
});

test("only money flows in one currency are summed across entities, and they add up over regions", () => {
  const summed = data.metrics.filter((m) => m.sum_across_entities === true);
  assert.ok(summed.length > 0);
  for (const m of summed) {
    assert.equal(m.period_kind, "flow", m.id);
    assert.equal(m.aggregate, "sum", m.id);
    assert.match(m.unit, /^(USD|RMB) (millions|billions)$/, `${m.id}: ${m.unit}`);
  }
  for (const m of data.metrics)
    if (/users|people|subscribers|identities/.test(m.unit)) assert.notEqual(m.sum_across_entities, true, `${m.id}: users are never added across platforms`);
  // A company's value is not spread over regions.
  for (const id of ["valuation", "market-cap"]) assert.equal(metricById.get(id).aggregate, "none", id);
});

test("series that join granularities are flows the views must split, or levels; the count is what the build reports", () => {
  const series = new Map();
  for (const o of observations) {
    const k = `${o.metric}|${o.entity}|${o.region}`;
    if (!series.has(k)) series.set(k, new Set());
    series.get(k).add(granularity(o.period));
  }
  const mixed = [...series].filter(([, g]) => g.size > 1).map(([k]) => k.split("|")[0]);
  const flows = mixed.filter((m) => metricById.get(m).period_kind === "flow");
  // The audit's 13 flow series (9 in revenue, revenue-rmb, ad-revenue-rmb; 4 in revenue growth):
  // the file may hold them, and period_kind tells every view to keep their granularities apart.
  assert.equal(flows.length, 13, flows.join(", "));
  assert.deepEqual([...new Set(flows)].sort(), ["ad-revenue-rmb", "revenue", "revenue-growth-by-user-geography", "revenue-rmb"]);
  const report = JSON.parse(execFileSync("python3", [join(DATA, "build_landscape.py"), "--report"], { encoding: "utf8" }));
  assert.equal(report.series_mixing_granularities, mixed.length);
});

test("KakaoTalk's quarterly averages are a metric of their own, never joined with the other quarterly figures", () => {
  const avg = observations.filter((o) => o.metric === "kakaotalk-mau-quarterly-average");
  assert.deepEqual(avg.map((o) => o.period), ["2018-Q1", "2019-Q1", "2019-Q4", "2020-Q1"]);
  const rest = observations.filter((o) => o.metric === "kakaotalk-mau");
  assert.ok(rest.length > 0);
  assert.ok(rest.every((o) => o.period >= "2022"), "a 2018-2020 quarterly average is still in kakaotalk-mau");
  assert.equal(metricById.get("kakaotalk-mau-quarterly-average").period_kind, "level");
});

test("week averages are never filed as single days", () => {
  for (const day of ["2025-01-06", "2025-01-07"]) assert.ok(!observations.some((o) => o.period === day), `a value is filed on ${day}`);
  const weeks = observations.filter((o) => /\bweek\b/i.test(o.note) && /average/i.test(o.note));
  assert.equal(weeks.length, 2);
  for (const o of weeks) {
    assert.equal(o.metric, "us-dau-similarweb-week-average");
    assert.equal(granularity(o.period), "month");
  }
  assert.ok(!observations.some((o) => o.metric === "us-dau-similarweb" && /\bweek\b/.test(o.note)));
});

//-----------------------------------------------------------------------------
// Bounds
//-----------------------------------------------------------------------------

// The test's own reading of the bound words (the contract's, and "fewer than", "crossed").
const BOUND_WORDS = /\b(more than|exceed(?:s|ed)?|at least|over|surpass(?:es|ed)?|up to|less than|fewer than|cross(?:es|ed))\b/i;
const review = JSON.parse(execFileSync("python3", [join(DATA, "build_landscape.py"), "--bound-review"], { encoding: "utf8" }));

test("every research row with a bound word is reviewed: a bound in the data, or not a bound with the reason", () => {
  const withWords = research.observations
    .map((r, i) => [i, ["metric", "period", "unit", "source_title", "confidence"].some((f) => BOUND_WORDS.test(String(r[f])))])
    .filter(([, has]) => has)
    .map(([i]) => i);
  assert.deepEqual(review.map((r) => r.row), withWords, "the build's review and the research's bound words differ");
  for (const r of review) {
    if (r.observation === null) continue; // a row left out (listed in data/README.md)
    const o = byKey.get(keyOf(r.observation));
    assert.ok(o, `row ${r.row}: no observation ${keyOf(r.observation)}`);
    assert.equal(o.bound ?? null, r.bound, `row ${r.row} (${keyOf(o)}): the data's bound and the review differ`);
    assert.ok(r.reason && r.reason.length > 5, `row ${r.row}: a decision without its reason`);
  }
});

test("bounds: 17 lower and 1 upper, each from a reviewed bound word, each saying so in its note", () => {
  const bounds = observations.filter((o) => o.bound);
  const reviewed = new Set(review.filter((r) => r.bound && r.observation).map((r) => keyOf(r.observation)));
  assert.equal(bounds.filter((o) => o.bound === "lower").length, 17);
  assert.equal(bounds.filter((o) => o.bound === "upper").length, 1);
  for (const o of bounds) {
    assert.ok(reviewed.has(keyOf(o)), `${keyOf(o)}: a bound no bound word asks for`);
    assert.match(o.note, /(lower|upper) bound/, keyOf(o));
  }
  assert.equal(byKey.get("xiaohongshu|us-dau-similarweb|us|2025-01-12").bound, "upper"); // "fewer than 700,000"
  assert.equal(byKey.get("facebook|mau-stated|world|2025-01").bound, "lower"); // "more than three billion"
  // An approximation is not a bound.
  assert.ok(!observations.some((o) => o.bound && /^Approximate/.test(o.note)));
});

//-----------------------------------------------------------------------------
// Certainty, relays, spam, attribution
//-----------------------------------------------------------------------------

test("the nine Facebook ARPU values the research marks 'medium confidence' are graded medium, and no others", () => {
  const medium = observations.filter((o) => o.certainty === "medium");
  assert.equal(medium.length, 9);
  for (const o of medium) {
    assert.equal(o.metric, "facebook-arpu");
    assert.match(o.note, /Treat as medium confidence/);
  }
  assert.equal(observations.filter((o) => /medium confidence/.test(o.note)).length, 9);
  // Every grade of the research's words is carried.
  for (const o of observations)
    if (/LOW RELIABILITY|low confidence|low-quality|low precision/.test(o.note)) assert.equal(o.certainty, "low", keyOf(o));
});

test("the 45 revenue-by-user-geography values of the blog-hosted transcription are an unchecked relay of Meta's slides", () => {
  const blog = [...sourceById.values()].find((s) => s.url.includes("theindiaportfolio.com"));
  assert.ok(blog);
  assert.match(blog.relay_of, /Meta Platforms Q3 2025 earnings presentation/);
  assert.equal(blog.checked, false);
  assert.equal(qualityOf(blog), "relay-unchecked");
  const values = observations.filter((o) => o.source === blog.id);
  assert.equal(values.length, 45);
  assert.ok(values.every((o) => o.metric === "revenue-by-user-geography" && /not checked against the original/.test(o.note)));
  assert.equal(observations.filter((o) => o.metric === "revenue-by-user-geography").length, 65);
});

test("a company's figures read anywhere but its own site or filing are relays, none checked; 28 values are primary", () => {
  const primaryHost = /sec\.gov\/|investor\.snap\.com\/|ir\.kuaishou\.com\/|z-holdings\.co\.jp\//;
  for (const s of data.sources) {
    if (s.kind !== "company-reported") continue;
    if (primaryHost.test(s.url)) assert.equal(s.relay_of, undefined, s.id);
    else {
      assert.ok(s.relay_of, `${s.id}: a company's figures on ${s.url} without relay_of`);
      assert.equal(s.checked, false, s.id);
    }
  }
  for (const s of data.sources) if ("checked" in s) assert.ok(s.relay_of, `${s.id}: checked without relay_of`);
  assert.equal(observations.filter((o) => qualityOf(sourceById.get(o.source)) === "primary").length, 28);
});

test("figures from spam-looking relay pages are kept only as low certainty, and say why", () => {
  const spam = observations.filter((o) => /dzlietou\.com|bdghimsw7\.asia/.test(sourceById.get(o.source).url));
  assert.equal(spam.length, 4);
  for (const o of spam) {
    assert.equal(o.certainty, "low", keyOf(o));
    assert.match(o.note, /looks like spam; no other source in the research gives this figure/);
  }
});

test("each paid third party's figures carry an attribution naming it, shown with every value", () => {
  const FIRMS = ["Statista", "eMarketer", "WARC", "Strategy Analytics", "Sensor Tower", "Appfigures", "Similarweb", "Qian Gua", "IGAWorks",
    "WiseApp", "Kepios", "GWI", "UBS"];
  let attributed = 0;
  for (const o of observations) {
    const s = sourceById.get(o.source);
    if (s.kind !== "third-party-estimate" && s.kind !== "media-report") continue;
    const confidence = (o.note.match(/Research confidence: (.*)$/) || [, ""])[1];
    const named = FIRMS.filter((f) => confidence.includes(f) || s.title.includes(f));
    for (const firm of named) {
      assert.ok(s.attribution && s.attribution.includes(firm), `${keyOf(o)}: a figure of ${firm} (source ${s.id}) without its attribution`);
    }
    if (named.length) attributed++;
  }
  assert.ok(attributed >= 45, `only ${attributed} values name a paid third party`);
  // The company's own figures on a page that also quotes a firm are not attributed to the firm.
  const kakao = byKey.get("kakaotalk|kakaotalk-mau|kr|2023-Q1");
  assert.equal(sourceById.get(kakao.source).attribution, undefined);
  assert.match(sourceById.get(byKey.get("kakaotalk|kr-messenger-mau-panel|kr|2024-03").source).attribution, /IGAWorks/);
  assert.match(data.license, /carry their own attribution/);
});
