// docs/publishing.md's commands, run in its order on a copy of the demo data, as a researcher would
// type them: export to CSV files and to .xlsx, an edit in the sheets, import, validate, lint (with
// and without the accepted findings), diff, publish. A command whose comment says "exits N" must
// exit N; every other must exit 0. The diff must show the edit as a revision.
//
//   node --test tests/node/publishing.test.mjs     (needs build/native/landscape-data: ./landscape build)
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = join(ROOT, "build", "native");
const doc = readFileSync(join(ROOT, "docs", "publishing.md"), "utf8");

// Every line of every ```sh block, in document order, with the exit status its comment promises.
function commands() {
  const out = [];
  for (const block of doc.matchAll(/```sh\n([\s\S]*?)```/g))
    for (const line of block[1].split("\n")) {
      const command = line.replace(/\s+#.*$/, "").trim();
      if (!command || command.startsWith("#")) continue;
      const exits = /#.*\bexits (\d+)/.exec(line);
      out.push({ command, exit: exits ? Number(exits[1]) : 0 });
    }
  return out;
}

test("docs/publishing.md's commands run as written on a copy of the demo data", (t) => {
  assert.ok(existsSync(join(BIN, "landscape-data")), "build/native/landscape-data is missing: run ./landscape build");
  const steps = commands();
  assert.ok(steps.length >= 10, `the page should show the whole path, found ${steps.length} commands`);
  for (const verb of ["export", "import", "validate", "lint", "diff"])
    assert.ok(steps.some((s) => s.command.startsWith(`landscape-data ${verb} `)), `no "landscape-data ${verb}" command in docs/publishing.md`);

  const dir = mkdtempSync(join(tmpdir(), "landscape-publishing-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(join(ROOT, "data", "landscape.json"), join(dir, "landscape.json"));
  copyFileSync(join(ROOT, "data", "lint", "accepted.json"), join(dir, "lint-accepted.json"));

  let edited = false;
  for (const step of steps) {
    // The researcher's edit, just before the sheets come back: one figure revised in the CSV file.
    if (!edited && step.command.startsWith("landscape-data import ")) {
      const csv = join(dir, "sheets", "observations.csv");
      const lines = readFileSync(csv, "utf8").split("\r\n");
      const header = lines[0].replace(/^\uFEFF/, "").split(",");
      const value = header.indexOf("value");
      const cells = lines[1].split(",");
      assert.match(cells[value], /^-?[0-9.]+$/, "the first observation's value cell should be a plain number");
      cells[value] = String(Number(cells[value]) + 1);
      lines[1] = cells.join(",");
      writeFileSync(csv, lines.join("\r\n"));
      edited = true;
    }
    const r = spawnSync("bash", ["-c", step.command], { cwd: dir, encoding: "utf8", env: { ...process.env, PATH: `${BIN}:${process.env.PATH}` } });
    assert.equal(r.status, step.exit, `"${step.command}" exited ${r.status}, the page says ${step.exit}:\n${r.stdout}${r.stderr}`);
  }
  assert.ok(edited, "the page never imports the sheets");

  // What the steps left: the edition, its revisions (the edit among them) and the published copy.
  const revisions = JSON.parse(readFileSync(join(dir, "revisions.json"), "utf8"));
  assert.equal(revisions.revised.length, 1, "the one edited figure is the one revision");
  assert.equal(revisions.revised[0].new - revisions.revised[0].old, 1);
  assert.deepEqual([revisions.added.length, revisions.removed.length], [0, 0]);
  assert.ok(existsSync(join(dir, "landscape.xlsx")));
  assert.equal(readFileSync(join(dir, "portal", "research", "social-landscape.json"), "utf8"), readFileSync(join(dir, "next.json"), "utf8"));
});
