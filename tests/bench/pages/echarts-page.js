// The bench's peer page: the regional map of Meta's revenue from data/landscape.json drawn with
// ECharts 6 (tree-shaken: the map series, tooltip, visual map, canvas renderer) and the world
// geometry of world-atlas (Natural Earth 1:110m, the widget's own source) turned into GeoJSON with
// topojson-client. It picks the figures the way the widget's map does: the latest quarter of
// Meta's "revenue-by-user-geography", each country coloured with the value of the smallest region
// that lists it, a region holding another region with a figure (a total, e.g. the world) left out.
import * as echarts from "echarts/core";
import { MapChart } from "echarts/charts";
import { TooltipComponent, VisualMapComponent, TitleComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { feature } from "topojson-client";
import { ready } from "./free.js";

echarts.use([MapChart, TooltipComponent, VisualMapComponent, TitleComponent, CanvasRenderer]);

const Entity = "meta", Metric = "revenue-by-user-geography";

async function main() {
  const [topology, data] = await Promise.all([
    fetch("world-110m.json").then((r) => r.json()),
    fetch("../data/landscape.json").then((r) => r.json()),
  ]);
  // world-110m.json: the atlas with ISO alpha-2 codes as ids (tests/bench/pages.mjs writes it).
  const world = feature(topology, topology.objects.countries);
  for (const f of world.features) f.properties = { name: f.id };
  echarts.registerMap("world", world);

  const rows = [];
  const obs = data.observations;
  if (Array.isArray(obs)) rows.push(...obs);
  else {
    const col = Object.fromEntries(obs.columns.map((c, i) => [c, i]));
    for (const r of obs.rows) rows.push({ entity: r[col.entity], metric: r[col.metric], region: r[col.region], period: r[col.period], value: r[col.value] });
  }
  const series = rows.filter((o) => o.entity === Entity && o.metric === Metric && /^\d{4}-Q[1-4]$/.test(o.period));
  const latest = series.reduce((p, o) => (o.period > p ? o.period : p), "");
  const regions = new Map(data.regions.map((r) => [r.id, r]));
  const atLatest = series.filter((o) => o.period === latest);
  const contains = (a, b) => a.world || (!b.world && !!b.countries && b.countries.every((c) => (a.countries || []).includes(c)));
  const parts = atLatest.filter((o) => !atLatest.some((p) => p !== o && contains(regions.get(o.region), regions.get(p.region))));
  // Larger regions first, so a smaller region's countries take its value.
  parts.sort((a, b) => regions.get(b.region).countries.length - regions.get(a.region).countries.length);
  const byCountry = new Map();
  for (const o of parts) for (const c of regions.get(o.region).countries) byCountry.set(c, { value: o.value, region: regions.get(o.region).name });
  const values = parts.map((o) => o.value);

  const chart = echarts.init(document.getElementById("chart"));
  chart.on("rendered", () => ready());
  chart.setOption({
    title: { text: `Meta Platforms: revenue by user geography, ${latest} (USD millions)`, left: "center" },
    tooltip: { trigger: "item", formatter: (p) => (p.data ? `${p.data.region}: ${p.data.value.toLocaleString("en")}` : p.name) },
    visualMap: { min: Math.min(...values), max: Math.max(...values), left: "left", bottom: 20, calculable: false, text: ["high", "low"],
      inRange: { color: ["#deebf7", "#3182bd", "#08306b"] }, outOfRange: { color: ["#cccccc"] } },
    series: [{
      type: "map", map: "world", roam: false,
      data: [...byCountry].map(([name, d]) => ({ name, value: d.value, region: d.region })),
    }],
  });
}
main().catch((e) => console.error("bench echarts page:", e.message));
