// Every door of the widget's JavaScript, fuzzed in one page (issue #11 §3): the URL hash,
// setState(), the options of createLandscape(), the attributes of <social-landscape> and
// configure(). A few hundred generated inputs per door from a seeded generator (DOORS_SEED=n
// repeats a run). What a portal developer would check: nothing throws, the widget keeps drawing,
// setState() answers problems with key, value and message for bad input and [] for good input,
// `warning` fires with the same problems, and a bad link is reported on the console once.
//
// The generators run in the page (functions, symbols, BigInts, cycles and throwing getters
// cannot cross into it as arguments): `doorsLibrary` below is sent as source text.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, serve, openPage, mirror, assertDraws, htmlPage, routesFrom, realData, unexpectedErrors } from "./harness.mjs";

const DATA = realData();
const IDS = {
  views: ["map", "trend", "compare", "share", "table", "sources"],
  metrics: [...new Set(DATA.observations.map((o) => o.metric))],
  entities: DATA.entities.map((e) => e.id),
  regions: DATA.regions.map((r) => r.id),
};
const SEED = Number(process.env.DOORS_SEED) || (Date.now() & 0xffff);
const LINK_WARNING = /^landscape: ignored in the link: /;

// Runs in the page: installs window.doors, the generators and the loops over each door.
function doorsLibrary(ids) {
  // A small seeded generator (xorshift32), so a failing run can be repeated.
  let s = 1;
  const seed = (n) => { s = (n >>> 0) || 1; };
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => next() < p;
  const some = (list, max) => { const copy = [...list]; const out = []; for (let i = 1 + int(max); i > 0 && copy.length; i--) out.push(copy.splice(int(copy.length), 1)[0]); return out; };
  const CHARS = ["a", "Z", "0", "%", "&", "=", ",", ":", "#", "?", "/", "+", " ", "-", "_", ".", "~", "é", "小", "\u0000", "\u202e", "😀", "\ud800", "\n", "\"", "<", "'"];
  const text = (n) => Array.from({ length: n }, () => pick(CHARS)).join("");
  const ESCAPES = ["%", "%4", "%zz", "%C3", "%00", "%FF%FE", "%E2%82", "%25", "%2C", "%C3%A9", "%%"];

  // --- the URL hash --------------------------------------------------------------------------
  const HASH_KEYS = ["view", "metric", "entities", "regions", "period", "scale", "by", "origin", "sort", "filter", "bogus", "VIEW", "", "%", "%zz", "vi%65w"];
  function hashValue(key) {
    switch (int(9)) {
      case 0: return pick(ids.views);
      case 1: return pick(["trends", "MAP", "", "map%", "log", "entity", "1", "desc"]);
      case 2: return some(key === "regions" ? ids.regions : ids.entities, 4).join(",");
      case 3: return ["nope", pick(ids.entities), "zzz%2Czzz", ""].join(",");
      case 4: return pick(ESCAPES) + text(int(4));
      case 5: return text(1 + int(20));
      case 6: return "x".repeat(pick([300, 1100, 5000, 70000]));
      case 7: return Array.from({ length: pick([3, 300, 2000]) }, () => pick(ids.entities)).join(",");
      default: return pick(["2024-Q4", "2031", "1999", "2024-Q9", "2025-Q3", "latest"]);
    }
  }
  function hashCase() {
    switch (int(10)) {
      case 0: return text(int(40));                                     // anything at all
      case 1: return pick(["ls2:view=map", "LS1:view=map", "ls:view=map", "ls1", "section-2", "ls1:", "ls10:x=y"]);
      case 2: return `ls1:filter=${"a".repeat(pick([66000, 90000]))}`;   // past the whole link's limit (64 KiB)
      case 3: return `ls1:${pick(ESCAPES)}`;
      default: {
        const pairs = Array.from({ length: 1 + int(5) }, () => {
          const key = pick(HASH_KEYS);
          return chance(0.1) ? key : `${key}=${hashValue(key)}`;
        });
        return `ls1:${pairs.join(pick(["&", "&", "&", "&&", ";"]))}`;
      }
    }
  }

  // --- setState ------------------------------------------------------------------------------
  // Each case: the value and whether every member of it is valid (expect []), or the keys that
  // must be among the problems' keys.
  const MEMBERS = ["view", "metric", "entities", "regions", "period", "scale", "compare_by", "group_by_origin", "sort_descending", "filter", "version"];
  function goodMember(key) {
    switch (key) {
      case "view": return pick(ids.views);
      case "metric": return pick(ids.metrics);
      case "entities": return some(ids.entities, 5);
      case "regions": return chance(0.3) ? [] : some(ids.regions, 3);
      case "compare_by": return pick(["entity", "region"]);
      case "group_by_origin": case "sort_descending": return chance(0.5);
      case "filter": return pick(["", "face", "小红书", "a b"]);
      case "version": return 1;
      default: return null;   // null: the member's default
    }
  }
  function badMember(key) {
    const wrongType = [42, true, {}, [1, 2], "x".repeat(5000), { view: "map" }];
    switch (key) {
      case "view": return pick(["trends", "", "Map", 3, false, ["map"], "x".repeat(5000)]);
      case "metric": return pick(["no-such-metric", 7, ["facebook-dau"], "x".repeat(300)]);
      case "entities": return pick([["nope"], [pick(ids.entities), "nope"], "facebook", [1, 2], [["facebook"]], Array.from({ length: 300 }, () => pick(ids.entities))]);
      case "regions": return pick([["atlantis"], "world", [null], [{}]]);
      case "period": return pick(["2031", "1999", "2024-Q9", "soon", 2024, ["2024"]]);
      case "scale": return pick(["logarithmic", "", 1]);
      case "compare_by": return pick(["country", 0]);
      case "group_by_origin": case "sort_descending": return pick(["yes", 1, "true"]);
      case "filter": return pick([5, ["a"], "x".repeat(5000)]);
      case "version": return pick([2, "1", 0]);
      default: return pick(wrongType);
    }
  }
  function stateCase() {
    const roll = int(10);
    if (roll === 0) {   // not an object at all: one problem with key ""
      const notObject = [0, -1, "map", "", null, undefined, true, [], [{ view: "map" }], () => ({ view: "map" }), Symbol("s"), 10n, new Date(), new Map([["view", "map"]]), NaN];
      return { value: pick(notObject), badKeys: [""] };
    }
    if (roll <= 3) {    // all valid: period and scale reset so an earlier case's values cannot clash
      const value = { period: "", scale: "linear" };
      for (const key of some(MEMBERS, 4)) value[key] = goodMember(key);
      return { value, badKeys: null };
    }
    const value = {};
    const badKeys = [];
    for (const key of some(MEMBERS, 3)) value[key] = goodMember(key);
    switch (int(7)) {
      case 0: { const key = pick(["colour", "View", "views", "", "state"]); value[key] = pick(["map", 1]); badKeys.push(key); break; }
      case 1: { const key = pick(["filter", "view", "metric"]); value[key] = () => "map"; badKeys.push(key); break; }
      case 2: { const cycle = { a: 1 }; cycle.self = cycle; value.view = cycle; badKeys.push("view"); break; }
      case 3: value.entities = 5n; badKeys.push("entities"); break;
      case 4: value.view = pick([NaN, Infinity]); badKeys.push("view"); break;
      case 5: value.entities = Array.from({ length: 100000 }, (_, i) => `id-${i}`); badKeys.push(""); break;   // past the whole text's limit
      default: { const key = pick(MEMBERS.filter((k) => k !== "version" || chance(0.2))); value[key] = badMember(key); badKeys.push(key); }
    }
    // Valid members beside a bad one still apply; a throwing getter spoils the object as a whole.
    if (chance(0.05)) return { value: Object.defineProperty({}, "view", { enumerable: true, get() { throw new Error("hostile getter"); } }), badKeys: [""] };
    return { value, badKeys };
  }

  // --- options and attributes ------------------------------------------------------------------
  function optionsCase(onEvent, withData) {
    const options = { onEvent };
    const badKeys = [];
    const add = (key, good, bad) => {
      if (chance(0.5)) return;
      if (chance(0.5)) options[key] = pick(good);
      else { options[key] = pick(bad); badKeys.push(key); }
    };
    add("theme", ["auto", "light", "dark"], ["purple", "", 3, null, ["dark"]]);
    add("hash", [false], ["yes", 1, null, "false"]);
    add("timeout", [5000, 60000], [-1, 0, "10", NaN, Infinity]);
    add("fetch", [{}, { credentials: "same-origin" }], ["include", [], 1]);
    if (chance(0.3)) { const key = pick(["colour", "themes", "Src", "onevent", "state.view", "width"]); options[key] = pick([1, "x", {}]); badKeys.push(key); }
    if (withData) options.src = "/data/landscape.json";
    else if (chance(0.2)) { options.src = pick([5, "", {}]); badKeys.push("src"); }
    if (chance(0.5)) {
      if (chance(0.2)) { options.state = pick(["map", 3, [], null]); badKeys.push("state"); } else {
        const { value, badKeys: stateBad } = stateCase();
        if (value !== null && typeof value === "object" && !Array.isArray(value) && Object.prototype.toString.call(value) === "[object Object]") {
          options.state = value;
          if (stateBad) for (const key of stateBad) badKeys.push(key === "" ? "state" : `state.${key}`);
        }
      }
    }
    return { options, badKeys };
  }
  function attributesCase() {
    const attributes = { src: "/data/landscape.json" };
    const badKeys = [];
    if (chance(0.1)) { attributes.src = ""; badKeys.push("src"); }
    const add = (key, good, bad) => {
      if (chance(0.4)) return;
      if (chance(0.5)) attributes[key] = pick(good);
      else { attributes[key] = pick(bad); badKeys.push(key); }
    };
    add("view", ids.views, ["trends", "", "MAP", "x".repeat(2000)]);
    // Without data a metric's id cannot be checked: only with a src.
    add("metric", ids.metrics, attributes.src ? ["no-such-metric", "%"] : ["x".repeat(300)]);
    add("theme", ["auto", "light", "dark"], ["purple", "", "DARK"]);
    add("hash", ["false"], ["maybe", "0", "no"]);
    return { attributes, badKeys };
  }

  // --- the loops --------------------------------------------------------------------------------
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const isProblem = (p) => p && typeof p.key === "string" && "value" in p && typeof p.message === "string" && p.message.length > 0;
  const describe = (value) => { try { return String(JSON.stringify(value)).slice(0, 160); } catch { return Object.prototype.toString.call(value); } };

  async function hashes(widget, n, runSeed) {
    seed(runSeed);
    const out = { cases: 0, warned: 0, distinctWarned: new Set(), failures: [], thrown: [] };
    let warning = null;
    const onWarning = (e) => { warning = e; };
    widget.on("warning", onWarning);
    const seen = [];
    for (let i = 0; i < n; i++) {
      // Every tenth link is one seen before: it warns again as an event, not on the console.
      const hash = i % 10 === 9 && seen.length ? pick(seen) : hashCase();
      seen.push(hash);
      warning = null;
      try {
        // Tabs and newlines are dropped by URL parsers anyway; left in, this Chromium's
        // replaceState() with some of these links cuts the page off the network (every later
        // fetch fails with "other"), a browser quirk that no link from outside can trigger.
        history.replaceState(null, "", `#${hash.replace(/[\t\n\r]/g, "")}`);
        const raw = location.hash.slice(1);
        dispatchEvent(new HashChangeEvent("hashchange"));
        await tick();
        out.cases++;
        if (warning) {
          out.warned++;
          out.distinctWarned.add(raw);
          if (!Array.isArray(warning.problems) || !warning.problems.length || !warning.problems.every(isProblem)) {
            out.failures.push(`case ${i} #${describe(hash)}: warning without proper problems: ${describe(warning)}`);
          }
        }
      } catch (e) { out.thrown.push(`case ${i} #${describe(hash)}: ${e && e.stack}`); }
      if (i % 25 === 24) await frame();
    }
    widget.off("warning", onWarning);
    return { ...out, distinctWarned: out.distinctWarned.size };
  }

  async function states(widget, n, runSeed) {
    seed(runSeed);
    const out = { cases: 0, good: 0, bad: 0, failures: [], thrown: [] };
    let warnings = [];
    const onWarning = (e) => warnings.push(e);
    widget.on("warning", onWarning);
    for (let i = 0; i < n; i++) {
      const { value, badKeys } = stateCase();
      warnings = [];
      let problems;
      try { problems = widget.setState(value); } catch (e) { out.thrown.push(`case ${i} ${describe(value)}: ${e && e.stack}`); continue; }
      await tick();
      out.cases++;
      const what = `case ${i} setState(${describe(value)})`;
      if (!Array.isArray(problems) || !problems.every(isProblem)) { out.failures.push(`${what} returned ${describe(problems)}`); continue; }
      if (badKeys === null) {
        out.good++;
        if (problems.length) out.failures.push(`${what}: valid, yet problems ${describe(problems)}`);
        if (warnings.length) out.failures.push(`${what}: valid, yet a warning fired`);
      } else {
        out.bad++;
        const keys = problems.map((p) => p.key);
        const missing = badKeys.filter((k) => !keys.includes(k));
        if (missing.length) out.failures.push(`${what}: no problem for ${describe(missing)}; got ${describe(problems)}`);
        if (warnings.length !== 1 || warnings[0].problems !== problems) out.failures.push(`${what}: ${warnings.length} warning events, expected 1 with the same problems`);
      }
      if (i % 25 === 24) await frame();
    }
    widget.off("warning", onWarning);
    // getState() handed back is valid by definition.
    const back = widget.setState(widget.getState());
    if (back.length) out.failures.push(`setState(getState()) answered ${describe(back)}`);
    return out;
  }

  async function options(parent, n, runSeed) {
    seed(runSeed);
    const out = { cases: 0, started: 0, rejected: 0, failures: [], thrown: [] };
    for (let i = 0; i < n; i++) {
      const events = [];
      const withData = i % 4 === 0;
      const { options: given, badKeys } = optionsCase((type, detail) => events.push([type, detail]), withData);
      const what = `case ${i} createLandscape(${describe(given)})`;
      let widget = null;
      try {
        widget = await createLandscape(parent, given);
        out.started++;
      } catch (e) {
        out.rejected++;
        if (withData || !e || typeof e.message !== "string") out.failures.push(`${what} rejected: ${e && e.message}`);
      }
      out.cases++;
      const warnings = events.filter(([type]) => type === "warning");
      const keys = warnings.flatMap(([, d]) => d.problems.map((p) => p.key));
      if (widget) {
        // Ids and periods in the state are checked against the data: without data, only the
        // names and the shape can be.
        const required = withData ? badKeys : badKeys.filter((k) => !k.startsWith("state."));
        const missing = required.filter((k) => !keys.includes(k));
        if (missing.length) out.failures.push(`${what}: no problem for ${describe(missing)}; got ${describe(keys)}`);
        if (!badKeys.length && warnings.length) out.failures.push(`${what}: valid, yet warned ${describe(warnings)}`);
        if (warnings.length > 1) out.failures.push(`${what}: ${warnings.length} start-up warnings, expected one`);
        if (events.findIndex(([t]) => t === "ready") < events.findIndex(([t]) => t === "warning")) out.failures.push(`${what}: warning after ready`);
        if (withData && !widget.stats().observations) out.failures.push(`${what}: started without its data`);
        widget.destroy();
      }
      if (parent.childElementCount) out.failures.push(`${what}: left ${parent.childElementCount} elements behind`);
    }
    return out;
  }

  async function elements(parent, n, runSeed) {
    seed(runSeed);
    const out = { cases: 0, ready: 0, changes: 0, failures: [], thrown: [] };
    for (let i = 0; i < n; i++) {
      const { attributes, badKeys } = attributesCase();
      const what = `case ${i} <social-landscape ${describe(attributes)}>`;
      const el = document.createElement("social-landscape");
      el.style.height = "240px";
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      const heard = [];
      for (const type of ["ready", "error", "warning"]) el.addEventListener(`landscape-${type}`, (e) => heard.push([type, e.detail]));
      const settled = new Promise((resolve) => { el.addEventListener("landscape-ready", resolve); el.addEventListener("landscape-error", resolve); });
      parent.append(el);
      await settled;
      out.cases++;
      const keys = heard.filter(([t]) => t === "warning").flatMap(([, d]) => d.problems.map((p) => p.key));
      const missing = badKeys.filter((k) => !keys.includes(k));
      if (missing.length) out.failures.push(`${what}: no landscape-warning for ${describe(missing)}; got ${describe(keys)}`);
      if (!badKeys.length && keys.length) out.failures.push(`${what}: valid, yet warned about ${describe(keys)}`);
      if (attributes.src && !el.widget) out.failures.push(`${what}: did not start: ${describe(heard)}`);
      if (el.widget) {
        out.ready++;
        // Attributes changed afterwards steer the view; bad ones come back as landscape-warning.
        for (let k = 0; k < 4; k++) {
          const bad = chance(0.5);
          const value = bad ? pick(["trends", "", "%", "x".repeat(3000)]) : pick(ids.views);
          if (el.getAttribute("view") === value) continue;   // no change, no callback
          const before = heard.length;
          el.setAttribute("view", value);
          await tick();
          out.changes++;
          const warned = heard.slice(before).some(([t, d]) => t === "warning" && d.problems.some((p) => p.key === "view"));
          if (bad !== warned) out.failures.push(`${what}: view=${describe(value)} set later: ${warned ? "warned" : "no landscape-warning"}`);
        }
      }
      el.remove();
    }
    return out;
  }

  function configures(n, runSeed) {
    seed(runSeed);
    const out = { cases: 0, failures: [], thrown: [] };
    const values = [undefined, null, 3, "url", [], () => 1, { wasmUrl: "/elsewhere.wasm" }, { wasmUrl: 5 }, { wasmUrl: "" },
      { wasmURL: "/x.wasm" }, { bogus: true }, { wasmUrl: new URL("https://cdn.example/x.wasm") }, {}];
    for (let i = 0; i < n; i++) {
      const value = pick(values);
      let problems;
      try { problems = configure(value); } catch (e) { out.thrown.push(`configure(${describe(value)}): ${e && e.stack}`); continue; }
      out.cases++;
      const emptyObject = value && typeof value === "object" && !Array.isArray(value) && !Object.keys(value).length;
      if (!Array.isArray(problems) || !problems.every(isProblem)) out.failures.push(`configure(${describe(value)}) returned ${describe(problems)}`);
      // After the first widget compiled the wasm, every setting is a problem and nothing changes.
      else if (!emptyObject && !problems.length) out.failures.push(`configure(${describe(value)}) after the wasm was compiled: no problem`);
    }
    return out;
  }

  window.doors = { hashes, states, options, elements, configures };
}

