// Bytes are not noisy: the demo page's gzip payload must stay within the committed budget.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

test("the demo page's download stays within the size budget", () => {
  const budget = JSON.parse(readFileSync(join(root, "tests", "size-budget.json"), "utf8"));
  let total = 0;
  const parts = [];
  for (const f of budget.files) {
    const path = join(root, "dist", f);
    assert.ok(existsSync(path), `dist/${f} is missing: run ./landscape build`);
    const bytes = gzipSync(readFileSync(path), { level: 9 }).length;
    parts.push(`${f} ${bytes}`);
    total += bytes;
  }
  console.log(`gzip payload: ${total} bytes (${parts.join(", ")}); budget ${budget.maxGzipBytes}`);
  assert.ok(total <= budget.maxGzipBytes, `gzip payload ${total} B is over the budget of ${budget.maxGzipBytes} B`);
});
