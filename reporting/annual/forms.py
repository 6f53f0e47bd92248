from django import forms

from core.forms import UnitFilterField
from orgs.models import User
from orgs.permissions import visible_units

from ..models import AnnualReport


class AnnualReportForm(forms.ModelForm):
    """The report's texts; the indicator rows are parsed beside it (see views)."""

    class Meta:
        model = AnnualReport
        fields = ["summary", "problems", "suggestions"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}

    def _post_clean(self):
        pass  # the service validates with the row lock held


class AnnualFilterForm(forms.Form):
    year = forms.IntegerField(
        label="ปีของแผน (พ.ศ.)",
        min_value=2500,
        max_value=2700,
        required=False,
        error_messages={"invalid": "กรุณากรอกปี พ.ศ. เป็นตัวเลข"},
    )
    unit = UnitFilterField()

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_units(user).order_by("path")

    def chosen(self, default_year: int) -> tuple[int, object]:
        """(year, unit or None): what the query string asks for, else `default_year`."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["year"] or default_year, self.cleaned_data["unit"]
        return default_year, None
