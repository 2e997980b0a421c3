// Frame time of another build against dist/, in one browser: both demo pages open side by side,
// measurement batches alternating between them (the order flipping each round), per view, with the
// demo data and with 1,000,000 generated observations. For "no view's frame time grows by more
// than 10 %" checks: on two shared cores, separate bench runs of each build differ by ±30 %, and
// interleaving in one browser cancels most of that.
//
//   node tests/bench/ab-frames.mjs OTHER_DIST [--rounds N] [--views a,b] [--data demo|1M]
//   (OTHER_DIST: a copy of an earlier dist/; --views and --data narrow the run while iterating)
//
// Prints per data and view: the medians (ms per frame, measureFrames(60), median of 5 batches per
// round), the ratio now / before, and every round's figure.
import { launch, serve, openPage, untilQuiet, routesFrom } from "../browser/harness.mjs";
import { generateDataset } from "../browser/generate.mjs";
const other = process.argv[2];
if (!other) { console.error("usage: node tests/bench/ab-frames.mjs OTHER_DIST [--rounds N] [--views a,b] [--data demo|1M]"); process.exit(2); }
const roundsAt = process.argv.indexOf("--rounds");
const big = Buffer.from(generateDataset(1000000, { title: "Generated 1M" }));
const routes = routesFrom({ "/gen/m.json": (req, res) => { res.writeHead(200, { "content-type": "application/json" }); res.end(big); } });
const browser = await launch();
const A = await serve({ root: other, routes }), B = await serve({ routes });
const pages = { before: await openPage(browser, A.url + "/index.html"), now: await openPage(browser, B.url + "/index.html") };
const option = (name) => { const at = process.argv.indexOf(name); return at > 0 ? process.argv[at + 1] : null; };
const views = option("--views") ? option("--views").split(",") : ["map", "trend", "compare", "share", "table", "sources"];
const datas = option("--data") ? [option("--data")] : ["demo", "1M"];
const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 6;
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
for (const data of datas) {
  if (data === "1M") for (const p of Object.values(pages)) await p.page.evaluate(() => window.explorer.load("/gen/m.json"));
  const out = {};
  for (const v of views) out[v] = { before: [], now: [] };
  for (let r = 0; r < rounds; r++) {
    for (const v of views) {
      const order = r % 2 ? ["now", "before"] : ["before", "now"];
      for (const k of order) {
        const { page } = pages[k];
        await page.evaluate((view) => window.explorer.setState({ view }), v);
        await untilQuiet(page, 10);
        const b = [];
        for (let i = 0; i < 5; i++) b.push(await page.evaluate(() => window.explorer.measureFrames(60)));
        out[v][k].push(med(b));
      }
    }
  }
  for (const v of views) {
    const a = med(out[v].before), b = med(out[v].now);
    console.log(`${data.padEnd(5)} ${v.padEnd(8)} before ${a.toFixed(3)} now ${b.toFixed(3)} ratio ${(b / a).toFixed(2)}   before [${out[v].before.map((x) => x.toFixed(3)).join(" ")}] now [${out[v].now.map((x) => x.toFixed(3)).join(" ")}]`);
  }
}
await browser.close(); await A.close(); await B.close();
