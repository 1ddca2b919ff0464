// The status page's only script: filters and sorts the images table in the browser.
// It reads the cells' text and data-sort keys and never writes markup, so no string from a
// state file is ever parsed as HTML here.
"use strict";

(function () {
  const table = document.getElementById("images");
  if (!table) {
    return;
  }
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const filter = document.getElementById("filter");
  const shown = document.getElementById("shown");

  function applyFilter() {
    const words = filter.value.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
    let visible = 0;
    for (const row of rows) {
      const text = row.textContent.toLowerCase();
      const match = words.every((w) => text.includes(w));
      row.hidden = !match;
      if (match) {
        visible++;
      }
    }
    shown.textContent = visible + " of " + rows.length + " images";
  }

  function sortKey(row, column) {
    const cell = row.cells[column];
    return cell ? cell.getAttribute("data-sort") || "" : "";
  }

  function compare(a, b) {
    const numeric = /^\d+$/;
    if (numeric.test(a) && numeric.test(b)) {
      return Number(a) - Number(b);
    }
    // Empty keys (never rebuilt, nothing pending) go last in either direction.
    if (a === "" || b === "") {
      return a === b ? 0 : a === "" ? 1 : -1;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function sortBy(header) {
    const column = Number(header.getAttribute("data-column"));
    const ascending = header.getAttribute("aria-sort") !== "ascending";
    for (const th of table.tHead.rows[0].cells) {
      th.removeAttribute("aria-sort");
    }
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const sorted = rows.slice().sort((x, y) => {
      const a = sortKey(x, column);
      const b = sortKey(y, column);
      if (a === "" || b === "") {
        return compare(a, b);
      }
      const order = compare(a, b);
      return ascending ? order : -order;
    });
    for (const row of sorted) {
      body.appendChild(row);
    }
  }

  filter.addEventListener("input", applyFilter);
  for (const th of table.tHead.rows[0].cells) {
    th.querySelector("button").addEventListener("click", () => sortBy(th));
  }
  table.classList.add("scripted");
  applyFilter();
})();
