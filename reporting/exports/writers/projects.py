"""Project lists with their M1 links, as the list page filters them.

Rows are read in chunks with only the columns written; each chunk's plan links
are read as id pairs and resolved against the strategy tree, read once. The
queries do not grow with the projects within a chunk and memory stays small
however long the list.
"""

from itertools import islice

from django.core.exceptions import ValidationError

from core.xlsx import Column, OfficialWorkbook
from orgs.models import User
from projects.filters import ProjectFilterForm
from projects.models import PlanLevel, PlanNode, Project
from projects.selectors import SORTS, project_list_rows
from reporting.models import ExportJob

from ..progress import Progress

CHUNK = 500
FILTER_KEYS = ["q", "fiscal_year", "unit", "status", "complete", "target"]
COLUMNS = [
    Column("รหัสโครงการ", 20),
    Column("ชื่อโครงการ/การดำเนินงาน", 50),
    Column("หน่วยงาน", 24),
    Column("ปีงบประมาณ", 11, "year"),
    Column("สถานะ", 16),
    Column("งบประมาณ (บาท)", 18, "money"),
    Column("วันที่เริ่มต้น", 14, "date"),
    Column("วันที่สิ้นสุด", 14, "date"),
    Column("ยุทธศาสตร์ชาติ", 30),
    Column("แผนแม่บทภายใต้ยุทธศาสตร์ชาติ", 30),
    Column("แผนย่อยของแผนแม่บท", 30),
    Column("รหัสเป้าหมายแผนแม่บท (Y2)", 14),
    Column("เป้าหมายแผนแม่บท (Y2)", 36),
    Column("รหัสเป้าหมายแผนย่อย (Y1)", 14),
    Column("เป้าหมายแผนย่อย (Y1)", 36),
]


def clean_project_filters(params: dict, user: User) -> dict:
    """The list page's filters, checked by its own form; stored as the page sent them."""
    raw = {k: str(params[k]) for k in FILTER_KEYS if params.get(k) not in (None, "")}
    form = ProjectFilterForm(data=raw, user=user)
    if not form.is_valid():
        raise ValidationError("เงื่อนไขการค้นหาไม่ถูกต้อง กรุณาตรวจสอบตัวกรองในหน้ารายการโครงการ")
    sort = str(params.get("sort") or "")
    return {**raw, **({"sort": sort} if sort in SORTS else {})}


def export_rows(*, user: User, params: dict):
    """The list page's rows for `params`, with only the columns the sheet writes."""
    form = ProjectFilterForm(data={k: v for k, v in params.items() if k != "sort"}, user=user)
    rows = project_list_rows(user=user, filters=form.filters(), sort=params.get("sort", ""))
    return rows.only(
        "code",
        "name",
        "fiscal_year",
        "status",
        "start_date",
        "end_date",
        "budget_total",
        "owner_unit__abbr",
        "owner_unit__name_th",
    )


def write_projects(
    job: ExportJob, params: dict, book: OfficialWorkbook, progress: Progress
) -> None:
    rows = export_rows(user=job.requested_by, params=params)
    tree = strategy_tree()
    sheet = book.sheet(
        "รายชื่อโครงการ", COLUMNS, heading="รายชื่อโครงการ/การดำเนินงาน และความเชื่อมโยงกับแผน (M1)"
    )
    progress.expect(rows.count())
    projects = rows.iterator(chunk_size=CHUNK)
    while chunk := list(islice(projects, CHUNK)):
        links = _plan_links([project.pk for project in chunk])
        for project in chunk:
            sheet.append(project_row(project, [tree[pk] for pk in links.get(project.pk, ())]))
        progress.advance(len(chunk))


def strategy_tree() -> dict[int, PlanNode]:
    """Every node of the strategy tree by id, each linked to its parent: a few hundred
    rows read once, where a prefetch per chunk built the same nodes again for every project."""
    nodes = {node.pk: node for node in PlanNode.objects.order_by("level", "code")}
    for node in nodes.values():
        node.parent = nodes.get(node.parent_id)
    return nodes


def _plan_links(project_ids: list[int]) -> dict[int, list[int]]:
    links: dict[int, list[int]] = {}
    through = Project.plan_nodes.through.objects.filter(project_id__in=project_ids)
    for project_id, node_id in through.order_by("plannode_id").values_list(
        "project_id", "plannode_id"
    ):
        links.setdefault(project_id, []).append(node_id)
    return links


def project_row(project: Project, nodes: list[PlanNode]) -> list:
    links = linked_levels(sorted(nodes, key=lambda node: (node.level, node.code)))
    return [
        project.code,
        project.name,
        str(project.owner_unit),
        project.fiscal_year,
        project.get_status_display(),
        project.budget_total,
        project.start_date,
        project.end_date,
        _names(links[PlanLevel.STRATEGY]),
        _names(links[PlanLevel.MASTER_PLAN]),
        _names(links[PlanLevel.SUB_PLAN]),
        _codes(links[PlanLevel.MASTER_PLAN_TARGET]),
        _names(links[PlanLevel.MASTER_PLAN_TARGET], with_code=False),
        _codes(links[PlanLevel.SUB_PLAN_TARGET]),
        _names(links[PlanLevel.SUB_PLAN_TARGET], with_code=False),
    ]


def linked_levels(nodes) -> dict[str, list[PlanNode]]:
    """Each level of the strategy tree the project reaches: its links and their ancestors."""
    found: dict[str, dict[int, PlanNode]] = {level: {} for level in PlanLevel.values}
    for node in nodes:
        while node is not None:
            found[node.level].setdefault(node.pk, node)
            node = node.parent
    return {level: list(by_pk.values()) for level, by_pk in found.items()}


def _codes(nodes: list[PlanNode]) -> str:
    return "; ".join(n.code for n in nodes if n.code)


def _names(nodes: list[PlanNode], *, with_code: bool = True) -> str:
    return "; ".join((str(n) if with_code else n.name_th) for n in nodes)
