"""What a Thai page may not show: English status and error words, Python values,
template syntax. Kept here, in the test, so a new word is added on purpose.

A page's visible text is what a reader sees: text of the body outside scripts and
styles, the title, placeholders and the labels of input buttons; attribute values
(class="status-approved", value="draft") are not text, nor are literals set as
`<code>` (a workbook's column name).
"""

import re

from lxml import etree, html

# Status words a machine writes; a Thai page shows their Thai labels.
STATUS_WORDS = [
    "approved",
    "approve",
    "draft",
    "submitted",
    "submit",
    "returned",
    "rejected",
    "pending",
    "running",
    "success",
    "failed",
    "issued",
    "withdraw",
    "closed",
    "locked",
    "frozen",
    "overdue",
    "late",
    "not due",
    "not reported",
    "reported",
    "cancelled",
    "completed",
    "in progress",
    "waiting",
]
# What an error page or a failed render says in English.
ERROR_WORDS = [
    "not found",
    "page not found",
    "forbidden",
    "server error",
    "bad request",
    "internal",
    "traceback",
    "exception",
    "error",
    "warning",
    "permission denied",
    "unauthorized",
    "method not allowed",
    "csrf",
    "this field is required",
    "enter a valid",
    "invalid",
    "required",
    "undefined",
    "null",
    "nan",
]
# Python values printed as they are; matched with their capital, as Python prints them.
PYTHON_WORDS = ["None", "True", "False", "Yes", "No"]
# Things that are never text: a template tag not rendered, an object's repr.
RAW_PATTERNS = [r"\{\{", r"\{%", r"object at 0x", r"<bound method", r"Decimal\(", r"datetime\."]

# Proper names and terms a Thai page legitimately shows in Latin letters (never matched
# above; listed so the report of other Latin words stays short).
PROPER_NAMES = {
    "eMENSCR",
    "GFMIS",
    "Excel",
    "PDF",
    "KPI",
    "API",
    "Output",
    "Outcome",
    "Sarabun",
    "Token",
    "Bearer",
    "HTTP",
    "JSON",
    "CSV",
    "XLSX",
    "SDGs",
    "SDG",
    "OKR",
}
PROPER_NAME_PATTERN = re.compile(r"^(M[1-7]|Y[12]|Q[1-4])$")

# Phrases allowed as a whole, removed before the words are matched. Each names its source.
ALLOWED_PHRASES = [
    # Seed 000's own term for a project outside the round (reporting/rounds.py STATE_LABELS):
    # the Thai label carries the English in brackets. "Not due" on its own is still refused.
    r"ไม่อยู่ในช่วงเวลาดำเนินการ \(Not due\)",
]


def _words_pattern(words: list[str], flags: int) -> re.Pattern:
    alternatives = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len)[::-1]
    )
    return re.compile(rf"(?<![A-Za-z0-9_])({alternatives})(?![A-Za-z0-9_])", flags)


_ANY_CASE = _words_pattern(STATUS_WORDS + ERROR_WORDS, re.IGNORECASE)
_EXACT_CASE = _words_pattern(PYTHON_WORDS, 0)
_RAW = re.compile("|".join(RAW_PATTERNS))
_ALLOWED = re.compile("|".join(ALLOWED_PHRASES))
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9]|[A-Za-z]")
# ASCII classes only: Thai runs have no spaces, and \S+ before @ backtracks across them.
_EMAIL_OR_URL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|https?://[!-~]+|/[A-Za-z0-9_./-]+")

_INVISIBLE = ("script", "style", "noscript", "template")
# Literals of a file format or a command (`<code>status</code>`), not the page's language.
_LITERAL = ("code", "kbd", "samp")


def visible_text(content: str) -> str:
    """The text a reader sees on an HTML page (or fragment), decoded already."""
    if not content.strip():
        return ""
    try:
        document = html.fromstring(content)
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(document, *_INVISIBLE, *_LITERAL, etree.Comment, with_tail=False)
    extra = [
        *document.xpath("//@placeholder"),
        *document.xpath("//input[@type='submit' or @type='button' or @type='reset']/@value"),
    ]
    return " ".join([document.text_content(), *extra])


def svg_text(content: bytes) -> str:
    """The text drawn in an SVG picture."""
    try:
        document = etree.fromstring(content)
    except etree.XMLSyntaxError:
        return ""
    # Embedded fonts and styles are not drawn text.
    for element in document.xpath("//*[local-name()='style' or local-name()='script']"):
        element.getparent().remove(element)
    return " ".join(document.itertext())


def english_words(text: str) -> list[str]:
    """The listed words and patterns found in `text`, each once, in order."""
    text = _ALLOWED.sub(" ", text)
    found = [m.group(0) for m in _ANY_CASE.finditer(text)]
    found += [m.group(0) for m in _EXACT_CASE.finditer(text)]
    found += [m.group(0) for m in _RAW.finditer(text)]
    return list(dict.fromkeys(" ".join(w.split()) for w in found))


def other_latin_words(text: str) -> set[str]:
    """Latin words that are neither listed nor proper names (to review the lists)."""
    text = _EMAIL_OR_URL.sub(" ", _ALLOWED.sub(" ", text))
    return {
        word
        for word in _LATIN_WORD.findall(text)
        if word not in PROPER_NAMES and not PROPER_NAME_PATTERN.match(word)
    }
