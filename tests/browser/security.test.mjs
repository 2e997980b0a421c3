// Good manners in someone else's page (docs/embedding.md): a strict Content-Security-Policy,
// data text never becoming HTML, no eval, and the portal's credentials kept out of URLs and logs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import {
  launch, serve, openPage, assertDraws, htmlPage, routesFrom, unexpectedErrors, mirror, realDataText, DIST, ROOT,
} from "./harness.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Records CSP violations in every document, before its own scripts run.
function recordViolations() {
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", (e) =>
    window.__violations.push(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`), true);
}

test("under the strict CSP the demo page and the iframe page draw with no violation", async () => {
  const site = await serve({ csp: true });
  try {
    for (const [path, waitFor, selectors] of [
      // Functions, not strings: Playwright evaluates a string predicate with eval, which this CSP forbids.
      ["/index.html", () => window.explorer && window.explorerSmall, ["#landscape", "#landscape-arpu"]],
      ["/embed.html?view=trend", () => window.explorer, ["#landscape"]],
    ]) {
      const { page, context, errors } = await openPage(browser, `${site.url}${path}`, { waitFor, init: recordViolations });
      const header = (await page.request.get(`${site.url}${path}`)).headers()["content-security-policy"];
      assert.match(header, /script-src 'self' 'wasm-unsafe-eval'/, "the server did not send the strict policy");
      for (const sel of selectors) await assertDraws(page, sel, `${path} ${sel}`);
      await page.evaluate(() => window.explorer.setState({ view: "sources" }));
      await page.waitForTimeout(300);
      await assertDraws(page, "#landscape", `${path} sources view`);
      assert.deepEqual(await page.evaluate(() => window.__violations), [], `${path}: CSP violations`);
      // dist/ ships an empty embed-config.json, so not even a 404 reaches the console.
      assert.deepEqual(errors, [], `${path}: console errors`);
      await context.close();
    }
  } finally { await site.close(); }
});

// A valid landscape/1 file whose every name is markup that would run if inserted as HTML.
const IMG = `<img src=x onerror="window.__pwned=1">`;
const SCRIPT = `<script>window.__pwned=1</script>`;
function hostileData() {
  const d = JSON.parse(readFileSync(join(ROOT, "tests", "data", "minimal.json"), "utf8"));
  d.title = `${SCRIPT} report ${IMG}`;
  d.license = `${IMG} licence`;
  d.caveats = [`${SCRIPT} caveat`];
  d.regions.forEach((r, i) => { r.name = `${i % 2 ? IMG : SCRIPT} region ${i}`; });
  d.entities.forEach((e, i) => { e.name = `${i % 2 ? SCRIPT : IMG} entity ${i}`; });
  d.metrics.forEach((m, i) => { m.name = `${IMG} metric ${i}`; m.unit = SCRIPT; });
  d.sources.forEach((s) => { s.title = `${IMG} source`; s.url = "javascript:window.__pwned=1"; });
  return d;
}
// What the widget's shadow root holds: elements that must never appear, and the mirror's text.
const shadowReport = (page) => page.evaluate(() => {
  const root = document.querySelector("#landscape").firstElementChild.shadowRoot;
  return {
    pwned: window.__pwned,
    markup: [...root.querySelectorAll("img, script, a, iframe, object")].map((n) => n.outerHTML),
    documentImages: document.querySelectorAll("img").length,
    text: root.textContent,
  };
});

test("hostile names and titles stay text: nothing runs, the mirror shows them literally", async () => {
  const site = await serve();
  try {
    const { page, context, errors } = await openPage(browser, `${site.url}/index.html`);
    const result = await page.evaluate((d) => window.explorer.setData(d), hostileData());
    assert.equal(result.title, hostileData().title);
    const seenInViews = new Set();
    for (const view of ["map", "table", "compare", "sources"]) {
      await page.evaluate((v) => window.explorer.setState({ view: v, metric: "mau", entities: ["facebook", "xiaohongshu"] }), view);
      await page.waitForTimeout(250);
      const r = await shadowReport(page);
      assert.equal(r.pwned, undefined, `${view}: data ran as script`);
      assert.deepEqual(r.markup, [], `${view}: data became elements`);
      assert.equal(r.documentImages, 0);
      if (r.text.includes("<img src=x")) seenInViews.add(view);
      if (r.text.includes("<script>window.__pwned")) seenInViews.add(view);
    }
    const m = await mirror(page);
    assert.ok(m.label.includes(SCRIPT), `the accessible label does not carry the title literally: ${m.label}`);
    assert.ok(seenInViews.has("table"), "the table mirror does not show the hostile names as text");
    assert.ok(seenInViews.size >= 2, `the hostile names appear as text only in ${[...seenInViews]}`);
    await assertDraws(page, "#landscape", "the widget with hostile names");

    // Markup inside an error message (an unknown id) is text too.
    const bad = hostileData();
    bad.observations[0].region = "<img src=x onerror=window.__pwned=1>";
    const refused = await page.evaluate((d) => window.explorer.setData(d).then(() => null, (e) => e.message), bad);
    assert.ok(refused, "a file with an unknown region was accepted");
    await page.waitForTimeout(300);
    const after = await shadowReport(page);
    assert.equal(after.pwned, undefined);
    assert.deepEqual(after.markup, []);
    assert.deepEqual(errors, []);
    await context.close();
  } finally { await site.close(); }
});

test("the iframe page shows a hostile error message as text", async () => {
  const bad = hostileData();
  bad.format = `<img src=x onerror="window.__pwned=1">`;
  const site = await serve({ routes: routesFrom({ "/hostile.json": (req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(bad)) }) });
  try {
    const { page, context, errors } = await openPage(browser, `${site.url}/embed.html?src=/hostile.json`, { waitFor: () => document.querySelector("#landscape p") });
    const shown = await page.evaluate(() => ({ text: document.querySelector("#landscape p").textContent, imgs: document.querySelectorAll("img").length, pwned: window.__pwned }));
    assert.match(shown.text, /could not start/);
    assert.equal(shown.imgs, 0);
    assert.equal(shown.pwned, undefined);
    assert.deepEqual(unexpectedErrors(errors), []);
    await context.close();
  } finally { await site.close(); }
});

// Real eval calls, not the word in a comment or a longer name (evaluate, retrieval).
function codeOnly(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").split("\n").filter((l) => !/^\s*\/\//.test(l)).join("\n");
}
const DYNAMIC_CODE = [
  [/(^|[^\w$.])eval\s*\(/, "eval("],
  [/\bnew\s+Function\s*\(/, "new Function("],
  [/(^|[^\w$.])Function\s*\(\s*["'`]/, "Function(\"...\")"],
  [/\bset(Timeout|Interval)\s*\(\s*["'`]/, "setTimeout/setInterval with a string"],
];

test("no eval or new Function in any script of dist/", () => {
  const files = readdirSync(DIST).filter((f) => /\.(js|html)$/.test(f));
  assert.ok(files.includes("landscape.js") && files.includes("landscape-core.js") && files.includes("landscape-demo.html"));
  const found = [];
  for (const f of files) {
    const code = codeOnly(readFileSync(join(DIST, f), "utf8"));
    for (const [re, what] of DYNAMIC_CODE) {
      const m = code.match(re);
      if (m) found.push(`${f}: ${what} at …${code.slice(Math.max(0, m.index - 40), m.index + 40)}…`);
    }
  }
  assert.deepEqual(found, []);
  // The detector itself finds a real call.
  assert.ok(DYNAMIC_CODE[0][0].test(codeOnly("x = eval('1')")) && !DYNAMIC_CODE[0][0].test(codeOnly("// eval(x)\npage.evaluate(f)")));
});

test("credentials passed through fetch options never reach a URL or the console", async () => {
  const TOKEN = "secret-token-123";
  const seen = [];
  const secure = (req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) { res.writeHead(401, { "content-type": "text/plain" }).end("who are you?"); return; }
    res.writeHead(200, { "content-type": "application/json" }).end(realDataText());
  };
  const site = await serve({
    routes: routesFrom({
      "/secure/data.json": secure,
      "/secure/gone.json": (req, res) => res.writeHead(404, { "content-type": "text/plain" }).end("gone"),
      "/t/secure.html": htmlPage(`<div id="landscape" style="height: 500px"></div>`,
        `import { createLandscape } from "/landscape.js";
         const w = await createLandscape(document.getElementById("landscape"), {
           src: "/secure/data.json", fetch: { headers: { Authorization: "Bearer ${TOKEN}" } } });
         window.errorEvents = [];
         w.on("error", (e) => { window.errorEvents.push(e); console.log("landscape error:", JSON.stringify(e)); });
         window.explorer = w;`),
    }, seen),
  });
  try {
    const { page, context, errors, messages } = await openPage(browser, `${site.url}/t/secure.html`);
    const requested = [];
    page.on("request", (r) => requested.push(r.url()));
    assert.ok(seen.some((s) => s.url === "/secure/data.json" && s.headers.authorization === `Bearer ${TOKEN}`), "the header was not sent");
    assert.ok((await page.evaluate(() => window.explorer.stats().observations)) >= 450, "the authorised load did not show the data");
    await assertDraws(page, "#landscape", "the widget with authorised data");
    // Failures with the header set: the server refuses, or the file is gone.
    const failures = await page.evaluate(async (token) => {
      const out = [];
      for (const url of ["/secure/gone.json", "/secure/data.json"]) {
        const init = url.endsWith("gone.json") ? { headers: { Authorization: `Bearer ${token}` } } : { headers: { Authorization: "Bearer wrong" } };
        out.push(await window.explorer.load(url, init).then(() => "resolved", (e) => JSON.stringify({ message: e.message, problems: e.problems, kind: e.kind })));
      }
      await window.explorer.load("/secure/data.json", { headers: { Authorization: `Bearer ${token}` } });
      await new Promise((r) => setTimeout(r, 50));
      return out.concat(window.errorEvents.map((e) => JSON.stringify(e)));
    }, TOKEN);
    assert.match(failures[0], /404/);
    assert.match(failures[1], /401/);
    const everyUrl = [...seen.map((s) => s.url), ...requested];
    assert.ok(everyUrl.length > 3);
    assert.deepEqual(everyUrl.filter((u) => u.includes(TOKEN)), [], "the token appeared in a URL");
    assert.deepEqual(messages.filter((m) => m.text.includes(TOKEN)), [], "the token appeared on the console");
    assert.ok(messages.some((m) => m.text.startsWith("landscape error:")), "the error events were not logged (the check saw nothing)");
    assert.deepEqual(failures.filter((f) => f.includes(TOKEN)), [], "the token appeared in an error");
    const state = await page.evaluate(() => JSON.stringify(window.explorer.getState()) + location.href + window.explorer.exportCSV());
    assert.ok(!state.includes(TOKEN), "the token appeared in the state, the address or the CSV");
    assert.deepEqual(unexpectedErrors(errors), []);
    await context.close();
  } finally { await site.close(); }
});
