"""The portal's search and filters (GET forms: a wrong value says so in Thai and is ignored)."""

from django import forms

from projects.models import PlanNode

from .selectors import filter_units, published_years


class ProjectSearchForm(forms.Form):
    q = forms.CharField(label="ค้นหา (รหัสหรือชื่อโครงการ)", max_length=200, required=False)
    fiscal_year = forms.TypedChoiceField(
        label="ปีงบประมาณ", coerce=int, required=False, empty_value=None
    )
    unit = forms.ModelChoiceField(
        label="หน่วยงาน",
        queryset=filter_units(),
        to_field_name="code",
        required=False,
        empty_label="ทุกหน่วยงาน",
    )
    target = forms.CharField(
        label="รหัสเป้าหมาย (Y1/Y2)",
        max_length=16,
        required=False,
        error_messages={"max_length": "รหัสเป้าหมายยาวไม่เกิน %(limit_value)d ตัวอักษร"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = published_years()
        self.fields["fiscal_year"].choices = [("", "ทุกปี")] + [(y, str(y)) for y in years]
        self.fields["fiscal_year"].error_messages["invalid_choice"] = (
            "ไม่มีโครงการที่เผยแพร่ในปีงบประมาณนี้"
        )
        self.fields["unit"].error_messages["invalid_choice"] = "ไม่พบหน่วยงานนี้"
        self.fields["unit"].label_from_instance = lambda u: u.name_th

    def filters(self) -> dict:
        """The values that passed validation (an invalid one filters nothing)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}

    def target_node(self) -> PlanNode | None:
        code = self.filters().get("target")
        return PlanNode.objects.filter(code=code).first() if code else None


class YearForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label="ปีงบประมาณ", coerce=int, required=False)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = [(y, str(y)) for y in years]
        self.fields["fiscal_year"].error_messages["invalid_choice"] = "ไม่มีข้อมูลที่เผยแพร่ในปีงบประมาณนี้"

    def year(self, years: list[int]) -> int | None:
        """The chosen year, else the latest one with data."""
        if self.is_bound and self.is_valid() and self.cleaned_data["fiscal_year"]:
            return self.cleaned_data["fiscal_year"]
        return years[0] if years else None
