"""Memo (4): ป.ย.ป. asks the Permanent Secretary to approve the fiscal year's project
entries in M7 as the last step (seed 002, steps 5–6 of project entry): the
regulation and the entry window, the projects entered per cluster and department
with their budget, how many wait for the final step and how many are approved,
and the approval asked for by the entry window's chain deadline."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, DecimalField, Exists, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from approvals.models import Approval, ChainLevel, ItemStatus
from core.clock import today
from core.fiscal import format_baht, format_thai_date, thai_digits
from orgs.models import OrgUnit, Role, UnitKind
from projects.models import BudgetSource, Project
from windows.models import Window, WindowKind

from ..attachments import printable
from ..models import MemoKind
from . import Context, Draft, builder, signature_of
from .citations import cited_letter
from .quarter_circular import BLANK

MONEY = DecimalField(max_digits=18, decimal_places=2)
STATES = ["entered", "draft", "in_chain", "waiting_final", "approved"]


def _approval():
    """The current revision's approval row of the outer project."""
    return Approval.objects.filter(
        content_type=ContentType.objects.get_for_model(Project),
        object_id=OuterRef("pk"),
        revision=OuterRef("revision"),
    )


def _projects(*, fiscal_year: int, final: ChainLevel | None):
    """The year's projects with their budget (M5 sources), whether they wait for the
    final step, and the step they wait at."""
    budget = (
        BudgetSource.objects.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    waiting = _approval().filter(status=ItemStatus.SUBMITTED, current_level=final)
    step = _approval().filter(status=ItemStatus.SUBMITTED).values("current_level__name_th")
    return Project.objects.filter(fiscal_year=fiscal_year).annotate(
        budget=Coalesce(
            Subquery(budget, output_field=MONEY), Value(Decimal(0)), output_field=MONEY
        ),
        waiting_final=Exists(waiting),
        step=Subquery(step[:1]),
    )


def _state(status: str, waiting_final: bool) -> str:
    if status == ItemStatus.APPROVED:
        return "approved"
    if status == ItemStatus.SUBMITTED:
        return "waiting_final" if waiting_final else "in_chain"
    return "draft"


def _counts(*, fiscal_year: int, final: ChainLevel | None) -> list[dict]:
    """Projects and budget per owning unit, status and final-step wait (one query)."""
    return list(
        _projects(fiscal_year=fiscal_year, final=final)
        .order_by()
        .values("owner_unit__path", "status", "waiting_final")
        .annotate(n=Count("pk"), total=Sum("budget"))
    )


def _group(unit: OrgUnit | None, rows: list[dict]) -> dict:
    mine = [r for r in rows if unit is None or r["owner_unit__path"].startswith(unit.path)]
    group = {state: 0 for state in STATES}
    budget = waiting_budget = Decimal(0)
    for row in mine:
        state = _state(row["status"], row["waiting_final"])
        group[state] += row["n"]
        group["entered"] += row["n"]
        budget += row["total"] or Decimal(0)
        if state == "waiting_final":
            waiting_budget += row["total"] or Decimal(0)
    group.update(budget=str(budget), waiting_final_budget=str(waiting_budget))
    if unit is not None:
        group.update(unit=unit.code, level=unit.kind, name=unit.name_th, path=unit.path)
    return group


def entry_figures(*, fiscal_year: int, final: ChainLevel | None) -> dict:
    """The counts per cluster and department and for the whole year (two queries)."""
    rows = _counts(fiscal_year=fiscal_year, final=final)
    units = OrgUnit.objects.filter(
        kind__in=[UnitKind.CLUSTER, UnitKind.DEPARTMENT], is_active=True
    ).order_by("path")
    return {
        "totals": _group(None, rows),
        "groups": [_group(unit, rows) for unit in units],
    }


def entry_project_rows(*, fiscal_year: int, final: ChainLevel | None) -> list[dict]:
    """Every project of the year for the attachment (one query)."""
    rows = (
        _projects(fiscal_year=fiscal_year, final=final)
        .order_by("owner_unit__path", "code")
        .values(
            "code",
            "name",
            "owner_unit__abbr",
            "owner_unit__name_th",
            "budget",
            "status",
            "waiting_final",
            "step",
        )
    )
    labels = dict(ItemStatus.choices)
    return [
        {
            "code": r["code"],
            "name": r["name"],
            "unit": r["owner_unit__abbr"] or r["owner_unit__name_th"],
            "budget": str(r["budget"]),
            "state": _state(r["status"], r["waiting_final"]),
            "status": f"รอ{r['step']}" if r["step"] else labels[r["status"]],
        }
        for r in rows
    ]


def _final_level(unit: OrgUnit) -> ChainLevel | None:
    """The last step of the chain of the unit's ministry (the Permanent Secretary's)."""
    root_id = unit.ancestor_ids[0]
    return ChainLevel.objects.filter(chain__root_unit_id=root_id).order_by("-order").first()


def _entry_window(context: Context) -> dict | None:
    window = context.window
    if window is None or window.kind != WindowKind.PROJECT_ENTRY:
        window = (
            Window.objects.filter(
                fiscal_year=context.fiscal_year, kind=WindowKind.PROJECT_ENTRY, units__isnull=True
            )
            .order_by("opens_on")
            .first()
        )
    if window is None:
        return None
    return {
        "id": window.pk,
        "opens_on": window.opens_on.isoformat(),
        "unit_deadline": window.unit_deadline.isoformat(),
        "chain_deadline": window.chain_deadline.isoformat(),
    }


def _date(figures: dict, name: str) -> str:
    from datetime import date

    window = figures["window"]
    if window is None:
        return BLANK
    return format_thai_date(date.fromisoformat(window[name]), thai_numerals=True)


def _n(value: int) -> str:
    return thai_digits(value) if value else "-"


def _baht(value: str) -> str:
    return thai_digits(format_baht(Decimal(value))) if Decimal(value) else "-"


def _history(figures: dict) -> list[dict]:
    notice = _window_notice(figures)
    body = [
        {"level": 1, "text": "เรื่องเดิม"},
        {
            "level": 2,
            "text": "ระเบียบว่าด้วยการติดตาม ตรวจสอบ และประเมินผลการดำเนินการตามยุทธศาสตร์ชาติ "
            "และแผนการปฏิรูปประเทศ พ.ศ. ๒๕๖๒ กำหนดให้หน่วยงานของรัฐนำเข้าโครงการใหม่ทั้งหมดของ"
            "ปีงบประมาณในระบบติดตามและประเมินผลแห่งชาติ (eMENSCR) ให้แล้วเสร็จภายในไตรมาสแรกของ"
            "ปีงบประมาณ โดยขั้นตอนการอนุมัติ (M7) ตามลำดับการบังคับบัญชาต้องเสร็จสิ้นในช่วงเวลาดังกล่าวด้วย",
        },
        {
            "level": 2,
            "text": "กลุ่ม ป.ย.ป. แจ้งทุกกรมในสังกัดและหน่วยงานในสำนักงานปลัดกระทรวงแรงงาน "
            f"นำเข้าข้อมูลโครงการ/การดำเนินงาน ประจำปีงบประมาณ พ.ศ. {figures['be']} ในระบบ eMENSCR "
            f"ตั้งแต่วันที่ {_date(figures, 'opens_on')} และเสนอผู้บริหารหน่วยงานอนุมัติ (M7) "
            f"ภายในวันที่ {_date(figures, 'unit_deadline')} รายละเอียด{notice}",
        },
    ]
    if figures["totals"]["approved"]:
        body.append(
            {
                "level": 2,
                "text": "ปลัดกระทรวงแรงงาน อนุมัติการนำเข้าข้อมูลโครงการ/การดำเนินงาน ประจำปีงบประมาณ "
                f"พ.ศ. {figures['be']} ของกระทรวงแรงงาน ในระบบ eMENSCR แล้ว จำนวนทั้งสิ้น "
                f"{_n(figures['totals']['approved'])} โครงการ รายละเอียด{figures['earlier_approval']}",
            }
        )
    return body


def _window_notice(figures: dict) -> str:
    """The notice of the entry window, else the year's notice of all its windows."""
    window = figures["window"]
    return cited_letter(
        kind=MemoKind.WINDOW_NOTICE,
        fiscal_year=figures["fiscal_year"],
        window=window["id"] if window is not None else None,
    )


def _departments_of(groups: list[dict]) -> list[tuple[dict, list[dict]]]:
    """(cluster or lone department, its departments) with projects, in tree order."""
    entered = [g for g in groups if g["entered"]]
    clusters = [g for g in entered if g["level"] == UnitKind.CLUSTER]
    result = [
        (
            c,
            [
                d
                for d in entered
                if d["level"] == UnitKind.DEPARTMENT and d["path"].startswith(c["path"])
            ],
        )
        for c in clusters
    ]
    lone = [
        d
        for d in entered
        if d["level"] == UnitKind.DEPARTMENT
        and not any(d["path"].startswith(c["path"]) for c in clusters)
    ]
    return sorted(result + [(d, []) for d in lone], key=lambda pair: pair[0]["path"])


def _amount(group: dict) -> str:
    return f"จำนวน {_n(group['entered'])} โครงการ งบประมาณ {_baht(group['budget'])} บาท"


def _entered(figures: dict) -> list[dict]:
    totals = figures["totals"]
    body = [
        {
            "level": 0,
            "text": "กลุ่ม ป.ย.ป. ได้ตรวจสอบความถูกต้องของข้อมูลโครงการที่หน่วยงานนำเข้าในระบบ eMENSCR "
            "(ความเชื่อมโยงกับยุทธศาสตร์ชาติ แผนแม่บทภายใต้ยุทธศาสตร์ชาติ แผนการปฏิรูปประเทศ "
            "รหัสงบประมาณ และความซ้ำซ้อนของโครงการ) แล้ว ขอรายงาน ดังนี้",
        },
        {
            "level": 2,
            "text": f"โครงการ/การดำเนินงาน ประจำปีงบประมาณ พ.ศ. {figures['be']} ที่หน่วยงานนำเข้า"
            f"ในระบบ eMENSCR รวมทั้งสิ้น {_n(totals['entered'])} โครงการ งบประมาณรวม "
            f"{_baht(totals['budget'])} บาท แบ่งตามกลุ่มภารกิจได้ ดังนี้ (รายละเอียดตามเอกสารแนบ)",
        },
    ]
    for head, departments in _departments_of(figures["groups"]):
        several = len(departments) > 1
        body.append(
            {
                "level": 4,
                "text": f"{head['name']} {_amount(head)}" + (" ประกอบด้วย" if several else ""),
            }
        )
        if several:
            body += [{"level": 5, "text": f"{d['name']} {_amount(d)}"} for d in departments]
    return body


def _statuses(figures: dict) -> list[dict]:
    totals, step = figures["totals"], figures["final_step"]
    body = [
        {
            "level": 2,
            "text": "สถานะการอนุมัติตามลำดับการบังคับบัญชา (M7) ในระบบ eMENSCR "
            f"ณ วันที่ {_iso_thai(figures['taken_on'])} ดังนี้",
        },
        {"level": 4, "text": f"อนุมัติครบทุกขั้นแล้ว จำนวน {_n(totals['approved'])} โครงการ"},
        {
            "level": 4,
            "text": f"ผ่านการพิจารณาตามลำดับการบังคับบัญชาแล้ว รอ{step}ในลำดับสุดท้าย "
            f"จำนวน {_n(totals['waiting_final'])} โครงการ",
        },
        {
            "level": 4,
            "text": "อยู่ระหว่างการพิจารณาตามลำดับการบังคับบัญชาในขั้นก่อนหน้า "
            f"จำนวน {_n(totals['in_chain'])} โครงการ",
        },
        {
            "level": 4,
            "text": f"ยังไม่ส่งขออนุมัติหรือส่งกลับแก้ไข จำนวน {_n(totals['draft'])} โครงการ",
        },
        {"level": 0, "text": "จำแนกรายหน่วยงาน ดังนี้"},
    ]
    body += [
        {
            "level": 6,
            "text": f"{g['name']} นำเข้า {_n(g['entered'])} โครงการ อนุมัติแล้ว {_n(g['approved'])} "
            f"โครงการ รออนุมัติในลำดับสุดท้าย {_n(g['waiting_final'])} โครงการ",
        }
        for g in figures["groups"]
        if g["level"] == UnitKind.DEPARTMENT and g["entered"]
    ]
    return body


def _iso_thai(iso: str) -> str:
    from datetime import date

    return format_thai_date(date.fromisoformat(iso), thai_numerals=True)


def _request(figures: dict) -> str:
    """๓.๑: approve what waits for the last step; when nothing waits, note what stands."""
    totals, be = figures["totals"], figures["be"]
    if totals["waiting_final"]:
        return (
            f"อนุมัติการนำเข้าข้อมูลโครงการ/การดำเนินงาน ประจำปีงบประมาณ พ.ศ. {be} "
            "ในลำดับสุดท้ายตามลำดับการบังคับบัญชา (M7) ในระบบ eMENSCR จำนวน "
            f"{_n(totals['waiting_final'])} โครงการ งบประมาณรวม "
            f"{_baht(totals['waiting_final_budget'])} บาท ภายในวันที่ {_date(figures, 'chain_deadline')}"
        )
    approved = (
        f"ได้รับการอนุมัติครบทุกขั้นแล้ว จำนวน {thai_digits(totals['approved'])} โครงการ และ"
        if totals["approved"]
        else ""
    )
    return (
        f"รับทราบว่าโครงการ/การดำเนินงาน ประจำปีงบประมาณ พ.ศ. {be} ในระบบ eMENSCR {approved}"
        "ขณะนี้ยังไม่มีโครงการที่รอการอนุมัติในลำดับสุดท้ายตามลำดับการบังคับบัญชา (M7)"
    )


def _considerations(figures: dict) -> list[dict]:
    totals = figures["totals"]
    by = _date(figures, "chain_deadline")
    unfinished = totals["in_chain"] + totals["draft"]
    body = [
        {"level": 1, "text": "ข้อพิจารณา"},
        {"level": 0, "text": "กลุ่ม ป.ย.ป. พิจารณาแล้ว เห็นสมควรดำเนินการ ดังนี้"},
        {"level": 2, "text": _request(figures)},
    ]
    if unfinished:
        body.append(
            {
                "level": 2,
                "text": f"แจ้งหน่วยงานที่มีโครงการยังไม่ผ่านการอนุมัติครบทุกขั้น จำนวน {_n(unfinished)} "
                f"โครงการ เร่งดำเนินการให้แล้วเสร็จภายในวันที่ {by}",
            }
        )
    return body


@builder(MemoKind.ENTRY_APPROVAL)
def build(context: Context) -> Draft:
    final = _final_level(context.unit)
    figures = {
        "fiscal_year": context.fiscal_year,
        "be": thai_digits(context.fiscal_year),
        "taken_on": today().isoformat(),
        "window": _entry_window(context),
        "final_step": final.name_th if final else BLANK,
        **entry_figures(fiscal_year=context.fiscal_year, final=final),
        **printable(entry_project_rows(fiscal_year=context.fiscal_year, final=final)),
        "earlier_approval": cited_letter(
            kind=MemoKind.ENTRY_APPROVAL, fiscal_year=context.fiscal_year
        ),
    }
    # Nothing waits for the last step: the memo reports, and the Permanent Secretary notes it.
    asks = bool(figures["totals"]["waiting_final"])
    name, position = signature_of(
        Role.DIVISION_DIRECTOR, context.unit, f"ผู้อำนวยการ{context.unit.name_th}"
    )
    ps_name, ps_position = signature_of(
        Role.PERMANENT_SECRETARY, context.unit.ancestors().first(), "ปลัดกระทรวงแรงงาน"
    )
    return Draft(
        subject=f"อนุมัติการนำเข้าข้อมูลโครงการ/การดำเนินงาน ประจำปีงบประมาณ พ.ศ. {figures['be']} "
        "ในระบบติดตามและประเมินผลแห่งชาติ (eMENSCR)",
        addressee="ปลัดกระทรวงแรงงาน",
        urgency="ด่วนที่สุด",
        body=_history(figures)
        + [{"level": 1, "text": "ข้อเท็จจริง"}]
        + _entered(figures)
        + _statuses(figures)
        + _considerations(figures),
        closing="จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติ" if asks else "จึงเรียนมาเพื่อโปรดทราบ",
        signatory_name=name,
        signatory_position=position,
        approvals=[
            {"text": "อนุมัติตามข้อ ๓.๑" if asks else "ทราบ", "name": ps_name, "position": ps_position}
        ],
        attachments=["entry_projects"],
        figures=figures,
    )
