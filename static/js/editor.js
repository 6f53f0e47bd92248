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

  // The server's reading of a typed amount (projects/forms.py, NUMBER_TEXT): Arabic or
  // Thai digits, commas only between thousands, a point and at most two decimals. The
  // amount in satang (an integer, so sums are exact), or a message: the page never
  // totals a box the server would refuse ("1,000.555", "1.000,5", "12abc").
  const NUMBER_TEXT = /^(-?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(?:\.([0-9]*))?$/;
  const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";

  function satang(text) {
    const typed = text.trim().replace(/[๐-๙]/g, function (d) { return String(THAI_DIGITS.indexOf(d)); });
    if (!typed) return { value: 0 };
    const match = NUMBER_TEXT.exec(typed);
    if (!match || !(match[2] || match[3])) return { problem: "อ่านไม่ได้ กรอกเป็นตัวเลข เช่น 1,250,000.50" };
    if (match[1]) return { problem: "จำนวนเงินต้องไม่ติดลบ" };
    const whole = match[2].replace(/,/g, "").replace(/^0+(?=.)/, "") || "0";
    const fraction = (match[3] || "").replace(/0+$/, "");
    if (fraction.length > 2) return { problem: "ทศนิยมได้ไม่เกิน ๒ ตำแหน่ง" };
    if (whole.length > 13) return { problem: "จำนวนเงินมากเกินไป" };
    return { value: parseInt(whole, 10) * 100 + parseInt((fraction + "00").slice(0, 2), 10) };
  }

  function baht(value) {
    const whole = Math.floor(value / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return whole + "." + String(value % 100).padStart(2, "0");
  }

  // A message under a box the total cannot read (beside the server's own, if any).
  function flag(input, problem) {
    let note = input.parentNode.querySelector("[data-live-error]");
    if (problem) {
      input.setAttribute("aria-invalid", "true");
      if (!note) {
        note = document.createElement("p");
        note.className = "field-error";
        note.dataset.liveError = "";
        input.insertAdjacentElement("afterend", note);
      }
      note.textContent = problem;
    } else {
      input.removeAttribute("aria-invalid");
      if (note) note.remove();
    }
  }

  function totals() {
    const sums = {};
    const unreadable = {};
    form.querySelectorAll("[data-sum]").forEach(function (input) {
      const group = input.dataset.sum;
      const read = satang(input.value || "");
      flag(input, read.problem);
      if (read.problem) unreadable[group] = true;
      else sums[group] = (sums[group] || 0) + read.value;
    });
    form.querySelectorAll("[data-total]").forEach(function (out) {
      const group = out.dataset.total;
      out.textContent = unreadable[group] ? "—" : baht(sums[group] || 0);
    });
    form.querySelectorAll("[data-unreadable]").forEach(function (note) {
      note.hidden = !unreadable[note.dataset.unreadable];
    });
    const mismatch = form.querySelector("[data-mismatch]");
    if (mismatch) {
      mismatch.hidden = unreadable.plan || unreadable.sources || (sums.plan || 0) === (sums.sources || 0);
    }
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
