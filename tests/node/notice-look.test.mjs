// "The explorer could not start" looks the same wherever a reader meets it: the <social-landscape>
// notice (web/widget/notice.js, a constructed stylesheet in its shadow root) and the iframe page's
// message (web/embed.css, .embed-message). The look is written in both files because neither can
// load the other (notice.js says why); this test is what keeps them one look.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const web = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "web");
const read = (f) => readFileSync(join(web, f), "utf8");

// The declarations of `selector`'s rules in `css`, outside and inside the dark-scheme media query.
function declarations(css, selector) {
  const dark = css.match(/@media \(prefers-color-scheme: dark\) \{([\s\S]*?\})\s*\}/);
  const light = dark ? css.replace(dark[0], "") : css;
  const pick = (text) => {
    const out = {};
    const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    for (const rule of text.matchAll(new RegExp(`(?:^|[\\s}])${escaped}\\s*\\{([^}]*)\\}`, "g")))
      for (const d of rule[1].split(";")) {
        const i = d.indexOf(":");
        if (i > 0) out[d.slice(0, i).trim()] = d.slice(i + 1).trim().replace(/\s+/g, " ");
      }
    return out;
  };
  return { light: pick(light), dark: dark ? pick(dark[1]) : {} };
}

test("the widget's notice and the iframe page's message look the same, light and dark", () => {
  const style = read("widget/notice.js").match(/const Style = `([\s\S]*?)`;/);
  assert.ok(style, "notice.js has no Style");
  const notice = declarations(style[1], ".notice");
  const message = declarations(read("embed.css"), ".embed-message");
  assert.ok(Object.keys(message.light).length >= 8, `embed.css's .embed-message: ${JSON.stringify(message.light)}`);
  // The notice scrolls within its element's height (an element has one; the frame's page scrolls).
  const own = ["max-height", "overflow"];
  const shared = Object.fromEntries(Object.entries(notice.light).filter(([k]) => !own.includes(k)));
  assert.deepEqual(shared, message.light);
  assert.deepEqual(notice.dark, message.dark);
  assert.ok(Object.keys(notice.dark).length >= 3);
});
