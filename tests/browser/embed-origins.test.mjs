// embed.html as a stranger would use it: another site framing the portal's embed.html with `src`
// on its own server, steering it, flooding it with messages. Three origins on loopback:
//   site     http://127.0.0.1:A   dist/ with embed.html (the portal's assets) and its embed-config.json
//   portal   http://localhost:B   the portal's article page that frames it
//   stranger http://127.0.0.1:C   someone else's page, serving a fake data file with CORS
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, serve, openPage, mirror, assertDraws, htmlPage, routesFrom, ROOT } from "./harness.mjs";

const VIEWS = ["map", "trend", "compare", "share", "table", "sources"];
const FAKE_TITLE = "Social platforms 2025: figures the firm never published";
const FAKE = JSON.parse(readFileSync(join(ROOT, "tests", "data", "minimal.json"), "utf8"));
FAKE.title = FAKE_TITLE;

// The parent page: frames ?frame=<url> and records every message it receives.
const parentPage = (req, res, url) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(htmlPage(
  `<iframe id="frame" title="Landscape" style="width: 900px; height: 500px; border: 0"></iframe>
   <script>
     window.messages = [];
     window.addEventListener("message", (e) => window.messages.push({ origin: e.origin, data: e.data }));
     document.getElementById("frame").src = ${JSON.stringify(url.searchParams.get("frame"))};
   </script>`));

let browser, site, portal, stranger;
let config = null;                    // embed-config.json's text; null: no file (404)
const siteSeen = [], strangerSeen = [];
before(async () => {
  browser = await launch();
  site = await serve({
    routes: routesFrom({
      "/embed-config.json": (req, res) => (config === null
        ? res.writeHead(404, { "content-type": "text/plain" }).end("not found")
        : res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(config)),
      // An open redirect on the portal's own server.
      "/go": (req, res, url) => res.writeHead(302, { location: url.searchParams.get("to") }).end(),
    }, siteSeen),
  });
  const cors = { "content-type": "application/json", "access-control-allow-origin": "*", "cache-control": "no-store" };
  stranger = await serve({
    routes: routesFrom({
      "/parent.html": parentPage,
      "/fake.json": (req, res) => res.writeHead(200, cors).end(JSON.stringify(FAKE)),
    }, strangerSeen),
  });
  const p = await serve({ routes: routesFrom({ "/parent.html": parentPage }) });
  // Another host name as well as another port: origins are compared whole, not by port.
  portal = { ...p, url: p.url.replace("127.0.0.1", "localhost") };
});
after(async () => { await browser?.close(); await site?.close(); await portal?.close(); await stranger?.close(); });

const setConfig = (value) => { config = value == null ? null : typeof value === "string" ? value : JSON.stringify(value); };
const fakeRequests = () => strangerSeen.filter((s) => !s.url.startsWith("/parent.html"));

