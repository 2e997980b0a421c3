#!/usr/bin/env node
// Prints every layout violation (issue #12's rules, tests/browser/layout-rules.mjs) of the built
// widget in dist/, per configuration. A developer's tool: it builds nothing (run ./landscape build
// first), serves dist/ and opens Chromium as the browser tests do.
//
//   node tests/browser/layout-check.mjs [--view map|trend|compare|share|table|sources]
//        [--width W] [--data demo|long|music] [--dark] [--items]
//
// --view and --width may repeat (or take a comma list); without them every view and every width
// of the test matrix (320@3x, 375@2x, 768@2x, 1280, 1920, 2560) is checked. --items also prints
// what layout() reported. Exit status 1 when anything is violated.
import { launch, serve } from "./harness.mjs";
import { Views, Datasets, Screens, screenFor, layoutRoutes, openLayoutPage, inspectView } from "./layout-rules.mjs";

function parseArgs(argv) {
  const opts = { views: [], widths: [], data: "demo", dark: false, items: false };
  const list = (v) => String(v || "").split(",").filter(Boolean);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, null];
    const value = () => (inline != null ? inline : argv[++i]);
    if (flag === "--view") opts.views.push(...list(value()));
    else if (flag === "--width") opts.widths.push(...list(value()).map(Number));
    else if (flag === "--data") opts.data = value();
    else if (flag === "--dark") opts.dark = true;
    else if (flag === "--items") opts.items = true;
    else if (flag === "--help" || flag === "-h") { console.log(readUsage()); process.exit(0); }
    else throw new Error(`unknown argument ${a} (try --help)`);
  }
  for (const v of opts.views) if (!Views.includes(v)) throw new Error(`--view ${v}: expected one of ${Views.join(", ")}`);
  for (const w of opts.widths) if (!(w >= 100 && w <= 4000)) throw new Error(`--width ${w}: expected a width in CSS px (100-4000)`);
  if (!Datasets[opts.data]) throw new Error(`--data ${opts.data}: expected one of ${Object.keys(Datasets).join(", ")}`);
  if (!opts.views.length) opts.views = Views;
  if (!opts.widths.length) opts.widths = Screens.map((s) => s.width);
  return opts;
}

function readUsage() {
  return "usage: node tests/browser/layout-check.mjs [--view V] [--width W] [--data demo|long|music] [--dark] [--items]";
}

const round = (v) => Math.round(v * 10) / 10;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const browser = await launch();
  const site = await serve({ routes: layoutRoutes() });
  let total = 0;
  try {
    for (const width of opts.widths) {
      const screen = screenFor(width);
      const { page, context, errors } = await openLayoutPage(browser, site.url, { ...screen, data: opts.data, dark: opts.dark });
      for (const view of opts.views) {
        const r = await inspectView(page, view);
        const name = `${view} ${width}px@${screen.dpr}x ${opts.dark ? "dark" : "light"} ${opts.data}`;
        const period = r.period === undefined ? "" : r.period ? `, period ${r.period.label}` : ", period unknown";
        console.log(`${name}: ${r.violations.length} violation${r.violations.length === 1 ? "" : "s"} (${r.items.length} items, canvas ${r.width}x${r.height}${period})`);
        for (const v of r.violations) console.log(`  ${v.rule}: ${v.message}`);
        if (opts.items) for (const it of r.items) console.log(`    ${it.role.padEnd(9)} ${JSON.stringify(it.text)} ${[it.x, it.y, it.w, it.h].map(round).join(",")}${it.highlighted ? " highlighted" : ""}`);
        total += r.violations.length;
      }
      if (errors.length) console.log(`  console errors at ${width}px: ${errors.join(" | ")}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
  console.log(`${total} violation${total === 1 ? "" : "s"} in all`);
  process.exitCode = total ? 1 : 0;
}

main().catch((e) => { console.error(`layout-check: ${e.message}`); process.exitCode = 2; });
