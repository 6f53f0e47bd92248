"""Parameters shared by several kinds: the round, and a unit within the user's reach."""

from django.core.exceptions import ValidationError

from core.clock import today
from core.fiscal import Quarter
from orgs.models import OrgUnit
from reporting.forms import RoundForm
from reporting.selectors import current_round


def clean_round(params: dict) -> dict:
    """{"fiscal_year", "quarter"} from the request; the round being reported when absent."""
    if not params.get("fiscal_year") and not params.get("quarter"):
        fiscal_year, quarter = current_round(today())
        return {"fiscal_year": fiscal_year, "quarter": quarter}
    form = RoundForm(
        data={"fiscal_year": params.get("fiscal_year"), "quarter": params.get("quarter")}
    )
    if not form.is_valid():
        raise ValidationError("กรุณาระบุปีงบประมาณ (พ.ศ.) และไตรมาส ๑–๔ ให้ถูกต้อง")
    return {
        "fiscal_year": form.cleaned_data["fiscal_year"],
        "quarter": form.cleaned_data["quarter"],
    }


def unit_of(params: dict) -> OrgUnit | None:
    """The unit a request names by id (None when it names none or an unknown one)."""
    value = str(params.get("unit") or "")
    if not value.isdigit():
        return None
    return OrgUnit.objects.filter(pk=int(value)).first()


def clean_unit(params: dict) -> int | None:
    if not params.get("unit"):
        return None
    unit = unit_of(params)
    if unit is None:
        raise ValidationError("ไม่พบหน่วยงานที่เลือก")
    return unit.pk


def round_label(params: dict) -> str:
    return Quarter(params["fiscal_year"], params["quarter"]).label
