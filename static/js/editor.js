// The project editor's rows: add from a <template>, remove, move, indent, number,
// and live totals. Rows post in document order, so no index bookkeeping is needed.
(function () {
  "use strict";
  const form = document.getElementById("module-form");
  if (!form) return;

  function newKey() {
    return Math.random().toString(16).slice(2, 12);
  }

  function renumber() {
    const counters = [];
    form.querySelectorAll('[data-rows="activity"] tr.row').forEach(function (row) {
      const depth = parseInt(row.querySelector("[data-depth]").value || "0", 10);
      counters.length = depth + 1;
      counters[depth] = (counters[depth] || 0) + 1;
      for (let i = 0; i < depth; i++) counters[i] = counters[i] || 1;
      row.querySelector("[data-number]").textContent = counters.slice(0, depth + 1).join(".");
      row.querySelector(".activity-name").style.paddingLeft = (depth * 1.6).toFixed(1) + "rem";
    });
  }

  function amount(input) {
    const value = parseFloat((input.value || "").replace(/,/g, ""));
    return isNaN(value) ? 0 : value;
  }

  function totals() {
    const sums = {};
    form.querySelectorAll("[data-sum]").forEach(function (input) {
      sums[input.dataset.sum] = (sums[input.dataset.sum] || 0) + amount(input);
    });
    form.querySelectorAll("[data-total]").forEach(function (out) {
      const value = sums[out.dataset.total] || 0;
      out.textContent = value.toLocaleString("th-TH", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    });
    const mismatch = form.querySelector("[data-mismatch]");
    if (mismatch) mismatch.hidden = Math.abs((sums.plan || 0) - (sums.sources || 0)) < 0.005;
  }

  form.addEventListener("click", function (event) {
    const button = event.target.closest("button");
    if (!button) return;
    const row = button.closest("tr.row");
    if (button.dataset.addRow !== undefined) {
      const name = button.dataset.addRow;
      const template = document.getElementById("template-" + name);
      const html = template.innerHTML.replace(/__KEY__/g, newKey());
      const body = form.querySelector('[data-rows="' + name + '"]');
      body.insertAdjacentHTML("beforeend", html);
      const added = body.lastElementChild;
      const first = added && added.querySelector("input[type=text], select");
      if (first) first.focus();
    } else if (button.dataset.removeRow !== undefined && row) {
      const label = row.querySelector("input[type=text]");
      if (!label || !label.value || window.confirm("ลบแถว “" + label.value + "” ?")) row.remove();
    } else if (button.dataset.move && row) {
      if (button.dataset.move === "up" && row.previousElementSibling) row.parentNode.insertBefore(row, row.previousElementSibling);
      if (button.dataset.move === "down" && row.nextElementSibling) row.parentNode.insertBefore(row.nextElementSibling, row);
    } else if (button.dataset.indent && row) {
      const depthInput = row.querySelector("[data-depth]");
      const previous = row.previousElementSibling;
      const max = previous ? parseInt(previous.querySelector("[data-depth]").value || "0", 10) + 1 : 0;
      const next = parseInt(depthInput.value || "0", 10) + parseInt(button.dataset.indent, 10);
      depthInput.value = String(Math.max(0, Math.min(next, max)));
    } else if (button.dataset.addCode) {
      const select = document.querySelector(button.dataset.addCode);
      const option = select && select.selectedOptions[0];
      const box = form.querySelector('[name="target_codes"]');
      if (option && option.dataset.code && box) {
        const codes = box.value.split(/[;,\s]+/).filter(Boolean);
        if (codes.indexOf(option.dataset.code) === -1) codes.push(option.dataset.code);
        box.value = codes.join("; ");
      }
    }
    renumber();
    totals();
  });
  form.addEventListener("input", totals);
  renumber();
  totals();
})();
