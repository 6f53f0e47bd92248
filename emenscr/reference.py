"""Reference data: a ministry's unit tree and its own settings (the M7 chain, the
units that plan on the calendar year), and the strategy tree.

Loaded from files by `manage.py load_reference`, never by migrations, so another
ministry loads its own files. Loading again updates names and links in place
(units and plan nodes are matched by code), so projects keep their choices.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from approvals.models import Chain, ChainLevel
from core.tables import read_rows
from orgs.models import Cycle, OrgUnit, Role, UnitKind
from orgs.services import ImportReport, org_units_import
from projects.services.reference import STRATEGY_TREE, strategy_tree_import

ROOT = Path(__file__).resolve().parent.parent
# The Ministry of Labour's files, shipped in the product.
ORG_UNITS = ROOT / "orgs" / "data" / "org_units.csv"
MINISTRY = ROOT / "orgs" / "data" / "ministry.json"
LEVEL_KEYS = {"order", "name_th", "role"}


@dataclass(frozen=True)
class ReferenceFiles:
    units: Path = ORG_UNITS
    ministry: Path = MINISTRY
    strategy_tree: Path = STRATEGY_TREE


@dataclass(frozen=True)
class ReferenceReport:
    units: ImportReport
    strategy_tree: ImportReport
    chain_levels: int


def load_reference_data(files: ReferenceFiles | None = None) -> ReferenceReport:
    """Load or reload every file, all or nothing (a ValidationError names the fault)."""
    files = files or ReferenceFiles()
    ministry = read_ministry(files.ministry)
    with transaction.atomic():
        units = org_units_import(rows=_rows(files.units))
        _check_unit_codes(ministry)
        OrgUnit.objects.filter(code__in=ministry["calendar_year_units"]).update(
            cycle=Cycle.CALENDAR
        )
        tree = strategy_tree_import(rows=_rows(files.strategy_tree))
        _load_chain(ministry)
    return ReferenceReport(units, tree, len(ministry["chain"]["levels"]))


def _rows(path: Path):
    return read_rows(path.read_bytes(), filename=path.name)


def read_ministry(path: Path) -> dict:
    """The ministry file (orgs/data/ministry.json shows its shape), its levels checked."""
    try:
        ministry = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ValidationError(f"ไฟล์ {path.name} ไม่ใช่ JSON ที่ถูกต้อง") from exc
    if not _has_shape(ministry):
        raise ValidationError(f"ไฟล์ {path.name} ต้องมี root_unit, chain.name และ chain.levels")
    levels = ministry["chain"]["levels"]
    errors = [
        m for number, level in enumerate(levels, start=1) for m in _level_errors(number, level)
    ]
    if errors:
        raise ValidationError(errors)
    return {"calendar_year_units": [], **ministry}


def _has_shape(ministry) -> bool:
    chain = ministry.get("chain") if isinstance(ministry, dict) else None
    return (
        isinstance(chain, dict)
        and "root_unit" in ministry
        and "name" in chain
        and isinstance(chain.get("levels"), list)
    )


def _level_errors(number: int, level) -> list[str]:
    where = f"ขั้นตอนที่ {number}"
    if not isinstance(level, dict) or not level.keys() >= LEVEL_KEYS:
        return [f"{where}: ต้องมี order, name_th และ role"]
    errors = []
    if level["role"] not in Role.values:
        errors.append(f"{where}: บทบาท “{level['role']}” ไม่ถูกต้อง")
    if level.get("approver_unit_kind", "") not in {"", *UnitKind.values}:
        errors.append(f"{where}: ระดับหน่วยงาน “{level['approver_unit_kind']}” ไม่ถูกต้อง")
    return errors


def _check_unit_codes(ministry: dict) -> None:
    skipped = [code for level in ministry["chain"]["levels"] for code in _skip_codes(level)]
    named = {ministry["root_unit"], *ministry["calendar_year_units"], *skipped}
    missing = named - set(OrgUnit.objects.filter(code__in=named).values_list("code", flat=True))
    if missing:
        raise ValidationError(f"ไม่พบหน่วยงานรหัส {', '.join(sorted(missing))} ในข้อมูลหน่วยงาน")


def _skip_codes(level: dict) -> list[str]:
    return level.get("skip_for_units", [])


def _load_chain(ministry: dict) -> None:
    """Levels match by order; one the file no longer lists is kept (approvals point at it)."""
    chain, _ = Chain.objects.update_or_create(
        root_unit=OrgUnit.objects.get(code=ministry["root_unit"]),
        defaults={"name": ministry["chain"]["name"]},
    )
    for spec in ministry["chain"]["levels"]:
        level, _ = ChainLevel.objects.update_or_create(
            chain=chain,
            order=spec["order"],
            defaults={
                "name_th": spec["name_th"],
                "role": spec["role"],
                "approver_unit_kind": spec.get("approver_unit_kind", ""),
                "is_check": bool(spec.get("is_check", False)),
            },
        )
        level.skip_for_units.set(OrgUnit.objects.filter(code__in=_skip_codes(spec)))
