// The new-memo form (templates/reporting/memos/new.html).
// Show the quarter for quarterly memos, the window for the window notice and the month
// for the monthly KPI report only.
(function () {
  "use strict";
  const form = document.getElementById("memo-new-form");
  const quarterly = ["quarter_approval", "quarter_circular"];
  function sync() {
    const checked = form.querySelector("input[name=kind]:checked");
    const kind = checked ? checked.value : "";
    form.querySelector("#id_quarter").closest(".field").hidden = quarterly.indexOf(kind) === -1;
    form.querySelector("#id_window").closest(".field").hidden = kind !== "window_notice";
    form.querySelector("#id_month").closest(".field").hidden = kind !== "kpi_report";
  }
  form.addEventListener("change", sync);
  sync();
})();
