// The memo editor: paragraph rows (add below, remove, move, change level) with the
// printed label computed as the server does (memos/paragraphs.py), approval lines,
// (the buttons that rewrite or issue ask first through confirm.js). Rows post in document
// order, so typed text survives any rearrangement.
(function () {
  "use strict";
  const form = document.getElementById("memo-form");
  if (!form) return;
  const list = form.querySelector("[data-paras]");
  const THAI = "๐๑๒๓๔๕๖๗๘๙";

  function thai(n) {
    return String(n).replace(/[0-9]/g, function (d) { return THAI[+d]; });
  }

  // Same rules as paragraphs.number(): 1-3 sections, 4 items, 5 sub-items, 6 dash, 0 none.
  function renumber() {
    const sections = [0, 0, 0];
    let item = 0, sub = 0;
    list.querySelectorAll("[data-para]").forEach(function (row) {
      const level = parseInt(row.querySelector("[data-level]").value, 10);
      let label = "";
      if (level >= 1 && level <= 3) {
        sections[level - 1] += 1;
        for (let i = level; i < 3; i++) sections[i] = 0;
        item = sub = 0;
        label = sections.slice(0, level).map(thai).join(".") + (level === 1 ? "." : "");
      } else if (level === 4) {
        item += 1; sub = 0; label = thai(item) + ")";
      } else if (level === 5) {
        sub += 1; label = "(" + thai(sub) + ")";
      } else if (level === 6) {
        label = "-";
      }
      row.querySelector("[data-label]").textContent = label;
      row.className = row.className.replace(/\blv-\d\b/, "lv-" + level);
    });
  }

  function grow(textarea) {
    textarea.style.height = "auto";
    textarea.style.height = textarea.scrollHeight + 2 + "px";
  }

  function fromTemplate(id) {
    const holder = document.createElement("div");
    holder.innerHTML = document.getElementById(id).innerHTML.trim();
    return holder.firstElementChild;
  }

  function addParagraph(after) {
    const row = fromTemplate("template-para");
    if (after) {
      row.querySelector("[data-level]").value = after.querySelector("[data-level]").value;
      after.after(row);
    } else {
      list.appendChild(row);
    }
    row.querySelector("textarea").focus();
  }

  form.addEventListener("click", function (event) {
    const button = event.target.closest("button[type=button]");
    if (!button) return;
    const row = button.closest("[data-para]");
    const action = button.dataset.paraAction;
    if (action === "append") addParagraph(null);
    else if (action === "add" && row) addParagraph(row);
    else if (action === "up" && row && row.previousElementSibling) row.after(row.previousElementSibling);
    else if (action === "down" && row && row.nextElementSibling) row.before(row.nextElementSibling);
    else if (action === "remove" && row) {
      const text = row.querySelector("textarea").value.trim();
      if (!text || window.confirm("ลบย่อหน้า “" + text.slice(0, 60) + "” ?")) row.remove();
    } else if (button.dataset.approvalAdd !== undefined) {
      form.querySelector("[data-approvals]").appendChild(fromTemplate("template-approval"));
    } else if (button.dataset.approvalRemove !== undefined) {
      button.closest("[data-approval]").remove();
    }
    renumber();
  });
  form.addEventListener("change", function (event) {
    if (event.target.matches("[data-level]")) renumber();
  });
  form.addEventListener("input", function (event) {
    if (event.target.matches("textarea")) grow(event.target);
  });

  // Issuing and rewriting ask first through confirm.js (data-confirm), once.

  // Fit every textarea to its text, again once the web font has loaded or the width changes.
  function growAll() { form.querySelectorAll("textarea").forEach(grow); }
  let resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(growAll, 150);
  });
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(growAll);
  window.addEventListener("load", growAll);
  growAll();
  renumber();
})();
