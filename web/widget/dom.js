// DOM: the widget's own elements inside a shadow root: the canvas ImGui draws into, a hidden text
// field for typed text, and the accessible mirror (filled by mirror.js). Nothing outside `parent`
// is touched, and destroy() removes the host and with it everything here.

// All styles live in the shadow root: nothing leaks into the host page, and constructed
// stylesheets need no 'unsafe-inline' under a strict CSP.
const Style = `
:host { display: block; position: relative; width: 100%; height: 100%; min-height: 200px; overflow: hidden; contain: content; }
.frame { position: absolute; inset: 0; user-select: none; -webkit-user-select: none; }
canvas { position: absolute; inset: 0; width: 100%; height: 100%; display: block; outline: none; touch-action: pan-y pinch-zoom; }
canvas:focus-visible { outline: 2px solid #3b82f6; outline-offset: -2px; }
.text-agent { position: absolute; left: 0; top: 0; width: 1px; height: 1px; opacity: 0; border: 0; padding: 0; font-size: 16px; pointer-events: none; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
`;

let sheet = null;         // one stylesheet shared by every widget's shadow root
let widgetCount = 0;      // for ids unique on the page (aria-describedby)

function styleSheet() {
  if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(Style); }
  return sheet;
}

export function buildDom(parent) {
  const id = `landscape-${++widgetCount}`;
  const host = document.createElement("div");
  host.style.width = "100%";
  host.style.height = "100%";
  host.style.position = "relative";
  const shadow = host.attachShadow({ mode: "open" });
  shadow.adoptedStyleSheets = [styleSheet()];

  const frame = document.createElement("div");
  frame.className = "frame";

  const canvas = document.createElement("canvas");
  canvas.tabIndex = 0;
  canvas.setAttribute("role", "application");
  canvas.setAttribute("aria-roledescription", "interactive data explorer");
  canvas.setAttribute("aria-label", "Landscape data explorer");
  canvas.setAttribute("aria-describedby", `${id}-summary`);

  // A hidden text field takes typed text while ImGui edits a text box, so IME composition
  // (小红书) and mobile keyboards work; the canvas itself cannot receive composed text.
  const textAgent = document.createElement("input");
  textAgent.className = "text-agent";
  textAgent.type = "text";
  textAgent.tabIndex = -1;
  textAgent.setAttribute("aria-label", "Text entry for the data explorer");
  textAgent.autocomplete = "off";
  textAgent.spellcheck = false;

  // The accessible mirror: what the canvas shows, as HTML a screen reader can read.
  const mirror = document.createElement("section");
  mirror.className = "sr-only";
  mirror.setAttribute("aria-label", "Data shown in the explorer");
  const summary = document.createElement("p");
  summary.id = `${id}-summary`;
  const live = document.createElement("div");
  live.setAttribute("aria-live", "polite");
  live.setAttribute("role", "status");
  const table = document.createElement("table");
  mirror.append(summary, live, table);

  frame.append(canvas, textAgent);
  shadow.append(frame, mirror);
  parent.append(host);
  return { host, shadow, canvas, textAgent, summary, live, table };
}
