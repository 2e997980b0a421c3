// What a <social-landscape> that could not start shows in its place. createLandscape() rejects
// and removes what it added, so a host script decides what its page says; an element written
// into the page has no host script, and left alone it was a blank box. The notice says why, with
// a refused file's located problems (line, column, JSON pointer), as text a screen
// reader announces (role="alert"), in a shadow root of its own: the page's styles neither reach
// it nor leak out of it, and a constructed stylesheet needs no 'unsafe-inline' under a strict CSP.

// The box looks as the iframe page's message does (web/embed.css, .embed-message): one look for
// "the explorer could not start" wherever a reader meets it. It is written twice because neither
// can load the other: the iframe page must speak when this script did not load, and a portal's
// page has no embed.css. tests/node/notice-look.test.mjs fails when the two differ.
const Style = `
:host { display: block; height: 100%; }
.notice { box-sizing: border-box; max-height: 100%; overflow: auto; margin: 0; padding: 1rem 1.25rem; max-width: 40rem; font: 15px/1.5 system-ui, sans-serif;
  color: #1d1d1f; background: #fff; border: 1px solid #c8c8cc; border-radius: 4px; overflow-wrap: anywhere; }
.notice p { margin: 0; }
.notice ul { margin: 0.5rem 0 0; padding-left: 1.25rem; }
@media (prefers-color-scheme: dark) { .notice { color: #f0f0f2; background: #1d1d1f; border-color: #48484a; } }
`;
const MaxProblems = 5;   // the rest are counted: the loader's full list is in the error event

let sheet = null;
function styleSheet() {
  if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(Style); }
  return sheet;
}

// "line 19, column 74, /observations/0/period: period "2023-Q5" is not valid: ..."
export function problemLine(p) {
  const where = [p.line ? `line ${p.line}` : "", p.column ? `column ${p.column}` : "", p.pointer || ""].filter(Boolean).join(", ");
  return where ? `${where}: ${p.message}` : p.message;
}

// Appends the notice for `error` (a LoadError: message, problems) to `parent`; returns its host,
// which the caller removes when it starts again.
export function showStartFailure(parent, error) {
  const host = document.createElement("div");
  const shadow = host.attachShadow({ mode: "open" });
  shadow.adoptedStyleSheets = [styleSheet()];
  const box = document.createElement("div");
  box.className = "notice";
  box.setAttribute("role", "alert");
  const head = document.createElement("p");
  // A refused file's message names its first problem compiler-style ("data:19:74: error: ...");
  // the list says each one in words instead.
  const problems = (error?.problems || []).filter((p) => p.severity !== "warning");
  const count = problems.length === 1 ? "a problem" : `${problems.length} problems`;
  head.textContent = `This explorer could not start: ${problems.length ? `its data file was refused, with ${count}:` : error?.message ?? error}`;
  box.append(head);
  if (problems.length) {
    const list = document.createElement("ul");
    for (const p of problems.slice(0, MaxProblems)) {
      const item = document.createElement("li");
      item.textContent = problemLine(p);
      list.append(item);
    }
    if (problems.length > MaxProblems) {
      const more = document.createElement("li");
      more.textContent = `and ${problems.length - MaxProblems} more`;
      list.append(more);
    }
    box.append(list);
  }
  shadow.append(box);
  parent.append(host);
  return host;
}