// Opens `parent`'s page framing site's embed.html?query and waits until the frame shows either
// the explorer or its message.
async function openFramed(parent, query) {
  const frameUrl = `${site.url}/embed.html?${query}`;
  const opened = await openPage(browser, `${parent.url}/parent.html?frame=${encodeURIComponent(frameUrl)}`, { waitFor: null });
  const frame = await (await opened.page.waitForSelector("#frame")).contentFrame();
  await frame.waitForFunction(() => window.explorer || document.querySelector("#landscape .embed-message"), null, { timeout: 30000 });
  return { ...opened, frame };
}
const frameShows = (frame) => frame.evaluate(() => ({
  message: document.querySelector("#landscape .embed-message")?.textContent ?? null,
  explorer: !!window.explorer,
  canvases: document.querySelectorAll("canvas").length + [...document.querySelectorAll("*")].filter((n) => n.shadowRoot).length,
  text: document.body.innerText,
}));
const received = (page, type) => page.evaluate((t) => window.messages.filter((m) => t == null || (m.data && m.data.type === t)), type);
// Chromium's own lines for what the tests provoke on purpose: the 404 of a missing
// embed-config.json and fetches the frame's policy blocked.
const unexpected = (errors) => errors.filter((e) => !/^Failed to load resource|^Connecting to '.*' violates the following Content Security Policy directive: "connect-src /.test(e));

test("a stranger's page framing embed.html with src on its own server: refused, never fetched, never shown", async () => {
  setConfig(null);
  strangerSeen.length = 0;
  const own = site.url;
  const fake = `${stranger.url}/fake.json`;
  const cases = [
    [fake, stranger.url],
    [fake.replace("http:", ""), stranger.url],                                   // //host/fake.json
    [fake.replace("http://", "http:\\\\"), stranger.url],                        // backslashes: the URL parser's view
    [`data:application/json,${encodeURIComponent(JSON.stringify(FAKE))}`, "a data: address"],
    ["javascript:alert(1)", "a javascript: address"],
    [`blob:${own}/6d1c2a0e-0000-4000-8000-000000000000`, "a blob: address"],
    [`http://user:secret@${own.slice(7)}/data/landscape.json`, `${own} (an address with a user name or password)`],
    ["http://[", `"http://[" (not a web address)`],
    // An open redirect on the portal's own server leads to the stranger's file: the frame's
    // connect-src policy stops the redirect before a request is made (the browser does not say
    // where the redirect led, only where it started).
    [`/go?to=${encodeURIComponent(fake)}`, `a redirect from ${own} to another origin`],
  ];
  // The stranger even asks, through origin=, to be the parent allowed to steer and hear back.
  for (const [src, refused] of cases) {
    const { page, context, errors, frame } = await openFramed(stranger, `src=${encodeURIComponent(src)}&origin=${encodeURIComponent(stranger.url)}`);
    const shown = await frameShows(frame);
    assert.equal(shown.message, `This explorer only shows data from ${own}; refused ${refused}.`, `src=${src}`);
    assert.equal(shown.explorer, false, `src=${src}: the explorer started`);
    assert.equal(shown.canvases, 0, `src=${src}: a widget was drawn`);
    assert.ok(!shown.text.includes(FAKE_TITLE), `src=${src}: the fake title is on screen`);
    await page.waitForTimeout(100);
    assert.deepEqual(await received(page), [], `src=${src}: the stranger's page received messages from the frame`);
    assert.deepEqual(unexpected(errors), [], `src=${src}`);
    await context.close();
  }
  assert.deepEqual(fakeRequests(), [], "the frame requested the stranger's file");
  assert.ok(siteSeen.some((s) => s.url.startsWith("/go?")), "the redirect case never reached the portal's server (the check above saw nothing)");
  assert.ok(strangerSeen.length >= cases.length, "the stranger's parent pages were not served");
});

test("embed-config.json decides: a listed data origin loads; a malformed file means own origin only", async () => {
  const fake = `${stranger.url}/fake.json`;
  try {
    // Listed (with a trailing slash and upper case, which name the same origin): it loads, directly and through a redirect.
    setConfig({ dataOrigins: [`${stranger.url.toUpperCase()}/`], parentOrigins: [portal.url] });
    for (const src of [fake, `/go?to=${encodeURIComponent(fake)}`]) {
      strangerSeen.length = 0;
      const { page, context, errors, frame } = await openFramed(portal, `src=${encodeURIComponent(src)}`);
      assert.equal((await frameShows(frame)).message, null, `src=${src}: refused although listed`);
      const m = await mirror(frame);
      assert.ok(m.label.includes(FAKE_TITLE), `src=${src}: the listed origin's file is not shown: ${m.label}`);
      assert.equal(fakeRequests().length, 1, `src=${src}: requests to the data origin ${JSON.stringify(fakeRequests())}`);
      await assertDraws(frame, "#landscape", `the frame with data from ${stranger.url}`);
      await page.waitForFunction(() => window.messages.some((m) => m.data.type === "landscape:height"));
      assert.deepEqual(unexpected(errors), []);
      await context.close();
    }

    // Malformed files: ignored as a whole, said once on the console, and the refusal says so.
    strangerSeen.length = 0;
    for (const [text, why] of [
      ["{ dataOrigins: [] }", /it is not JSON/],
      [JSON.stringify([stranger.url]), /it is a list of 1 items, not an object/],
      [JSON.stringify({ dataOrigins: stranger.url }), /dataOrigins is text, not a list of origins/],
      [JSON.stringify({ dataOrigins: [`${stranger.url}/fake.json`] }), /dataOrigins\[0\] ".*" has more than an origin/],
      [JSON.stringify({ dataOrigins: ["*"] }), /dataOrigins\[0\] "\*" is a wildcard/],
      [JSON.stringify({ dataOrigins: ["null"] }), /dataOrigins\[0\] "null" is not an origin/],
      [JSON.stringify({ dataOrigins: [stranger.url, 7] }), /dataOrigins\[1\] is a number, not an origin/],
      [JSON.stringify({ dataOrigin: [stranger.url] }), /unknown member "dataOrigin" \(expected dataOrigins, parentOrigins\)/],
    ]) {
      setConfig(text);
      const { context, errors, messages, frame } = await openFramed(portal, `src=${encodeURIComponent(fake)}`);
      assert.equal((await frameShows(frame)).message,
        `This explorer only shows data from ${site.url}; refused ${stranger.url}. (Its embed-config.json could not be used: see the browser console.)`, text);
      const warnings = messages.filter((m) => m.type === "warning" && m.text.includes("embed-config.json ignored"));
      assert.equal(warnings.length, 1, `${text}: ${JSON.stringify(messages)}`);
      assert.match(warnings[0].text, why);
      assert.deepEqual(unexpected(errors), []);
      await context.close();
    }
    assert.deepEqual(fakeRequests(), [], "a malformed file let the frame fetch the stranger's data");

    // The own origin needs no file; without one the console stays quiet but for the 404 line.
    setConfig(null);
    const { context, messages, frame } = await openFramed(portal, "src=data/landscape.json");
    assert.ok(await frame.evaluate(() => window.explorer.stats().observations > 100));
    // Chromium's own "GL Driver Message ... GPU stall due to ReadPixels" (software WebGL reading a
    // drawn frame back, when that takes long on a busy machine) is the browser's, not the page's.
    const ours = messages.filter((m) => m.type === "warning" && !/^\[\.WebGL-[^\]]*\]GL Driver Message/.test(m.text));
    assert.deepEqual(ours, []);
    await context.close();
  } finally { setConfig(null); }
});

