"""The portal's three datasets as tables (downloads) and as DCAT entries (catalogue)."""

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from core import fiscal
from core.fiscal import Quarter
from projects.linkage import LinkageMap
from reporting.summaries import BAND_SHORT, BANDS

from .downloads import Field, Table
from .models import PublishedProject

PROJECT_FIELDS = [
    Field("code", "รหัสโครงการ", width=20),
    Field("name", "ชื่อโครงการ/การดำเนินงาน", width=50),
    Field("kind", "ลักษณะ", width=12),
    Field("unit_code", "รหัสหน่วยงาน", width=12),
    Field("unit", "หน่วยงานรับผิดชอบ", width=36),
    Field("fiscal_year", "ปีงบประมาณ", "year", 10),
    Field("start_date", "วันที่เริ่มต้น", "date", 14),
    Field("end_date", "วันที่สิ้นสุด", "date", 14),
    Field("budget_total", "งบประมาณรวม (บาท)", "money", 18),
    Field("budget_sources", "แหล่งเงิน", width=40),
    Field("targets", "ความเชื่อมโยงกับแผนระดับ ๑ และ ๒ (M1)", width=50),
    Field("level3_plans", "แผนระดับที่ ๓", width=40),
    Field("areas", "พื้นที่ดำเนินการ", width=40),
    Field("report_round", "ไตรมาสล่าสุดที่อนุมัติ", width=16),
    Field("report_progress", "ความก้าวหน้า (ร้อยละ)", "percent", 12),
    Field("report_disbursed", "เบิกจ่ายในไตรมาส (บาท)", "money", 18),
    Field("report_result", "สรุปผลการดำเนินงาน", width=60),
]


def report_round(row: PublishedProject) -> str:
    if not row.report_quarter:
        return ""
    return Quarter(row.report_fiscal_year, row.report_quarter).label


def source_text(source: dict) -> str:
    name = f" ({source['name']})" if source["name"] else ""
    return f"{source['kind']}{name}: {fiscal.format_baht(Decimal(source['amount']))}"


def project_row(row: PublishedProject) -> dict:
    return {
        "code": row.code,
        "name": row.name,
        "kind": row.kind,
        "unit_code": row.unit.code,
        "unit": row.unit.name_th,
        "fiscal_year": row.fiscal_year,
        "start_date": row.start_date,
        "end_date": row.end_date,
        "budget_total": row.budget_total,
        "budget_sources": [source_text(s) for s in row.budget_sources],
        "targets": [f"{t['code']} {t['name']}".strip() for t in row.targets],
        "level3_plans": row.level3_plans,
        "areas": row.areas,
        "report_round": report_round(row),
        "report_progress": row.report_progress,
        "report_disbursed": row.report_disbursed,
        "report_result": row.report_result,
    }


def projects_table(rows) -> Table:
    return Table(
        name="projects",
        title="โครงการที่ได้รับอนุมัติ",
        fields=PROJECT_FIELDS,
        rows=(project_row(r) for r in rows.iterator(chunk_size=1000)),
    )


ROUND_FIELDS = [
    Field("fiscal_year", "ปีงบประมาณ", "year", 10),
    Field("quarter", "ไตรมาส", "int", 8),
    Field("unit_code", "รหัสหน่วยงาน", width=12),
    Field("unit", "หน่วยงาน", width=40),
    Field("level", "ระดับ", width=12),
    Field("reported", "จำนวนโครงการที่รายงาน", "int", 14),
    *[Field(f"count_{b}", f"{BAND_SHORT[b]} (โครงการ)", "int", 12) for b in BANDS],
    *[Field(f"percent_{b}", f"{BAND_SHORT[b]} (ร้อยละ)", "percent", 12) for b in BANDS],
]
LEVEL_LABELS = {"ministry": "กระทรวง", "cluster": "กลุ่มภารกิจ", "department": "กรม/ส่วนราชการ"}


def round_rows(snapshots) -> Iterator[dict]:
    for snapshot in snapshots:
        for group in snapshot.data["five_band"]["groups"]:
            yield {
                "fiscal_year": snapshot.fiscal_year,
                "quarter": snapshot.quarter,
                "unit_code": group["unit"],
                "unit": group["name"],
                "level": LEVEL_LABELS.get(group["level"], group["level"]),
                "reported": group["reported"],
                **{f"count_{b}": group["counts"][b] for b in BANDS},
                **{f"percent_{b}": group["percents"][b] for b in BANDS},
            }


