// The demo article (web/index.html) says only what the data show: every number a reader meets on
// the page is a figure found in data/landscape.json, or a period that the data cover.
//
// The rule, strict but workable:
// - A figure is `<data value="V" data-entity="E" data-metric="M" data-region="R" data-period="P">`
//   and text. The data file must hold an observation (E, M, R, P) whose value is exactly V; the
//   text must be V as rounded for display ("$20.4 billion" for 20371 USD millions, "53.6 million"
//   for 53.571 millions), with the currency, scale word or sign the metric's unit calls for.
//   A figure that is not a plain report says so: `data-confidence` must match an estimate or a
//   forecast (and may not be written on a reported figure), and `data-bound` must match a bound.
// - A period named in the prose is `<span data-period="P">` whose text is P written out
//   ("Q4 2021", "2022", "January 2025", "26 January 2025") and which the data hold (a year: some
//   observation falls in it).
// - Each figure's period is named by such a span in the same paragraph (or caption or heading),
//   so the prose cannot put a Q4 2021 figure beside the words "Q1 2022".
//   So must a figure the research grades "medium" or "low" (`certainty`): `data-certainty`.
// - No other digit anywhere in the page's text, title or text attributes (alt, title, aria-*).
//   "806 million", "2021" or "20 %" with no markup fail: a number is either a figure from the
//   data or a period the data cover; shares and ratios the article would compute are not quoted.
// - A widget whose initial state is written beside its caption (`data-state` inside a `<figure>`)
//   opens on a period, and its caption quotes every value the widget shows at that state (each
//   observation of its metric, entities and period) and nothing of another metric or period.
//
// The checks run on the real page and data, and on broken copies of the page, so the test is
// seen to fail when a value, period, region or stray number is wrong.
//
//   node --test tests/node/article-figures.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const read = (path) => readFileSync(join(ROOT, path), "utf8");

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

// The observations of a landscape/1 file in either form (array of objects, or compact table).
function observationsOf(data) {
  const obs = data.observations;
  if (Array.isArray(obs)) return obs;
  return obs.rows.map((row) => Object.fromEntries(obs.columns.map((c, i) => [c, row[i]])));
}