// The views the frame goes through after `sender`'s page posts setState({view: "trend"}) (and a
// few malformed messages). The frame's own message, always allowed and queued behind the
// sender's, says when those have been handled.
async function steer(sender, query) {
  const opened = await openFramed(sender, query);
  const { page, frame } = opened;
  await frame.evaluate(() => { window.views = []; window.explorer.on("statechange", (s) => window.views.push(s.view)); });
  await page.evaluate(() => {
    const target = document.getElementById("frame").contentWindow;
    for (const bad of [42, "nonsense", { type: "landscape:nonsense" }, { type: "landscape:setState", state: "trend" }]) target.postMessage(bad, "*");
    target.postMessage({ type: "landscape:setState", state: { view: "trend" } }, "*");
  });
  await page.waitForTimeout(100);
  await frame.evaluate(() => window.postMessage({ type: "landscape:setState", state: { view: "share" } }, "*"));
  await frame.waitForFunction(() => window.views.includes("share"), null, { timeout: 10000 });
  await page.waitForTimeout(100);
  const result = {
    views: await frame.evaluate(() => window.views),
    received: (await received(page)).map((m) => ({ origin: m.origin, type: m.data.type })),
    errors: opened.errors, messages: opened.messages,
  };
  await opened.context.close();
  return result;
}

