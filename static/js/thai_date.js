// The พ.ศ. date widget (emenscr.widgets.ThaiDateInput). The text box shows and takes a
// date in พ.ศ. ("1 ม.ค. 2570", "1/1/2570", "1 มกราคม 2570", or ISO); the hidden input
// beside it sends the date as ISO (2027-01-01); a calendar with Thai month names picks
// one. Without this script the text box itself is sent and the server reads it the same
// way (emenscr/forms.py, parse_thai_date). Each widget carries a tag for this file, so
// it may run several times on a page: the first run sets up, later runs only enhance.
(function () {
  "use strict";

  if (window.thaiDate) {
    window.thaiDate.enhanceAll(document);
    return;
  }

  const OFFSET = 543; // พ.ศ. = ค.ศ. + 543
  const BE_MIN = 2400;
  const BE_MAX = 2700;
  const WEEKDAYS = ["อา", "จ", "อ", "พ", "พฤ", "ศ", "ส"];
  const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";

  // --- Reading and writing dates ({y, m, d} in ค.ศ.) ----------------------------------

  function monthNumbers(full, abbr) {
    // Every way a month is typed: full, short with or without dots, spoken ("มกรา").
    const names = {};
    full.forEach(function (name, i) {
      names[name] = i + 1;
      names[abbr[i].replace(/\./g, "")] = i + 1;
      names[name.replace(/(คม|ยน|พันธ์)$/, "")] = i + 1;
    });
    return names;
  }

  function makeDate(y, m, d) {
    const probe = new Date(Date.UTC(y, m - 1, d));
    const real =
      probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
    return real ? { y: y, m: m, d: d } : null;
  }

  function fromBe(d, m, be) {
    return be >= BE_MIN && be <= BE_MAX ? makeDate(be - OFFSET, m, d) : null;
  }

  function beYear(digits) {
    return digits.length === 2 ? 2500 + Number(digits) : Number(digits);
  }

  // The same formats as emenscr.forms.parse_thai_date; null for what it refuses.
  function parse(text, months) {
    text = text
      .replace(/[๐-๙]/g, function (digit) {
        return String(THAI_DIGITS.indexOf(digit));
      })
      .replace(/พ\.ศ\./g, " ")
      .replace(/วันที่/g, " ")
      .trim()
      .replace(/\s+/g, " ");
    let match = text.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
    if (match) {
      const year = Number(match[1]);
      const be = year >= BE_MIN && year <= BE_MAX ? year : year + OFFSET;
      return fromBe(Number(match[3]), Number(match[2]), be);
    }
    match = text.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/);
    if (match) return fromBe(Number(match[1]), Number(match[2]), beYear(match[3]));
    match = text.match(/^(\d{1,2})\s*([^\d\s]+)\s*(\d{2}|\d{4})$/);
    if (match) {
      const month = months[match[2].replace(/\./g, "")];
      return month ? fromBe(Number(match[1]), month, beYear(match[3])) : null;
    }
    return null;
  }

  function pad(n) {
    return String(n).padStart(2, "0");
  }

  function isoOf(date) {
    return date.y + "-" + pad(date.m) + "-" + pad(date.d);
  }

  function parseIso(text) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    return match ? makeDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  }

  function addDays(date, days) {
    const moved = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
    return { y: moved.getUTCFullYear(), m: moved.getUTCMonth() + 1, d: moved.getUTCDate() };
  }

  function addMonths(date, months) {
    const first = new Date(Date.UTC(date.y, date.m - 1 + months, 1));
    const y = first.getUTCFullYear();
    const m = first.getUTCMonth() + 1;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { y: y, m: m, d: Math.min(date.d, last) };
  }

  function same(a, b) {
    return Boolean(a && b) && a.y === b.y && a.m === b.m && a.d === b.d;
  }

  // --- One widget ----------------------------------------------------------------------

  function element(tag, props, children) {
    const node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === "text") node.textContent = props[key];
      else if (key === "className") node.className = props[key];
      else node.setAttribute(key, props[key]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(child);
    });
    return node;
  }

  function calendarIcon() {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    const path = document.createElementNS(ns, "path");
    path.setAttribute(
      "d",
      "M4 1v2H2.5A1.5 1.5 0 0 0 1 4.5v9A1.5 1.5 0 0 0 2.5 15h11a1.5 1.5 0 0 0 1.5-1.5v-9" +
        "A1.5 1.5 0 0 0 13.5 3H12V1h-1.5v2h-5V1zM2.5 6.5h11v7h-11zM4 8v1.5h1.5V8zm3.25 0v1.5" +
        "h1.5V8zm3.25 0v1.5H12V8zM4 11v1.5h1.5V11zm3.25 0v1.5h1.5V11z",
    );
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }

  function ThaiDate(box) {
    this.box = box;
    this.text = box.querySelector(".thai-date-text");
    this.iso = box.querySelector(".thai-date-iso");
    this.full = box.dataset.months.split(" ");
    this.abbr = box.dataset.monthsAbbr.split(" ");
    this.months = monthNumbers(this.full, this.abbr);
    this.today = parseIso(box.dataset.today) || this.browserToday();
    this.popup = null;

    // From now on the ISO input carries the field's name; the text box is for people.
    this.text.removeAttribute("name");
    this.iso.disabled = false;
    this.sync();

    this.button = element("button", {
      type: "button",
      className: "thai-date-button",
      "aria-label": "เลือกวันที่จากปฏิทิน",
      "aria-haspopup": "dialog",
      "aria-expanded": "false",
      title: "เลือกวันที่จากปฏิทิน",
    });
    this.button.appendChild(calendarIcon());
    this.text.after(this.button);

    this.text.addEventListener("input", this.sync.bind(this));
    this.text.addEventListener("change", this.tidy.bind(this));
    this.button.addEventListener("click", this.toggle.bind(this));
    box.addEventListener("keydown", this.onKey.bind(this));
  }

  ThaiDate.prototype.browserToday = function () {
    const now = new Date();
    return { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() };
  };

  ThaiDate.prototype.label = function (date) {
    return date.d + " " + this.abbr[date.m - 1] + " " + (date.y + OFFSET);
  };

  ThaiDate.prototype.longLabel = function (date) {
    return date.d + " " + this.full[date.m - 1] + " " + (date.y + OFFSET);
  };

  // The hidden input follows the text; a date the script cannot read is sent as typed,
  // so the server answers with its Thai message rather than the field going blank.
  ThaiDate.prototype.sync = function () {
    const typed = this.text.value.trim();
    const date = typed ? parse(typed, this.months) : null;
    this.iso.value = date ? isoOf(date) : typed;
    const wrong = Boolean(typed) && !date;
    this.text.classList.toggle("is-invalid", wrong);
    if (wrong) this.text.setAttribute("aria-invalid", "true");
    else if (!this.box.closest(".has-error")) this.text.removeAttribute("aria-invalid");
    return date;
  };

  ThaiDate.prototype.tidy = function () {
    const date = this.sync();
    if (date) this.text.value = this.label(date);
  };

  ThaiDate.prototype.choose = function (date) {
    this.text.value = this.label(date);
    this.sync();
    this.text.dispatchEvent(new Event("change", { bubbles: true }));
    this.close();
    this.text.focus();
  };

  ThaiDate.prototype.toggle = function () {
    if (this.popup) this.close();
    else this.open();
  };

  ThaiDate.prototype.open = function () {
    if (window.thaiDate.openOne && window.thaiDate.openOne !== this) window.thaiDate.openOne.close();
    window.thaiDate.openOne = this;
    this.focusDate = this.sync() || this.today;
    this.popup = element("div", {
      className: "thai-date-popup",
      role: "dialog",
      "aria-label": "เลือกวันที่",
    });
    // Fixed to the window, so no scrolling box of the page (the admin's rows hide their
    // overflow) cuts it off; its frame is set here so pages without app.css show it too.
    Object.assign(this.popup.style, {
      position: "fixed",
      zIndex: "1000",
      background: "#fff",
      border: "1px solid #d9dee5",
      borderRadius: "10px",
      boxShadow: "0 6px 24px rgba(29, 39, 51, .18)",
      padding: ".6rem",
    });
    this.box.appendChild(this.popup);
    this.button.setAttribute("aria-expanded", "true");
    this.draw();
    this.place();
    this.placeLater = this.place.bind(this);
    window.addEventListener("scroll", this.placeLater, true);
    window.addEventListener("resize", this.placeLater);
    this.focusDay();
  };

  ThaiDate.prototype.close = function () {
    if (!this.popup) return;
    this.popup.remove();
    this.popup = null;
    window.removeEventListener("scroll", this.placeLater, true);
    window.removeEventListener("resize", this.placeLater);
    this.button.setAttribute("aria-expanded", "false");
    if (window.thaiDate.openOne === this) window.thaiDate.openOne = null;
  };

  // Below the text box, or above it when the screen has no room below; never off its sides.
  ThaiDate.prototype.place = function () {
    if (!this.popup) return;
    const field = this.text.getBoundingClientRect();
    const own = this.popup.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    const height = window.innerHeight;
    const left = Math.max(4, Math.min(field.left, width - own.width - 4));
    let top = field.bottom + 4;
    if (top + own.height > height && field.top - own.height - 4 >= 0) top = field.top - own.height - 4;
    this.popup.style.left = left + "px";
    this.popup.style.top = top + "px";
  };

  ThaiDate.prototype.draw = function () {
    const self = this;
    const view = this.focusDate;
    const month = element("select", { className: "thai-date-month", "aria-label": "เดือน" });
    this.full.forEach(function (name, i) {
      const option = element("option", { value: String(i + 1), text: name });
      if (i + 1 === view.m) option.selected = true;
      month.appendChild(option);
    });
    const year = element("input", {
      type: "number",
      className: "thai-date-year",
      "aria-label": "ปี พ.ศ.",
      inputmode: "numeric",
      min: String(BE_MIN),
      max: String(BE_MAX),
      value: String(view.y + OFFSET),
    });
    const previous = element("button", {
      type: "button",
      className: "thai-date-step",
      "aria-label": "เดือนก่อนหน้า",
      text: "‹",
    });
    const next = element("button", {
      type: "button",
      className: "thai-date-step",
      "aria-label": "เดือนถัดไป",
      text: "›",
    });
    previous.addEventListener("click", function () {
      self.moveTo(addMonths(self.focusDate, -1), false);
    });
    next.addEventListener("click", function () {
      self.moveTo(addMonths(self.focusDate, 1), false);
    });
    month.addEventListener("change", function () {
      self.moveTo(addMonths(self.focusDate, Number(month.value) - self.focusDate.m), false);
    });
    year.addEventListener("change", function () {
      const be = Number(year.value);
      if (be >= BE_MIN && be <= BE_MAX) {
        self.moveTo(addMonths(self.focusDate, (be - OFFSET - self.focusDate.y) * 12), false);
      }
    });

    const head = element("div", { className: "thai-date-head" }, [previous, month, year, next]);
    const table = element("table", { className: "thai-date-grid", role: "grid" });
    table.appendChild(
      element("thead", {}, [
        element(
          "tr",
          {},
          WEEKDAYS.map(function (name) {
            return element("th", { scope: "col", text: name });
          }),
        ),
      ]),
    );
    table.appendChild(this.weeks(view));
    const todayButton = element("button", { type: "button", className: "btn", text: "วันนี้" });
    todayButton.addEventListener("click", function () {
      self.choose(self.today);
    });
    const closeButton = element("button", { type: "button", className: "btn", text: "ปิด" });
    closeButton.addEventListener("click", function () {
      self.close();
      self.text.focus();
    });
    const foot = element("div", { className: "thai-date-foot" }, [todayButton, closeButton]);
    this.popup.replaceChildren(head, table, foot);
  };

  ThaiDate.prototype.weeks = function (view) {
    const self = this;
    const chosen = parseIso(this.iso.value);
    const body = element("tbody");
    const first = new Date(Date.UTC(view.y, view.m - 1, 1)).getUTCDay();
    const days = new Date(Date.UTC(view.y, view.m, 0)).getUTCDate();
    let row = element("tr");
    for (let blank = 0; blank < first; blank++) row.appendChild(element("td"));
    for (let d = 1; d <= days; d++) {
      const date = { y: view.y, m: view.m, d: d };
      const classes = ["thai-date-day"];
      if (same(date, this.today)) classes.push("is-today");
      if (same(date, chosen)) classes.push("is-chosen");
      const button = element("button", {
        type: "button",
        className: classes.join(" "),
        "aria-label": this.longLabel(date),
        "aria-pressed": same(date, chosen) ? "true" : "false",
        tabindex: d === view.d ? "0" : "-1",
        "data-day": String(d),
        text: String(d),
      });
      button.addEventListener("click", function () {
        self.choose(date);
      });
      row.appendChild(element("td", {}, [button]));
      if ((first + d) % 7 === 0) {
        body.appendChild(row);
        row = element("tr");
      }
    }
    if (row.children.length) body.appendChild(row);
    return body;
  };

  ThaiDate.prototype.moveTo = function (date, focus) {
    this.focusDate = date;
    this.draw();
    this.place();
    if (focus) this.focusDay();
  };

  ThaiDate.prototype.focusDay = function () {
    const day = this.popup.querySelector('[data-day="' + this.focusDate.d + '"]');
    if (day) day.focus();
  };

  // Arrow keys walk the days, Page Up/Down the months, Escape closes.
  ThaiDate.prototype.onKey = function (event) {
    if (!this.popup) return;
    if (event.key === "Escape") {
      event.preventDefault();
      this.close();
      this.text.focus();
      return;
    }
    if (!event.target.classList.contains("thai-date-day")) return;
    const steps = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
    if (event.key in steps) {
      event.preventDefault();
      this.moveTo(addDays(this.focusDate, steps[event.key]), true);
    } else if (event.key === "PageUp" || event.key === "PageDown") {
      event.preventDefault();
      this.moveTo(addMonths(this.focusDate, event.key === "PageUp" ? -1 : 1), true);
    }
  };

  // --- Every widget on the page, now and after htmx swaps ------------------------------

  function enhanceAll(root) {
    root.querySelectorAll("[data-thai-date]").forEach(function (box) {
      // The admin's blank inline row is a template it copies: enhance the copies only.
      if (box.dataset.thaiDateReady || box.closest(".empty-form")) return;
      box.dataset.thaiDateReady = "1";
      box.thaiDate = new ThaiDate(box);
    });
  }

  window.thaiDate = { enhanceAll: enhanceAll, parse: parse, openOne: null };

  document.addEventListener("mousedown", function (event) {
    const open = window.thaiDate.openOne;
    if (open && !open.box.contains(event.target)) open.close();
  });
  document.addEventListener("htmx:load", function (event) {
    enhanceAll(event.target);
  });
  document.addEventListener("formset:added", function (event) {
    enhanceAll(event.target);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      enhanceAll(document);
    });
  } else {
    enhanceAll(document);
  }
})();
