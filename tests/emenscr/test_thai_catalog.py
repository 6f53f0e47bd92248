"""The Thai catalog Django reads (locale/th/LC_MESSAGES/django.mo) is the one we edit
(django.po) compiled: a translation added to the .po and not compiled would leave the
page in English with no other test noticing."""

import ast
import gettext
import re
from pathlib import Path

CATALOG = Path(__file__).resolve().parents[2] / "locale" / "th" / "LC_MESSAGES"
# A keyword line and the quoted lines that continue it.
_ENTRY = re.compile(r'^(msgid|msgid_plural|msgstr(?:\[0\])?) ((?:".*"\n?)+)', re.MULTILINE)


def po_translations() -> dict[tuple[str, str | None], str]:
    """(msgid, msgid_plural or None) → msgstr (the one form for plurals), header aside."""
    translations, msgid, plural = {}, None, None
    for keyword, quoted in _ENTRY.findall((CATALOG / "django.po").read_text(encoding="utf-8")):
        text = "".join(ast.literal_eval(line) for line in quoted.splitlines())
        if keyword == "msgid":
            msgid, plural = text, None
        elif keyword == "msgid_plural":
            plural = text
        elif msgid:
            translations[msgid, plural] = text
    return translations


def test_every_translation_of_the_po_is_in_the_compiled_mo():
    with (CATALOG / "django.mo").open("rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    translations = po_translations()

    missing = {
        msgid: text
        for (msgid, plural), text in translations.items()
        if (mo.ngettext(msgid, plural, 1) if plural else mo.gettext(msgid)) != text
    }
    assert len(translations) > 100
    assert not missing, f"compile with `msgfmt -o django.mo django.po`: {missing}"