def rounds_table(snapshots) -> Table:
    return Table(
        name="five-band-rounds",
        title="ผลความก้าวหน้า ๕ ระดับของรอบที่ปิดแล้ว",
        fields=ROUND_FIELDS,
        rows=round_rows(snapshots),
    )


LINKAGE_TITLE = "ความเชื่อมโยงโครงการกับยุทธศาสตร์ชาติ"
LINKAGE_FIELDS = [
    Field("fiscal_year", "ปีงบประมาณ", "year", 10),
    Field("level", "ระดับ", width=26),
    Field("code", "รหัส", width=12),
    Field("name", "ชื่อ", width=60),
    Field("parent_code", "ภายใต้ (รหัส)", width=12),
    Field("projects", "จำนวนโครงการ", "int", 12),
    Field("budget", "งบประมาณ (บาท)", "money", 18),
]


def linkage_rows(linkage: LinkageMap) -> Iterator[dict]:
    trail: list = []
    for depth, node in linkage.walk():
        del trail[depth:]
        trail.append(node)
        yield {
            "fiscal_year": linkage.fiscal_year,
            "level": node.level_label,
            "code": node.code,
            "name": node.name,
            "parent_code": trail[-2].code if depth else "",
            "projects": node.count,
            "budget": node.budget,
        }


def linkage_table(linkage: LinkageMap | None) -> Table:
    """The map's rows; with no map (nothing published yet) the columns alone."""
    if linkage is None:
        return Table("linkage", LINKAGE_TITLE, LINKAGE_FIELDS, [])
    return Table(
        name=f"linkage-{linkage.fiscal_year}",
        title=f"{LINKAGE_TITLE} ปีงบประมาณ {linkage.fiscal_year}",
        fields=LINKAGE_FIELDS,
        rows=linkage_rows(linkage),
    )


@dataclass(frozen=True)
class Dataset:
    """One entry of the catalogue: what it is and the view that serves its files."""

    key: str
    title: str
    description: str
    keywords: tuple[str, ...]
    page: str  # URL name of its page (the landing page)
    download: str  # URL name of its download, taking `fmt`


DATASETS = [
    Dataset(
        key="projects",
        title="โครงการที่ได้รับอนุมัติ",
        description=(
            "โครงการ/การดำเนินงานของกระทรวงที่ผ่านการอนุมัติตามสายการบังคับบัญชา (M7) แล้ว "
            "ตามฉบับที่อนุมัติล่าสุด: ชื่อ หน่วยงาน ปีงบประมาณ ความเชื่อมโยงกับแผน (M1) "
            "งบประมาณและแหล่งเงิน ระยะเวลา พื้นที่ดำเนินการ และความก้าวหน้าและผลการดำเนินงาน"
            "ของไตรมาสล่าสุดที่อนุมัติ"
        ),
        keywords=("โครงการ", "ยุทธศาสตร์ชาติ", "งบประมาณ", "eMENSCR"),
        page="open:projects",
        download="open:projects_download",
    ),
    Dataset(
        key="rounds",
        title="ผลความก้าวหน้า ๕ ระดับรายไตรมาส",
        description=(
            "จำนวนและร้อยละของโครงการที่รายงานผลในแต่ละระดับความก้าวหน้า (๑๐๐ %, ๗๕–๙๙ %, "
            "๕๐–๗๔ %, ๒๕–๔๙ %, ต่ำกว่า ๒๕ %) รายกรม กลุ่มภารกิจ และกระทรวง "
            "ตามตัวเลขที่ตรึงไว้เมื่อปิดรอบรายงาน"
        ),
        keywords=("ความก้าวหน้า", "รายไตรมาส", "ติดตามและประเมินผล", "eMENSCR"),
        page="open:rounds",
        download="open:rounds_download",
    ),
    Dataset(
        key="linkage",
        title="ความเชื่อมโยงโครงการกับยุทธศาสตร์ชาติ",
        description=(
            "ยุทธศาสตร์ชาติ แผนแม่บท แผนย่อย และเป้าหมาย (Y2/Y1) พร้อมจำนวนโครงการที่ได้รับอนุมัติ"
            "และงบประมาณที่เชื่อมโยงแต่ละระดับ ของปีงบประมาณล่าสุด"
        ),
        keywords=("ยุทธศาสตร์ชาติ", "แผนแม่บท", "เป้าหมาย", "ความเชื่อมโยง"),
        page="open:linkage",
        download="open:linkage_download",
    ),
]
