// The new-memo form (templates/reporting/memos/new.html).
// Show the quarter for quarterly memos and the window for the window notice only.
(function () {
  "use strict";
  const form = document.getElementById("memo-new-form");
  const quarterly = ["quarter_approval", "quarter_circular"];
  function sync() {
    const checked = form.querySelector("input[name=kind]:checked");
    const kind = checked ? checked.value : "";
    form.querySelector("#id_quarter").closest(".field").hidden = quarterly.indexOf(kind) === -1;
    form.querySelector("#id_window").closest(".field").hidden = kind !== "window_notice";
  }
  form.addEventListener("change", sync);
  sync();
})();