// A period as the article writes it; null when the period is not well formed.
function periodText(period) {
  let m;
  if ((m = /^(\d{4})$/.exec(period))) return m[1];
  if ((m = /^(\d{4})-Q([1-4])$/.exec(period))) return `Q${m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-(\d{2})$/.exec(period)) && +m[2] >= 1 && +m[2] <= 12) return `${MONTHS[m[2] - 1]} ${m[1]}`;
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period)) && +m[2] >= 1 && +m[2] <= 12 && +m[3] >= 1 && +m[3] <= 31) {
    return `${+m[3]} ${MONTHS[m[2] - 1]} ${m[1]}`;
  }
  return null;
}

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
function decode(text) {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(+d))
    .replace(/&([a-z]+);/gi, (all, name) => ENTITIES[name.toLowerCase()] ?? all);
}
const words = (html) => decode(html.replace(/<[^>]*>/g, "")).replace(/\s+/g, " ").trim();

function attributes(tagText) {
  const out = {};
  for (const m of tagText.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out[m[1].toLowerCase()] = decode(m[2] ?? m[3]);
  }
  return out;
}

// The displayed number of a figure's text, and what it means in the metric's unit.
// Returns { number, decimals, scale } or a string saying why the text does not fit the unit.
function readFigureText(text, unit) {
  const m = /^(\$)?(No\. )?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?: (million|billion)| ?(%))?$/.exec(text);
  if (!m) return `"${text}" is not a number as the article writes one ($1,234.5, 806 million, 3.07 billion, 70 %, No. 1)`;
  const [, dollar, rank, whole, fraction = "", scaleWord, percent] = m;
  const money = /\bUSD\b/.test(unit);
  if (money !== Boolean(dollar)) return money ? `"${text}" lacks the "$" of its unit "${unit}"` : `"${text}" has a "$" but its unit is "${unit}"`;
  if ((unit === "rank") !== Boolean(rank)) return unit === "rank" ? `"${text}" is a rank: write it "No. N"` : `"${text}" reads as a rank but its unit is "${unit}"`;
  if (unit.startsWith("%") !== Boolean(percent)) return percent ? `"${text}" has a "%" but its unit is "${unit}"` : `"${text}" lacks the "%" of its unit "${unit}"`;
  const unitScale = /^(USD )?millions\b/.test(unit) ? 1e6 : /^(USD )?billions\b/.test(unit) ? 1e9 : 1;
  let scale = 1;
  if (scaleWord) {
    if (unitScale === 1) return `"${text}" says ${scaleWord} but its unit "${unit}" has no scale`;
    scale = (scaleWord === "million" ? 1e6 : 1e9) / unitScale;
    if (scale < 1) return `"${text}" says ${scaleWord} but the unit "${unit}" counts in larger steps`;
  } else if (unitScale !== 1) {
    return `"${text}" needs its scale word (million or billion): the unit is "${unit}"`;
  }
  return { number: Number(whole.replace(/,/g, "") + (fraction ? `.${fraction}` : "")), decimals: fraction.length, scale };
}

// Every problem with the page, as plain sentences (empty: the article says only what the data show).
// `html` is index.html's text; `data` the parsed landscape.json.
export function articleProblems(html, data) {
  const problems = [];
  const obs = observationsOf(data);
  const key = (o) => `${o.entity}|${o.metric}|${o.region}|${o.period}`;
  const byKey = new Map(obs.map((o) => [key(o), o]));
  const ids = (list) => new Set((list || []).map((x) => x.id));
  const known = { entity: ids(data.entities), metric: ids(data.metrics), region: ids(data.regions) };
  const metrics = new Map((data.metrics || []).map((m) => [m.id, m]));
  const periods = new Set(obs.map((o) => o.period));
  const years = new Set(obs.map((o) => o.period.slice(0, 4)));

  const title = /<title>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? "";
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1];
  if (body === undefined) return ["index.html has no <body>"];
  const page = body.replace(/<!--[\s\S]*?-->/g, "").replace(/<script\b[\s\S]*?<\/script>/gi, "");

  // Figures.
  const figures = [];
  for (const m of page.matchAll(/<data\b([^>]*)>([\s\S]*?)<\/data>/gi)) {
    const a = attributes(m[1]);
    const text = words(m[2]);
    const f = { at: m.index, text, entity: a["data-entity"], metric: a["data-metric"], region: a["data-region"], period: a["data-period"], value: a.value };
    figures.push(f);
    const name = `figure "${text}" (${f.entity ?? "?"}, ${f.metric ?? "?"}, ${f.region ?? "?"}, ${f.period ?? "?"})`;
    const missing = ["value", "data-entity", "data-metric", "data-region", "data-period"].filter((k) => !a[k]);
    if (missing.length) { problems.push(`${name}: no ${missing.join(", ")}`); continue; }
    let unknown = false;
    for (const kind of ["entity", "metric", "region"]) {
      if (!known[kind].has(f[kind])) { problems.push(`${name}: no ${kind} "${f[kind]}" in the data`); unknown = true; }
    }
    if (unknown) continue;
    const o = byKey.get(key(f));
    if (!o) { problems.push(`${name}: the data hold no such observation`); continue; }
    if (Number(f.value) !== o.value || f.value.trim() === "") problems.push(`${name}: value="${f.value}" but the data say ${o.value}`);
    const shown = readFigureText(text, metrics.get(f.metric).unit);
    if (typeof shown === "string") problems.push(`${name}: ${shown}`);
    else {
      const tolerance = 0.5 * 10 ** -shown.decimals * shown.scale + 1e-9 * Math.max(1, Math.abs(o.value));
      if (Math.abs(shown.number * shown.scale - o.value) > tolerance) problems.push(`${name}: shows ${shown.number * shown.scale}, but the data say ${o.value}`);
    }
    const confidence = o.confidence ?? "reported";
    const said = a["data-confidence"] ?? "reported";
    if (said !== confidence) problems.push(`${name}: the data grade it "${confidence}", the markup "${said}" (write data-confidence="${confidence}" and say so in the text)`);
    if ((a["data-bound"] ?? "") !== (o.bound ?? "")) problems.push(`${name}: the data give bound "${o.bound ?? "none"}", the markup "${a["data-bound"] ?? "none"}"`);
    const graded = o.certainty === "medium" || o.certainty === "low" ? o.certainty : "";
    if ((a["data-certainty"] ?? "") !== graded) problems.push(`${name}: the research grades it "${o.certainty ?? "not graded"}", the markup "${a["data-certainty"] ?? "none"}" (a medium or low grade is written data-certainty and said in the text)`);
  }
  if (figures.length === 0) problems.push("the article quotes no figure");

  // Periods named in the prose.
  const spans = [];
  for (const m of page.matchAll(/<span\b([^>]*\bdata-period\s*=[^>]*)>([\s\S]*?)<\/span>/gi)) {
    const period = attributes(m[1])["data-period"];
    const text = words(m[2]);
    spans.push({ at: m.index, period });
    const written = periodText(period);
    if (!written) { problems.push(`period "${period}" ("${text}") is not a period (YYYY, YYYY-Qn, YYYY-MM, YYYY-MM-DD)`); continue; }
    if (text !== written) problems.push(`period "${period}" is written "${text}"; write "${written}"`);
    if (/^\d{4}$/.test(period) ? !years.has(period) : !periods.has(period)) problems.push(`period "${period}" ("${text}"): the data hold no observation for it`);
  }

  // Each figure's period named in its own block.
  const blocks = [...page.matchAll(/<(p|li|figcaption|h[1-6]|dd|td|th)\b[^>]*>[\s\S]*?<\/\1>/gi)].map((m) => [m.index, m.index + m[0].length]);
  for (const f of figures) {
    const block = blocks.find(([from, to]) => f.at >= from && f.at < to);
    if (!block) { problems.push(`figure "${f.text}" is not inside a paragraph, caption or heading`); continue; }
    if (f.period && !spans.some((s) => s.at >= block[0] && s.at < block[1] && s.period === f.period)) {
      problems.push(`figure "${f.text}" is of ${periodText(f.period) ?? f.period}, which its paragraph does not name`);
    }
  }

  // No other digit.
  const rest = page.replace(/<data\b[^>]*>[\s\S]*?<\/data>/gi, " ").replace(/<span\b[^>]*\bdata-period\s*=[^>]*>[\s\S]*?<\/span>/gi, " ");
  const prose = words(rest.replace(/<[^>]*>/g, " "));
  for (const m of prose.matchAll(/\d+/g)) {
    problems.push(`"${m[0]}" in "…${prose.slice(Math.max(0, m.index - 40), m.index + 40)}…" is a number with no markup`);
  }
  if (/\d/.test(decode(title))) problems.push(`the page title "${title}" has a number`);
  for (const m of page.matchAll(/<[a-z][^>]*>/gi)) {
    for (const [name, value] of Object.entries(attributes(m[0]))) {
      if ((name === "alt" || name === "title" || name.startsWith("aria-")) && /\d/.test(value)) problems.push(`attribute ${name}="${value}" has a number`);
    }
  }

  // Widgets whose state is written in the page, and their captions.
  for (const m of page.matchAll(/<figure\b[^>]*>([\s\S]*?)<\/figure>/gi)) {
    const stateAttr = /<[^>]*\bdata-state\s*=\s*('[^']*'|"[^"]*")[^>]*>/i.exec(m[1]);
    if (!stateAttr) continue;
    let state;
    try { state = JSON.parse(decode(stateAttr[1].slice(1, -1))); } catch (e) { problems.push(`data-state is not JSON: ${e.message}`); continue; }
    const caption = /<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>/i.exec(m[1]);
    if (!caption) { problems.push(`the widget with state ${JSON.stringify(state)} has no caption saying what it shows`); continue; }
    if (!state.period) problems.push(`the widget with state ${JSON.stringify(state)} sets no period: it opens on whatever is latest, not on what its caption cites`);
    const from = m.index + m[0].indexOf(caption[0]);
    const quoted = figures.filter((f) => f.at >= from && f.at < from + caption[0].length);
    for (const f of quoted) {
      if (f.metric !== state.metric || f.period !== state.period) {
        problems.push(`the caption quotes "${f.text}" (${f.metric}, ${f.period}) but the widget shows ${state.metric} at ${state.period}`);
      }
    }
    const entities = state.entities || [];
    for (const o of obs.filter((x) => x.metric === state.metric && x.period === state.period && entities.includes(x.entity))) {
      if (!quoted.some((f) => key(f) === key(o))) problems.push(`the widget shows ${o.entity} ${o.region} ${o.value} at ${o.period}, which its caption does not quote`);
    }
  }
  return problems;
}

const html = read("web/index.html");
const data = JSON.parse(read("data/landscape.json"));

test("every number in the article is a figure of data/landscape.json or a period it covers", () => {
  assert.deepEqual(articleProblems(html, data), []);
});

test("the ARPU widget opens on the quarter its caption cites, and page.js takes that state from the page", () => {
  const state = JSON.parse(decode(/id="landscape-arpu"[^>]*data-state='([^']*)'/.exec(html)[1]));
  assert.equal(state.metric, "facebook-arpu");
  assert.equal(state.period, "2021-Q4");
  assert.match(read("web/page.js"), /state: JSON\.parse\(small\.dataset\.state\)/);
});

// The checker is only worth something if it fails: broken copies of the page, one fault each.
const broken = [
  ["a value that differs from the data", (h) => h.replace('value="60.57"', 'value="60.75"'), /value="60\.75" but the data say 60\.57/],
  ["displayed text rounded wrongly", (h) => h.replace(">$20.4 billion<", ">$20.6 billion<"), /shows 20600, but the data say 20371/],
  ["a region the observation is not filed under", (h) => h.replace('data-region="meta-apac" data-period="2021-Q4">806', 'data-region="meta-row" data-period="2021-Q4">806'), /value="806" but the data say 619/],
  ["an observation that does not exist", (h) => h.replace('data-metric="facebook-mau" data-region="world" data-period="2023-Q4"', 'data-metric="facebook-mau" data-region="world" data-period="2024-Q4"'), /the data hold no such observation/],
  ["an unknown entity", (h) => h.replace('data-entity="kakaotalk"', 'data-entity="kakao"'), /no entity "kakao" in the data/],
  ["a number with no markup", (h) => h.replace("Some large platforms serve mainly one country.", "Some large platforms, 12 of them, serve mainly one country."), /"12" in .* is a number with no markup/],
  ["a year with no markup", (h) => h.replace("Snap's user growth has come", "Since 2021, Snap's user growth has come"), /"2021" in .* is a number with no markup/],
  ["a period written unlike its markup", (h) => h.replace('data-period="2025-Q3">Q3 2025</span>, and in Europe', 'data-period="2025-Q3">Q2 2025</span>, and in Europe'), /period "2025-Q3" is written "Q2 2025"/],
  ["a figure whose period its paragraph does not name", (h) => h.replace('data-period="2024-Q2">Q2 2024</span>', 'data-period="2024-Q3">Q3 2024</span>'), /is of Q2 2024, which its paragraph does not name/],
  ["an estimate quoted as a report", (h) => h.replace('data-period="2025-01-26" data-confidence="estimate"', 'data-period="2025-01-26"'), /the data grade it "estimate", the markup "reported"/],
  ["a money figure without its currency", (h) => h.replace(">$4.89</data>\n    in Asia-Pacific", ">4.89</data>\n    in Asia-Pacific"), /lacks the "\$"/],
  ["a widget that opens on the latest period", (h) => h.replace(',"period":"2021-Q4"}', "}"), /sets no period/],
  ["a widget on another period than its caption", (h) => h.replace(',"period":"2021-Q4"}', ',"period":"2022-Q1"}'), /the caption quotes "\$60\.57" \(facebook-arpu, 2021-Q4\) but the widget shows facebook-arpu at 2022-Q1/],
];
// Faults in the data rather than the page: a quoted figure that the data now call a bound, or
// that the research grades of medium certainty, must be re-worded and re-marked.
const regraded = (field, value) => {
  const copy = structuredClone(data);
  const o = observationsOf(copy).find((x) => x.entity === "facebook" && x.metric === "facebook-mau" && x.region === "world" && x.period === "2023-Q4");
  o[field] = value;
  return copy;
};
test("the check fails when a quoted figure is a bound in the data", () => {
  assert.ok(articleProblems(html, regraded("bound", "lower")).some((p) => /"3\.07 billion".*the data give bound "lower", the markup "none"/.test(p)));
});
test("the check fails when the research grades a quoted figure of medium certainty", () => {
  assert.ok(articleProblems(html, regraded("certainty", "medium")).some((p) => /"3\.07 billion".*grades it "medium"/.test(p)));
  assert.deepEqual(articleProblems(html, regraded("certainty", "high")), [], "a high grade needs no words");
});

for (const [what, breakIt, expected] of broken) {
  test(`the check fails on ${what}`, () => {
    const page = breakIt(html);
    assert.ok(page !== html, "the fault was not introduced: the page text it edits has changed");
    const problems = articleProblems(page, data);
    assert.ok(problems.some((p) => expected.test(p)), `expected a problem matching ${expected}, got:\n${problems.join("\n")}`);
  });
}

test("the checker knows how the article writes periods and numbers", () => {
  assert.equal(periodText("2021-Q4"), "Q4 2021");
  assert.equal(periodText("2022"), "2022");
  assert.equal(periodText("2025-01"), "January 2025");
  assert.equal(periodText("2025-01-06"), "6 January 2025");
  assert.equal(periodText("2025-13"), null);
  assert.deepEqual(readFigureText("3.07 billion", "millions of users"), { number: 3.07, decimals: 2, scale: 1000 });
  assert.deepEqual(readFigureText("$20.4 billion", "USD millions"), { number: 20.4, decimals: 1, scale: 1000 });
  assert.deepEqual(readFigureText("No. 1", "rank"), { number: 1, decimals: 0, scale: 1 });
  assert.match(readFigureText("806", "millions of users"), /needs its scale word/);
  assert.match(readFigureText("$1.2 million", "USD per user per quarter"), /has no scale/);
});
