"""Hypothesis strategies for the input users, files and other systems really send,
and the checks every refusal must pass (Thai messages, nothing changed)."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import event
from hypothesis import strategies as st

# --- values ---------------------------------------------------------------------------

# Hand-picked values that have broken form handling somewhere before: NUL (PostgreSQL
# refuses it), control and bidi characters, emoji sequences, markup, SQL, sizes.
NASTY_TEXTS = [
    "\x00",
    "ชื่อ\x00โครงการ",
    "\u202eโครงการกลับด้าน",
    "\u200b",
    "👩‍👩‍👧‍👦🇹🇭",
    "<script>alert('x')</script>",
    "'; DROP TABLE projects_project; --",
    "%s %(name)s {0} {{ name }}",
    "\r\n\t",
    "   ",
    "ก" * 501,
    "x" * 100_000,
    "\ufeffBOM",
    "\\N",
]
NASTY_NUMBERS = [
    "",
    " ",
    "-1",
    "-0",
    "0",
    "NaN",
    "nan",
    "sNaN",
    "Infinity",
    "-inf",
    "1e999999",
    "1e-999999",
    "9" * 40,
    "99999999999999.99",
    "1,234.567",
    "1.2.3",
    "0x10",
    "1_000",
    "๑๒๓",
    "１２３",
    "๕๐.๕",
    "100.001",
    "\x00",
    "1\x00",
    "12 บาท",
]
NASTY_YEARS = ["2567", "2024", "0", "-2567", "99999", "๒๕๖๗", "2400", "2701", "1e3", "", "\x00"]
NASTY_MONTHS = ["1", "12", "0", "13", "-1", "๑๒", "", "x", "\x00", "99999999999999999999"]
NASTY_ISO_DATES = [
    "2024-02-30",
    "2567-10-01",
    "0001-01-01",
    "9999-12-31",
    "10/01/2567",
    "2024-13-01",
    "",
    "\x00",
    "๒๕๖๗-๑๐-๐๑",
]

# Any text a browser can send (surrogates cannot be encoded as UTF-8 by any client).
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)
nasty_text = st.one_of(st.sampled_from(NASTY_TEXTS), any_text)
nasty_number = st.one_of(
    st.sampled_from(NASTY_NUMBERS),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    any_text,
)


def sometimes(good, bad=nasty_text):
    """Mostly-valid input: each field keeps its good value (3 times in 4) or takes a
    nasty one, so forms with many fields are saved as often as refused."""
    return st.one_of(st.just(good), st.just(good), st.just(good), bad)


# --- checks ---------------------------------------------------------------------------


def has_thai(text: str) -> bool:
    """A message a Thai user can read holds characters of the Thai block."""
    return any("\u0e00" <= c <= "\u0e7f" for c in str(text))


class _ErrorTexts(HTMLParser):
    """Texts of `.field-error` and of the paragraphs of `.error-box` in a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.texts, self.current, self.hidden = 0, [], None, False

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.depth += 1
        elif "field-error" in classes or "error-box" in classes:
            self.depth, self.current = 1, []
            self.hidden = "hidden" in dict(attrs)

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if not self.depth:
                if not self.hidden:
                    self.texts.append("".join(self.current).strip())
                self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)


def error_texts(html: str) -> list[str]:
    parser = _ErrorTexts()
    parser.feed(html)
    return [t for t in parser.texts if t]


def assert_refused_in_thai(response) -> list[str]:
    """A refused form: the page again (200), with errors, every one of them in Thai."""
    assert response.status_code == 200, response.status_code
    errors = error_texts(response.content.decode())
    assert errors, "the form was refused without saying why"
    english = [e for e in errors if not has_thai(e)]
    assert not english, f"messages without Thai: {english}"
    event("refused")
    return errors


def assert_thai_messages(messages) -> None:
    messages = list(messages)
    assert messages, "a refusal without a message"
    english = [m for m in messages if not has_thai(m)]
    assert not english, f"messages without Thai: {english}"
    event("refused")


def rows_of(*querysets) -> list:
    """Every column of every row of the querysets: equal before and after a refused save."""
    return [list(qs.order_by("pk").values()) for qs in querysets]


def project_rows(project) -> list:
    """Everything M1–M5 stores for a project."""
    from projects.models import (
        Activity,
        ActivityQuarter,
        BudgetSource,
        OperatingArea,
        Project,
        ProjectTarget,
        SpendingPlan,
    )

    return rows_of(
        Project.objects.filter(pk=project.pk),
        Project.plan_nodes.through.objects.filter(project=project),
        ProjectTarget.objects.filter(project=project),
        OperatingArea.objects.filter(project=project),
        Activity.objects.filter(project=project),
        ActivityQuarter.objects.filter(activity__project=project),
        BudgetSource.objects.filter(project=project),
        SpendingPlan.objects.filter(project=project),
    )


def report_rows(report) -> list:
    """Everything M6 stores for a quarterly report."""
    from reporting.models import QuarterlyReport, ReportActivityProgress, ReportTargetProgress

    return rows_of(
        QuarterlyReport.objects.filter(pk=report.pk),
        ReportTargetProgress.objects.filter(report=report),
        ReportActivityProgress.objects.filter(report=report),
    )
