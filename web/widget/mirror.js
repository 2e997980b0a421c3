// The accessible mirror: what the canvas shows, as text a screen reader reads (a summary, a live
// region for announcements, the shown table). The wasm numbers each change, so the DOM is
// rewritten only when the picture's content changed, not every frame.

// After each frame: rewrite the mirror if the wasm's version moved.
export function updateMirror(w) {
  const version = w.core.mirrorVersion();
  if (version === w.mirror.version) return;
  w.mirror.version = version;
  const m = w.core.mirror();
  if (!m) return;
  const { dom } = w;
  dom.summary.textContent = m.summary || "";
  dom.canvas.setAttribute("aria-label", m.label || "Landscape data explorer");
  renderTable(dom.table, m);
  // The same announcement twice is said once: the live region speaks on change only.
  if (m.announce && m.announce !== w.mirror.announce) {
    w.mirror.announce = m.announce;
    dom.live.textContent = m.announce;
  }
}

// Rewrites the mirror table from {caption, columns, rows}. Text only: data never becomes HTML.
function renderTable(table, shown) {
  table.replaceChildren();
  const caption = document.createElement("caption");
  caption.textContent = shown.caption || "";
  table.append(caption);
  const thead = document.createElement("thead");
  const headRow = document.createElement("tr");
  for (const column of shown.columns || []) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = column;
    headRow.append(th);
  }
  thead.append(headRow);
  const tbody = document.createElement("tbody");
  for (const row of shown.rows || []) {
    const tr = document.createElement("tr");
    row.forEach((cell, i) => {
      const td = document.createElement(i === 0 ? "th" : "td");
      if (i === 0) td.scope = "row";
      td.textContent = cell == null ? "" : String(cell);
      tr.append(td);
    });
    tbody.append(tr);
  }
  table.append(thead, tbody);
}
