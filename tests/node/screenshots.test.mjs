// The README's pictures (web/tools/screenshots.mjs, ./landscape screenshots): every view at both
// widths is in docs/screenshots/, is a PNG of the widget at that width (a desktop picture is
// wider than a phone's CSS width, a phone's is drawn at pixel ratio 2), is small (indexed, at
// most 256 colours), and the README shows each one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { decodePng } from "../../web/tools/png-palette.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const VIEWS = ["map", "trend", "compare", "share", "table", "sources"];
const SIZES = { desktop: [700, 1280], phone: [2 * 300, 2 * 375] };   // picture widths in pixels

test("every view has a desktop and a phone picture, at its width, indexed", () => {
  for (const view of VIEWS) for (const [size, [min, max]] of Object.entries(SIZES)) {
    const file = join(ROOT, "docs", "screenshots", `${view}-${size}.png`);
    assert.ok(existsSync(file), `${view}-${size}.png is missing: run ./landscape screenshots`);
    const png = readFileSync(file);
    const { width, height } = decodePng(png);
    assert.ok(width >= min && width <= max, `${view}-${size}.png is ${width} px wide, not ${min}-${max}`);
    assert.ok(height > 300, `${view}-${size}.png is only ${height} px high`);
    assert.equal(png[25], 3, `${view}-${size}.png is not an indexed PNG`);
    assert.ok(png.length < 200 * 1024, `${view}-${size}.png is ${png.length} B`);
  }
});

test("the README shows every picture", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  for (const view of VIEWS) for (const size of Object.keys(SIZES)) {
    assert.ok(readme.includes(`](docs/screenshots/${view}-${size}.png)`), `README.md does not show ${view}-${size}.png`);
  }
});
