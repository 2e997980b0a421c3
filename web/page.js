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

// A widget that could not start: createLandscape() rejected and removed what it added, so the
// page says why in the widget's place (a reader would see an empty box) and on the console (for
// whoever looks after the page), naming which widget. A start that succeeds logs nothing: a line
// on every reader's console is noise, and it is observable already (the widget marks
// 'landscape:first-frame' in the performance timeline; window.explorer.stats() has its counts).
function startFailed(element, what, error) {
  const why = error?.message ?? String(error);
  console.error(`landscape: ${what} could not start: ${why}`);
  const notice = document.createElement("p");
  notice.setAttribute("role", "alert");
  notice.style.margin = "0";                  // inside the widget's box, off its border (the CSSOM, so a strict CSP allows it)
  notice.style.padding = "1rem 1.25rem";
  notice.textContent = `This explorer could not start: ${why}`;
  element.replaceChildren(notice);
}

// An export that fails (a lost WebGL context, a canvas too large) is said on the console under
// the page's own prefix, not left as an uncaught exception or an unhandled rejection.
function exportFailed(what, error) {
  console.error(`landscape: the ${what} could not be made: ${error?.message ?? error}`);
}

async function startPage() {
  const element = document.getElementById("landscape");
  let main = null;
  try {
    main = await createLandscape(element, { ...pageData, theme: "auto", hash: true });
  } catch (e) {
    startFailed(element, "the explorer", e);
    // The download buttons export the explorer's view: with no explorer they do nothing, so they are off.
    for (const id of ["download-csv", "download-png"]) document.getElementById(id).disabled = true;
  }
  if (main) {
    window.explorer = main;
    window.explorerFirstFrameMs = performance.now();   // read by ./landscape bench
    document.getElementById("download-csv").addEventListener("click", () => {
      try { download(new Blob([main.exportCSV()], { type: "text/csv" }), "landscape-view.csv"); } catch (e) { exportFailed("CSV", e); }
    });
    document.getElementById("download-png").addEventListener("click", () =>
      main.exportPNG().then((png) => download(png, "landscape-view.png"), (e) => exportFailed("PNG", e)));
  }
  // The article's own widget opens on the state written beside its caption in index.html
  // (data-state), so the text and the picture name the same metric and period, and
  // tests/node/article-figures.test.mjs can check the caption quotes what the widget shows. It
  // starts after the explorer (whose first frame comes first), and also when the explorer failed.
  const small = document.getElementById("landscape-arpu");
  if (small) {
    try {
      window.explorerSmall = await createLandscape(small, { ...pageData, theme: "auto", state: JSON.parse(small.dataset.state) });
    } catch (e) {
      startFailed(small, "the article's figure", e);
    }
  }
}
startPage().catch((e) => console.error("landscape: the page's script failed:", e));