const PAGE = htmlPage(
  `<div id="main" style="height: 480px"></div><div id="spare" style="height: 300px"></div><div id="elements"></div>`,
  `import { createLandscape, configure } from "/landscape.js";
   window.createLandscape = createLandscape;
   window.configure = configure;
   (${doorsLibrary.toString()})(${JSON.stringify(IDS)});
   window.explorer = await createLandscape(document.getElementById("main"), { src: "/data/landscape.json", hash: true });`);

let browser, site, opened;
before(async () => {
  browser = await launch();
  site = await serve({ routes: routesFrom({ "/t/doors.html": PAGE }) });
  opened = await openPage(browser, `${site.url}/t/doors.html`);
  console.log(`doors seed ${SEED} (DOORS_SEED=${SEED} repeats this run)`);
});
after(async () => { await opened?.context.close(); await browser?.close(); await site?.close(); });

// The widget still shows a real frame and its accessible mirror still says something.
async function assertAlive(what) {
  const { page } = opened;
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await assertDraws(page, "#main", `the widget after ${what}`);
  const shown = await mirror(page, "#main");
  assert.ok(shown.summary.length > 0, `the mirror says nothing after ${what}: ${JSON.stringify(shown).slice(0, 300)}`);
}

function assertClean(result, what) {
  assert.deepEqual(result.thrown, [], `${what} threw`);
  assert.deepEqual(result.failures, [], `${what}: failures (DOORS_SEED=${SEED})`);
  assert.deepEqual(unexpectedErrors(opened.errors), [], `page errors after ${what}`);
}

