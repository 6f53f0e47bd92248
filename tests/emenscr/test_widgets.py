"""The long select writes the same markup as Django's own select."""

import re

from django import forms

from emenscr.widgets import LongSelect

CHOICES = [("", "ทุกหน่วยงาน"), ("1", "รง."), ("2", 'กอง "ก" & <ข>')]


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def test_a_long_select_renders_as_django_s_select_does():
    attrs = {"id": "id_unit"}

    ours = LongSelect(attrs=attrs, choices=CHOICES).render("unit", "2")
    django = forms.Select(attrs=attrs, choices=CHOICES).render("unit", "2")

    assert squeeze(ours) == squeeze(django)
    assert '<option value="2" selected>' in ours
    assert "&quot;ก&quot; &amp; &lt;ข&gt;" in ours


def test_a_long_select_keeps_option_groups():
    grouped = [("กลุ่ม ๑", [("1", "ก"), ("2", "ข")]), ("กลุ่ม ๒", [("3", "ค")])]

    ours = LongSelect(choices=grouped).render("unit", None)
    django = forms.Select(choices=grouped).render("unit", None)

    assert squeeze(ours) == squeeze(django)