test("steering: only parentOrigins from the file; origin= narrows them and never adds one", async () => {
  try {
    const trendOnly = (r) => r.views.includes("trend");
    const typesTo = (r, origin) => new Set(r.received.filter((m) => m.origin === site.url && origin).map((m) => m.type));

    // No file: the portal on another origin may neither steer nor hear anything, origin= or not.
    setConfig(null);
    for (const query of ["view=map", `view=map&origin=${encodeURIComponent(portal.url)}`]) {
      const r = await steer(portal, query);
      assert.ok(!trendOnly(r), `${query}: a parent not in embed-config.json steered the frame: ${r.views}`);
      assert.deepEqual(r.received, [], `${query}: a parent not allowed received messages`);
      if (query.includes("origin=")) assert.ok(r.messages.some((m) => m.type === "warning" && /origin=.* is not among the parent origins/.test(m.text)));
      assert.deepEqual(unexpected(r.errors), []);
    }

    // Listed: it steers, hears its height and the state changes, and gets one warning per bad message.
    setConfig({ parentOrigins: [portal.url, stranger.url] });
    const allowed = await steer(portal, "view=map");
    assert.deepEqual(allowed.views, ["trend", "share"]);
    const kinds = allowed.received.map((m) => m.type);
    assert.ok(kinds.includes("landscape:height") && kinds.includes("landscape:statechange"), `the allowed parent received ${kinds}`);
    assert.equal(kinds.filter((k) => k === "landscape:warning").length, 4, `warnings for the 4 malformed messages: ${kinds}`);
    assert.ok(allowed.received.every((m) => m.origin === site.url));
    assert.deepEqual(unexpected(allowed.errors), []);

    // A URL parameter the widget cannot apply is reported to the allowed parent at start-up.
    const startUp = await openFramed(portal, "view=map&theme=purple");
    await startUp.page.waitForFunction(() => window.messages.some((m) => m.data.type === "landscape:warning"), null, { timeout: 10000 });
    const startWarning = (await received(startUp.page, "landscape:warning"))[0];
    assert.equal(startWarning.origin, site.url);
    assert.ok(startWarning.data.problems.some((p) => p.key === "theme" && p.value === "purple"), JSON.stringify(startWarning.data));
    await startUp.context.close();

    // origin= narrows the file's two parents to the stranger: the portal is now refused...
    const narrowed = await steer(portal, `view=map&origin=${encodeURIComponent(stranger.url)}`);
    assert.ok(!trendOnly(narrowed), `origin= did not narrow: ${narrowed.views}`);
    assert.deepEqual(narrowed.received, []);
    // ...and the stranger, listed in both, steers.
    assert.deepEqual((await steer(stranger, `view=map&origin=${encodeURIComponent(stranger.url)}`)).views, ["trend", "share"]);

    // The file lists only the portal: origin= naming the stranger adds nothing; the stranger is
    // ignored (no answer to its bad messages either) and hears nothing.
    setConfig({ parentOrigins: [portal.url] });
    const added = await steer(stranger, `view=map&origin=${encodeURIComponent(stranger.url)}`);
    assert.ok(!trendOnly(added), `origin= added a parent origin: ${added.views}`);
    assert.deepEqual(added.received, [], "the stranger received messages");
  } finally { setConfig(null); }
});

