// Generated landscape/1 files for load, size and speed tests: N observations over a few
// hundred series, in the compact table form (or the object form), with some estimates, notes
// and sources, like a large research file.
export function generateDataset(n, { form = "compact", title = "Generated benchmark data" } = {}) {
  const entities = 50, regions = 20, metrics = 4;
  const perSeries = Math.ceil(n / (entities * regions * metrics));
  const doc = {
    format: "landscape/1",
    title,
    license: "Generated for testing",
    regions: Array.from({ length: regions }, (_, i) => ({ id: `r${i}`, name: `Region ${i}`, countries: i === 0 ? undefined : [["US", "CA", "MX", "BR", "DE", "FR", "CN", "JP", "KR", "IN", "EG", "ZA", "AU", "GB", "IT", "ES", "RU", "TR", "ID", "NG"][i]], world: i === 0 ? true : undefined })),
    entities: Array.from({ length: entities }, (_, i) => ({ id: `e${i}`, name: `Entity ${i}`, hq_country: i % 2 ? "US" : "CN" })),
    metrics: Array.from({ length: metrics }, (_, i) => ({ id: `m${i}`, name: `Metric ${i}`, unit: "millions", aggregate: i < 2 ? "sum" : "none" })),
    sources: [{ id: "s0", title: "Generated source A" }, { id: "s1", title: "Generated source B" }],
  };
  const rows = [];
  let count = 0;
  outer: for (let m = 0; m < metrics; m++)
    for (let e = 0; e < entities; e++)
      for (let r = 0; r < regions; r++)
        for (let k = 0; k < perSeries; k++) {
          if (count++ >= n) break outer;
          const year = 1950 + Math.floor(k / 12), month = String(1 + (k % 12)).padStart(2, "0");
          const value = Math.round(((e + 1) * (r + 1) + k * 0.37) * 100) / 100;
          rows.push([`e${e}`, `m${m}`, `r${r}`, `${year}-${month}`, value, k % 2 ? "s1" : "s0", k % 10 === 0 ? "estimate" : null, k % 50 === 0 ? "generated note" : null]);
        }
  if (form === "compact") doc.observations = { columns: ["entity", "metric", "region", "period", "value", "source", "confidence", "note"], rows };
  else doc.observations = rows.map(([entity, metric, region, period, value, source, confidence, note]) => {
    const o = { entity, metric, region, period, value, source };
    if (confidence) o.confidence = confidence;
    if (note) o.note = note;
    return o;
  });
  return JSON.stringify(doc);
}