test("a page opened with a mangled link (#ls1:%) draws the default view and says once what it ignored", async () => {
  const { page, context, errors, messages } = await openPage(browser, `${site.url}/index.html#ls1:%`);
  await assertDraws(page, "#landscape", "the demo page opened with #ls1:%");
  assert.deepEqual(errors, []);
  const lines = messages.filter((m) => LINK_WARNING.test(m.text));
  assert.equal(lines.length, 1, `console lines about the link: ${JSON.stringify(lines)}`);
  assert.equal(lines[0].type, "warning");
  assert.match(lines[0].text, /"%"/);
  // The link now says what is shown.
  assert.match(await page.evaluate(() => location.hash), /^#ls1:view=map/);
  await context.close();
});

test("a page opened at its own anchor (#section-2) keeps it until the reader changes the view", async () => {
  const { page, context, errors, messages } = await openPage(browser, `${site.url}/index.html#section-2`);
  await assertDraws(page, "#landscape", "the demo page opened with #section-2");
  assert.equal(await page.evaluate(() => location.hash), "#section-2", "the widget replaced the page's anchor on load");
  assert.deepEqual(messages.filter((m) => LINK_WARNING.test(m.text)), [], "the page's anchor was reported as a bad link");
  await page.evaluate(() => window.explorer.setState({ view: "trend" }));
  await page.waitForFunction(() => location.hash.startsWith("#ls1:"));
  assert.match(await page.evaluate(() => location.hash), /^#ls1:view=trend/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the URL hash: links known to be bad warn with what they lost and keep what is valid", async () => {
  const { page, messages } = opened;
  const apply = (hash) => page.evaluate(async (h) => {
    let heard = null;
    const listen = (e) => { heard = e; };
    window.explorer.on("warning", listen);
    history.replaceState(null, "", `#${h}`);
    dispatchEvent(new HashChangeEvent("hashchange"));
    await new Promise((r) => setTimeout(r, 0));
    window.explorer.off("warning", listen);
    return { heard, state: window.explorer.getState() };
  }, hash);
  const before = messages.filter((m) => LINK_WARNING.test(m.text)).length;
  let r = await apply("ls1:view=trend&entities=facebook,nope&bogus=1");
  assert.equal(r.state.view, "trend", "the valid part of the link was not applied");
  assert.deepEqual(r.state.entities, ["facebook"]);
  const keys = r.heard.problems.map((p) => `${p.key}=${p.value}`).sort();
  assert.deepEqual(keys, ["bogus=1", "entities=nope"], JSON.stringify(r.heard.problems));
  r = await apply("ls1:view=table");
  assert.equal(r.heard, null, "a good link warned");
  assert.equal(r.state.view, "table");
  r = await apply("section-2");
  assert.equal(r.heard, null, "the page's own anchor was taken for a link");
  r = await apply("ls1:view=trend&entities=facebook,nope&bogus=1");   // the same bad link again
  assert.ok(r.heard, "the second reading of a bad link fired no warning event");
  await page.waitForTimeout(100);
  assert.equal(messages.filter((m) => LINK_WARNING.test(m.text)).length - before, 1, "a bad link read twice was reported on the console twice (or never)");
  await assertAlive("the known links");
});

test("the URL hash: a few hundred generated links never throw or blank the widget, and each bad one is reported once", async () => {
  const { page, messages } = opened;
  const before = messages.filter((m) => LINK_WARNING.test(m.text)).length;
  const result = await page.evaluate(([n, seed]) => window.doors.hashes(window.explorer, n, seed), [300, SEED]);
  console.log(`hash: ${result.cases} links, ${result.warned} warning events, ${result.distinctWarned} distinct bad links`);
  assertClean(result, "the hash fuzz");
  assert.ok(result.warned > 100, `only ${result.warned} of ${result.cases} generated links warned: the generator lost its teeth`);
  await page.waitForTimeout(200);
  const lines = messages.filter((m) => LINK_WARNING.test(m.text)).length - before;
  assert.equal(lines, result.distinctWarned, `${lines} console lines for ${result.distinctWarned} distinct bad links`);
  await assertAlive("the hash fuzz");
});

test("setState: generated values answer problems (key, value, message) for bad members, [] for good ones, and fire warning", async () => {
  const { page } = opened;
  const result = await page.evaluate(([n, seed]) => window.doors.states(window.explorer, n, seed), [400, SEED + 1]);
  console.log(`setState: ${result.cases} values, ${result.good} valid, ${result.bad} with problems`);
  assertClean(result, "the setState fuzz");
  assert.ok(result.good > 50 && result.bad > 200, `too few of a kind: ${result.good} good, ${result.bad} bad`);
  await assertAlive("the setState fuzz");
});

test("options of createLandscape(): what is wrong is reported before the promise resolves, the rest applies", async () => {
  const { page } = opened;
  const result = await page.evaluate(([n, seed]) => window.doors.options(document.getElementById("spare"), n, seed), [60, SEED + 2]);
  console.log(`options: ${result.cases} option sets, ${result.started} started, ${result.rejected} rejected`);
  assertClean(result, "the options fuzz");
  assert.equal(result.rejected, 0, "a widget with bad options did not start");
  await assertAlive("the options fuzz");
});

test("<social-landscape> attributes: bad ones come out as landscape-warning, the element still starts", async () => {
  const { page } = opened;
  const result = await page.evaluate(([n, seed]) => window.doors.elements(document.getElementById("elements"), n, seed), [24, SEED + 3]);
  console.log(`attributes: ${result.cases} elements, ${result.ready} started, ${result.changes} later changes`);
  assertClean(result, "the attributes fuzz");
  await assertAlive("the attributes fuzz");
});

test("configure() after the wasm was compiled: a problem for every setting, nothing changed, nothing thrown", async () => {
  const { page } = opened;
  const result = await page.evaluate(([n, seed]) => window.doors.configures(n, seed), [100, SEED + 4]);
  assertClean(result, "the configure fuzz");
  // Nothing changed: a new widget still finds the wasm where it was.
  const started = await page.evaluate(async () => {
    const w = await window.createLandscape(document.getElementById("spare"), { src: "/data/landscape.json" });
    const ok = w.stats().observations > 0 && w.stats().version;
    w.destroy();
    return ok;
  });
  assert.ok(started, "no widget started after configure() calls");
  const version = JSON.parse((await import("node:fs")).readFileSync(new URL("../../web/package/package.json", import.meta.url), "utf8")).version;
  assert.equal(started, version, "stats().version is not the package's version");
});
