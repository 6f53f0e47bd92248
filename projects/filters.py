"""The project list's filter form (parsed here, applied in selectors)."""

from django import forms

from approvals.models import ItemStatus
from core import fiscal
from core.clock import today
from core.forms import UnitFilterField
from core.widgets import PlainSelect, PlainTextInput
from orgs.permissions import visible_units


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label="ค้นหารหัสหรือชื่อโครงการ", required=False, widget=PlainTextInput)
    fiscal_year = forms.TypedChoiceField(
        label="ปีงบประมาณ", required=False, coerce=int, empty_value=None, widget=PlainSelect
    )
    unit = UnitFilterField()
    status = forms.ChoiceField(
        label="สถานะ",
        required=False,
        choices=[("", "ทุกสถานะ")] + ItemStatus.choices,
        widget=PlainSelect,
    )
    complete = forms.ChoiceField(
        label="ความครบถ้วน",
        required=False,
        choices=[("", "ทั้งหมด"), ("yes", "ครบถ้วนแล้ว"), ("no", "ยังไม่ครบ")],
        widget=PlainSelect,
    )
    target = forms.CharField(
        label="รหัสเป้าหมาย (Y1/Y2)", required=False, max_length=16, widget=PlainTextInput
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = (
            visible_units(user).only("pk", "path", "abbr", "name_th").order_by("path")
        )
        current = fiscal.fiscal_year_of(today())
        self.fields["fiscal_year"].choices = [("", "ทุกปี")] + [
            (y, y) for y in range(current + 1, current - 6, -1)
        ]

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
