// The bench's widget page: one widget, the regional map of Meta's revenue from the demo data (the
// same picture as the ECharts peer page), timed by free.js. Query parameters: ?src=none starts
// without data (the memory figures load into a fresh widget); ?src=URL loads another file.
import { createLandscape } from "../landscape.js";
import { ready } from "./free.js";

const params = new URLSearchParams(location.search);
const src = params.get("src") || "../data/landscape.json";
const options = src === "none" ? {} : {
  src,
  state: { view: "map", metric: "revenue-by-user-geography", entities: ["meta"], granularity: "quarter" },
};
createLandscape(document.getElementById("widget"), options).then((w) => {
  window.explorer = w;
  ready();
}, (e) => console.error("bench widget page:", e.message));
