// The demo article's script: two widgets on one page, and the download buttons. Shared by the
// served page (after `import { createLandscape }`) and the offline file (classic script).
const pageData = typeof LANDSCAPE_DEMO_DATA !== "undefined" ? { data: LANDSCAPE_DEMO_DATA } : { src: "data/landscape.json" };

function download(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function startPage() {
  const main = await createLandscape(document.getElementById("landscape"), { ...pageData, theme: "auto", hash: true });
  window.explorer = main;
  window.explorerFirstFrameMs = performance.now();   // read by ./landscape bench
  document.getElementById("download-csv").addEventListener("click", () =>
    download(new Blob([main.exportCSV()], { type: "text/csv" }), "landscape-view.csv"));
  document.getElementById("download-png").addEventListener("click", async () =>
    download(await main.exportPNG(), "landscape-view.png"));
  // The article's own widget opens on the state written beside its caption in index.html
  // (data-state), so the text and the picture name the same metric and period, and
  // tests/node/article-figures.test.mjs can check the caption quotes what the widget shows.
  const small = document.getElementById("landscape-arpu");
  if (small) {
    window.explorerSmall = await createLandscape(small, { ...pageData, theme: "auto", state: JSON.parse(small.dataset.state) });
  }
}
startPage().catch((e) => console.error("landscape:", e.message));
