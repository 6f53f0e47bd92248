// The level-3 plan editor (templates/projects/level3/form.html).
// Year columns follow the typed period; a column whose cells hold values stays
// (the server then says the year is outside the period) so nothing typed is lost.
(function () {
  "use strict";
  const form = document.getElementById("module-form");
  const start = form.querySelector('[name="start_year"]');
  const end = form.querySelector('[name="end_year"]');
  const template = document.getElementById("template-indicator");

  function wanted() {
    const a = parseInt(start.value, 10), b = parseInt(end.value, 10);
    if (!(a >= 2400 && b >= a && b - a < 20)) return null;
    const years = [];
    for (let y = a; y <= b; y++) years.push(y);
    return years;
  }

  function cellFor(row, year) {
    const key = row.dataset.key;
    const cell = document.createElement("td");
    cell.className = "year-cell";
    cell.dataset.year = year;
    cell.innerHTML = '<input type="text" inputmode="decimal" class="num" size="7" name="ind-' + key + "-y" + year + '" aria-label="ค่าเป้าหมายปี ' + year + '">';
    return cell;
  }

  function headFor(year) {
    const th = document.createElement("th");
    th.className = "num year-cell";
    th.dataset.year = year;
    th.textContent = year;
    return th;
  }

  function typedYears() {
    const years = [];
    form.querySelectorAll('[data-rows="indicator"] .year-cell input').forEach(function (input) {
      if (input.value.trim() !== "") years.push(Number(input.closest(".year-cell").dataset.year));
    });
    return years;
  }

  function sync(row, all, make) {
    const cells = {};
    row.querySelectorAll(".year-cell").forEach(function (c) { cells[c.dataset.year] = c; });
    Object.keys(cells).forEach(function (y) { if (all.indexOf(Number(y)) === -1) cells[y].remove(); });
    const last = row.lastElementChild;
    all.forEach(function (y) { row.insertBefore(cells[y] || make(row, y), last); });
  }

  function update() {
    const years = wanted();
    if (!years) return;
    const all = Array.from(new Set(years.concat(typedYears()))).sort();
    sync(document.querySelector("#indicator-table thead tr"), all, function (_, y) { return headFor(y); });
    form.querySelectorAll('[data-rows="indicator"] tr.row').forEach(function (row) { sync(row, all, cellFor); });
    sync(template.content.querySelector("tr.row"), all, cellFor);
  }

  start.addEventListener("change", update);
  end.addEventListener("change", update);
})();