// Runs in the portal's page: a few hundred messages from a seeded generator, each with the key of
// the first problem its answer must name (null: no answer expected).
function generate({ seed, count, views, widgetReports }) {
  let s = seed >>> 0;
  const rand = () => {                                  // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(rand() * n);
  const pick = (list) => list[int(list.length)];
  const text = (n) => Array.from({ length: n }, () => String.fromCharCode(32 + int(0x2ff))).join("");
  const TYPE = "landscape:setState";
  const cyclic = () => { const o = { view: "map" }; o.again = [o]; return o; };
  const deep = (n) => { let v = []; for (let i = 0; i < n; i++) v = [v]; return v; };
  const weirdValues = [
    () => BigInt(int(1e9)) * 10n ** 30n, () => new Date(), () => /landscape/g, () => new Map([["view", "map"]]), () => new Set(["map"]),
    () => new ArrayBuffer(16), () => new Uint8Array(8), () => new Blob(["map"]), () => new Error("boom"), () => NaN, () => Infinity,
    () => -Infinity, () => new Boolean(true), () => new String("map"), () => deep(65 + int(200)), () => cyclic(), () => new Array(3),
    () => ["facebook", ["x", cyclic()]], () => ({ inner: new Map() }), () => [1, 2, undefined],
  ];
  const kinds = {
    notAnObject: () => [pick([
      () => int(1e6), () => text(int(40)), () => JSON.stringify({ type: TYPE, state: { view: "map" } }), () => null, () => undefined, () => rand() < 0.5,
      () => [TYPE, { view: "map" }], () => [], () => BigInt(int(1e6)), () => new Date(), () => new Map([["type", TYPE]]), () => new Uint8Array(3),
      () => new Blob(["{}"]), () => new Error("x"), () => /re/, () => new ArrayBuffer(2),
    ])(), ""],
    badType: () => [pick([
      () => ({ state: { view: "map" } }), () => ({ type: text(1 + int(30)), state: { view: "map" } }), () => ({ type: "landscape:setstate", state: {} }),
      () => ({ type: "landscape:getState" }), () => ({ type: int(100) }), () => ({ type: [TYPE] }), () => ({ type: null, state: {} }),
      () => ({ type: "x".repeat(5000 + int(1e5)) }), () => ({ type: new String(TYPE), state: { view: "map" } }),
    ])(), "type"],
    badState: () => [{ type: TYPE, ...pick([{}, { state: null }, { state: "view=map" }, { state: [["view", "map"]] }, { state: 42 },
      { state: new Map([["view", "map"]]) }, { state: new Date() }, { state: true }, { state: undefined }]) }, "state"],
    huge: () => [{ type: TYPE, state: pick([
      () => ({ view: "map", note: "x".repeat(70000 + int(1e6)) }),
      () => ({ entities: Array.from({ length: 20000 + int(20000) }, (_, i) => `entity-${i}`) }),
      () => Object.fromEntries(Array.from({ length: 20000 }, (_, i) => [`k${i}`, i])),
      () => ({ ["k".repeat(70000)]: 1 }),
      () => ({ entities: Array.from({ length: 3000 }, () => Array.from({ length: 10 }, () => "abcdefgh")) }),
    ])() }, "state"],
    weirdValue: () => { const key = pick(["view", "metric", "entities", "period", "regions"]); return [{ type: TYPE, state: { [key]: pick(weirdValues)() } }, key]; },
    extraMember: () => { const key = pick(["view", "id", "states", "source", `x-${text(6)}`]); return [{ type: TYPE, state: { view: pick(views) }, [key]: int(9) }, key]; },
    ownType: () => [{ type: pick(["landscape:warning", "landscape:height", "landscape:statechange", "landscape:error"]), problems: [] }, null],
    valid: () => [{ type: TYPE, state: { view: pick(views) } }, null],
  };
  // With a widget whose setState reports problems, values the door passes but the data refuses.
  if (widgetReports) kinds.badValue = () => [{ type: TYPE, state: { view: pick(["trends", "Map", "", "map "]) } }, "view"];
  const names = Object.keys(kinds);
  const out = [];
  const counts = {};
  for (let i = 0; i < count; i++) {
    const kind = names[i % names.length];
    const [message, expect] = kinds[kind]();
    counts[kind] = (counts[kind] || 0) + 1;
    out.push({ message, expect, kind });
  }
  return { out, counts };
}

test("fuzz: 400 generated messages from the allowed parent, each malformed one answered, the widget still draws", async () => {
  setConfig({ parentOrigins: [portal.url] });
  try {
    const { page, context, errors, frame } = await openFramed(portal, "view=map");
    // Whether the widget's setState() reports values the data refuses (the wasm's problems list)
    // or still returns a boolean: the generator adds such values only when it does.
    const widgetReports = await frame.evaluate(() => {
      const answer = window.explorer.setState({ view: "no-such-view" });
      return Array.isArray(answer) && answer.length > 0;
    });
    const seed = 20261201;
    const result = await page.evaluate(async ([source, args]) => {
      // The generator's source came from the test: the page has no CSP, so it may be compiled here.
      const generateIn = (0, eval)(`(${source})`);
      const { out, counts } = generateIn(args);
      const target = document.getElementById("frame").contentWindow;
      window.messages.length = 0;
      let unsendable = 0;
      const sent = [];
      for (const m of out) {
        try { target.postMessage(m.message, "*"); sent.push(m); } catch { unsendable++; }
      }
      target.postMessage({ type: "landscape:sentinel" }, "*");
      const until = Date.now() + 20000;
      while (!window.messages.some((m) => m.data?.type === "landscape:warning" && m.data.problems[0]?.value === "landscape:sentinel") && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const warnings = window.messages.filter((m) => m.data?.type === "landscape:warning");
      return {
        counts, unsendable,
        expected: sent.filter((m) => m.expect !== null).map((m) => ({ kind: m.kind, key: m.expect })),
        lastView: sent.filter((m) => m.kind === "valid" || (m.kind === "extraMember")).at(-1)?.message.state.view,
        answers: warnings.map((w) => ({ origin: w.origin, problems: w.data.problems })),
      };
    }, [generate.toString(), { seed, count: 400, views: VIEWS, widgetReports }]);
    console.log(`fuzz seed ${seed}: ${JSON.stringify(result.counts)}; ${result.answers.length} warnings (widget setState ${widgetReports ? "reports problems" : "returns a boolean"})`);
    assert.equal(result.unsendable, 0, "some generated messages could not be posted (the test would not cover them)");
    const sentinel = result.answers.at(-1);
    assert.equal(sentinel?.problems[0].value, "landscape:sentinel", "the last answer is not the sentinel's: answers were lost or reordered");
    const answers = result.answers.slice(0, -1);
    assert.equal(answers.length, result.expected.length, `warnings for ${answers.length} of ${result.expected.length} malformed messages`);
    answers.forEach((a, i) => {
      const want = result.expected[i];
      assert.equal(a.origin, site.url);
      assert.ok(Array.isArray(a.problems) && a.problems.length >= 1 && a.problems.length <= 20, `answer ${i}: ${JSON.stringify(a.problems)}`);
      assert.equal(a.problems[0].key, want.key, `answer ${i} (${want.kind}): ${JSON.stringify(a.problems).slice(0, 300)}`);
      for (const p of a.problems) {
        assert.equal(typeof p.message, "string");
        assert.ok(p.message.length > 5 && p.message.length < 400, `answer ${i}: message ${p.message.length} characters`);
        if (typeof p.value === "string") assert.ok(p.value.length <= 201, `answer ${i}: the value was echoed whole (${p.value.length} characters)`);
      }
    });
    for (const kind of ["huge"]) {
      const huge = answers.filter((a, i) => result.expected[i].kind === kind);
      assert.ok(huge.every((a) => /longer than 65536 characters/.test(a.problems[0].message)), JSON.stringify(huge[0]));
    }
    // The widget went on working: the last valid view is applied and it draws.
    await frame.waitForFunction((v) => window.explorer.getState().view === v, result.lastView, { timeout: 5000 });
    await assertDraws(frame, "#landscape", "the frame after the fuzz");
    assert.deepEqual(unexpected(errors), []);
    await context.close();
  } finally { setConfig(null); }
});

test("embed.js never posts with targetOrigin \"*\"", () => {
  const code = readFileSync(join(ROOT, "web", "embed.js"), "utf8").split("\n").filter((l) => !/^\s*\/\//.test(l)).join("\n");
  const posts = code.match(/postMessage\([^;]*/g) || [];
  assert.ok(posts.length >= 2, `found ${posts.length} postMessage calls`);
  assert.deepEqual(posts.filter((p) => /["'`]\*["'`]/.test(p)), []);
});
