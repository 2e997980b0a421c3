// embed.html: the widget full-frame inside an iframe, configured by the URL:
//   embed.html?src=/research/file.json&view=map&metric=facebook-dau&theme=dark&height=600&origin=https://portal.example
// It posts {type:"landscape:height", height} and {type:"landscape:statechange", state} to the
// parent, and accepts {type:"landscape:setState", state} only from an allowed origin: this page's
// own origin, or the ones listed in `origin` (comma-separated).
import { createLandscape } from "./landscape.js";

const params = new URLSearchParams(location.search);
const allowed = new Set([location.origin, ...(params.get("origin") || "").split(",").map((s) => s.trim()).filter(Boolean)]);
const parentOrigin = params.get("origin") ? params.get("origin").split(",")[0].trim() : location.origin;
const height = Math.max(240, Math.min(4000, Number(params.get("height")) || 600));
const root = document.getElementById("landscape");
root.style.setProperty("--landscape-height", `${height}px`);

function post(message) {
  if (window.parent === window) return;
  try { window.parent.postMessage(message, parentOrigin); } catch { /* parent gone */ }
}

const state = {};
for (const key of ["view", "metric", "period", "scale"]) if (params.get(key)) state[key] = params.get(key);
const options = {
  src: params.get("src") || "data/landscape.json",
  theme: params.get("theme") || "auto",
  state,
};

createLandscape(root, options).then((widget) => {
  window.explorer = widget;
  widget.on("statechange", (s) => post({ type: "landscape:statechange", state: s }));
  post({ type: "landscape:height", height: document.documentElement.scrollHeight });
  new ResizeObserver(() => post({ type: "landscape:height", height: document.documentElement.scrollHeight })).observe(document.body);
  window.addEventListener("message", (event) => {
    if (!allowed.has(event.origin)) return;          // only the portal may steer the widget
    const data = event.data;
    if (!data || typeof data !== "object" || data.type !== "landscape:setState") return;
    if (data.state && typeof data.state === "object") widget.setState(data.state);
  });
}, (error) => {
  const p = document.createElement("p");
  p.textContent = `The explorer could not start: ${error.message}`;
  root.replaceChildren(p);
  post({ type: "landscape:error", message: error.message });
});
