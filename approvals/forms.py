from django import forms
from django.contrib.contenttypes.models import ContentType

from core.forms import UnitFilterField
from core.validation import valid_id
from orgs.permissions import visible_units
from windows.models import Window
from windows.selectors import window_scope_q

from .items import PROJECT_CHECKLIST, ItemKind, checklist_points, kinds


class InboxFilterForm(forms.Form):
    unit = UnitFilterField()
    kind = forms.ModelChoiceField(
        label="ประเภทรายการ", required=False, queryset=None, empty_label="ทุกประเภท"
    )
    window = forms.ModelChoiceField(label="รอบ", required=False, queryset=None, empty_label="ทุกรอบ")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_units(user).order_by("path")
        models = [k.model for k in kinds()]
        self.fields["kind"].queryset = ContentType.objects.filter(
            pk__in=[ContentType.objects.get_for_model(m).pk for m in models]
        )
        self.fields["kind"].label_from_instance = lambda ct: next(
            k.label for k in kinds() if k.model == ct.model_class()
        )
        # Only the windows that concern the user, as the API lists them.
        concerning = Window.objects.filter(window_scope_q(user)).values("pk")
        self.fields["window"].queryset = Window.objects.filter(pk__in=concerning).order_by(
            "-fiscal_year", "opens_on"
        )

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class ChecklistForm(forms.Form):
    """The ป.ย.ป. check: one box per point of the checklist of the item kinds shown
    (a project's by default); `ticked` reads the boxes of every kind, and the engine
    checks each item against its own kind's."""

    def __init__(self, *args, kinds: list[ItemKind] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        shown = checklist_points(kinds) if kinds else PROJECT_CHECKLIST
        for key, label in shown:
            self.fields[f"check_{key}"] = forms.BooleanField(label=label, required=False)

    def ticked(self) -> dict:
        data = self.data
        return {
            key: data.get(f"check_{key}") in ("on", "true", "1") for key, _ in checklist_points()
        }


class ItemActionForm(ChecklistForm):
    """One move from an item page's buttons, parsed into `item_act`'s arguments (as the
    API's serializers parse a JSON body into the same)."""

    def act_input(self) -> dict:
        data = self.data
        expected = data.get("expected_level", "")
        return {
            "action": data.get("action") or "",
            "comment": data.get("comment", ""),
            "checklist": self.ticked(),
            "expected_level_id": valid_id(expected),
        }
