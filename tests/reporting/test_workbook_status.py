"""The workbook's `status` columns (shared/spec/exchange.md section 1): a past round
loads approved and gives its five-band summary, statuses agree and never move
backwards, approved items change only through a new revision, and export then
import into an empty database reproduces the round."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from openpyxl import load_workbook

from approvals.models import Action, Approval, Transition
from approvals.selectors import trail_for
from orgs.models import Role
from projects.models import Project, ProjectRevision
from reporting.models import QuarterlyReport
from reporting.workbook import (
    PROGRESS_KEYS,
    PROJECT_KEYS,
    WorkbookRejected,
    export_workbook,
    import_workbook,
)
from tests.conftest import queries_of
from tests.factories import ProjectFactory, QuarterlyReportFactory, user_with_role
from tests.reporting.test_workbook import PROGRESS, PROJECT, _many, workbook

pytestmark = pytest.mark.django_db

# A past round, fiscal 2566 quarter 1: one approved project of each band.
ROUND_PROGRESS = {"100": 100, "75-99": 80, "50-74": 60, "25-49": 30, "0-24": 10}


@pytest.fixture
def pyp():
    return user_with_role(Role.PYP_OFFICER, "MOL")


def past_round() -> bytes:
    """Approved projects of 2566 (two units) with their approved Q1 reports."""
    projects, progress = [], []
    for n, percent in enumerate(ROUND_PROGRESS.values()):
        code = f"รง 0209-66-{n + 1:04d}"
        projects.append(
            {
                **PROJECT,
                "code": code,
                "owner_unit": "0209" if n % 2 else "DOE",
                "fiscal_year": 2566,
                "start_date": "2022-10-01",
                "end_date": "2023-09-30",
            }
        )
        progress.append(
            {
                **PROGRESS,
                "project_code": code,
                "fiscal_year": 2566,
                "progress_percent": percent,
                "status": "approved",
            }
        )
    return workbook(projects, progress)


def revised(data: bytes) -> bytes:
    """The workbook with every project renamed and every approved report's result
    rewritten (submitted reports wait in the chain: a file may not change them)."""
    book = load_workbook(io.BytesIO(data))
    for row in book["projects"].iter_rows(min_row=2):
        row[PROJECT_KEYS.index("name")].value += " (ปรับปรุง)"
    for row in book["progress"].iter_rows(min_row=2):
        if row[PROGRESS_KEYS.index("status")].value == "approved":
            row[PROGRESS_KEYS.index("result")].value = "ดำเนินการแล้วเสร็จตามแผน"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def five_band(fiscal_year: int = 2566, quarter: int = 1) -> dict:
    out = io.StringIO()
    call_command(
        "five_band",
        "--fiscal-year",
        str(fiscal_year),
        "--quarter",
        str(quarter),
        "--json",
        stdout=out,
    )
    return json.loads(out.getvalue())


def ministry(summary: dict) -> dict:
    return next(g for g in summary["groups"] if g["level"] == "ministry")


def exported(projects) -> bytes:
    output = io.BytesIO()
    export_workbook(projects=projects, output=output)
    return output.getvalue()


def refused(data: bytes, user) -> list[str]:
    with pytest.raises(WorkbookRejected) as exc:
        import_workbook(data=data, user=user)
    return [str(e) for e in exc.value.result.errors]


def counts() -> tuple[int, ...]:
    return (
        Project.objects.count(),
        ProjectRevision.objects.count(),
        QuarterlyReport.objects.count(),
        Approval.objects.count(),
        Transition.objects.count(),
    )


# --- a past round -----------------------------------------------------------------


def test_a_past_round_of_approved_projects_gives_its_five_band_summary(pyp):
    import_workbook(data=past_round(), user=pyp)

    summary = five_band()

    assert summary["population"]["total"] == 5 and summary["population"]["reported"] == 5
    assert ministry(summary)["counts"] == dict.fromkeys(ROUND_PROGRESS, 1)
    assert ministry(summary)["percents"] == dict.fromkeys(ROUND_PROGRESS, "20.00")


def round_by_factories() -> None:
    """A round as the product holds it: approved projects with approved, draft and no
    reports, one not due in Q1, and a draft project outside the population."""
    fiscal = {"fiscal_year": 2566, "start_date": date(2022, 10, 1), "end_date": date(2023, 9, 30)}
    for n, percent in enumerate(ROUND_PROGRESS.values()):
        project = ProjectFactory(code=f"รง 0209-66-{n + 1:04d}", status="approved", **fiscal)
        QuarterlyReportFactory(
            project=project, fiscal_year=2566, progress_percent=percent, status="approved"
        )
    unreported = ProjectFactory(code="รง 0209-66-0010", status="approved", **fiscal)
    QuarterlyReportFactory(project=unreported, fiscal_year=2566, progress_percent=5)
    ProjectFactory(
        code="รง 0209-66-0011", status="approved", **{**fiscal, "start_date": date(2023, 4, 1)}
    )
    ProjectFactory(code="รง 0209-66-0012", **fiscal)


def test_export_then_import_into_an_empty_database_gives_the_same_figures(pyp):
    with transaction.atomic():  # the round exists only inside this savepoint
        round_by_factories()
        before, data = five_band(), exported(Project.objects.all())
        transaction.set_rollback(True)
    assert not Project.objects.exists()

    import_workbook(data=data, user=pyp)

    assert five_band() == before
    assert before["population"]["not_reported"] == 1 and before["population"]["not_due"] == 1


def test_export_then_import_into_an_empty_database_exports_the_same_cells(pyp):
    with transaction.atomic():
        round_by_factories()
        first = exported(Project.objects.all())
        transaction.set_rollback(True)

    import_workbook(data=first, user=pyp)

    assert cells(exported(Project.objects.all())) == cells(first)


def cells(data: bytes) -> dict:
    book = load_workbook(io.BytesIO(data))
    return {s.title: list(s.iter_rows(values_only=True)) for s in book.worksheets}


def test_importing_the_same_file_again_changes_nothing(pyp):
    data = past_round()
    import_workbook(data=data, user=pyp)
    changed = revised(past_round())
    import_workbook(data=changed, user=pyp)  # revisions opened and approved
    before = counts()

    again = import_workbook(data=changed, user=pyp)

    assert again.changed == 0 and again.revisions_opened == 0
    assert counts() == before


# --- statuses that disagree ---------------------------------------------------------


def test_a_report_approved_for_a_draft_project_refuses_the_whole_file(pyp):
    draft = {**PROJECT, "code": "รง 0209-67-0102", "status": "draft"}
    data = workbook(
        [PROJECT, draft],
        [PROGRESS, {**PROGRESS, "project_code": draft["code"], "status": "approved"}],
    )

    errors = refused(data, pyp)

    assert errors == [
        "ชีต progress แถวที่ 3 คอลัมน์ status: รายงานสถานะ “อนุมัติแล้ว” ต้องเป็นของโครงการที่อนุมัติแล้ว"
        " แต่โครงการ รง 0209-67-0102 ในชีต projects มีสถานะ “ร่าง”"
    ]
    assert not Project.objects.exists() and not QuarterlyReport.objects.exists()


def test_a_unit_cannot_mark_its_own_items_approved_from_a_file():
    staff = user_with_role(Role.STAFF, "0209")
    data = workbook([{**PROJECT, "status": "approved"}], [])

    errors = refused(data, staff)

    assert errors == [
        "ชีต projects แถวที่ 2 คอลัมน์ status: สถานะ approved นำเข้าได้เฉพาะเจ้าหน้าที่กลุ่ม ป.ย.ป."
        " หรือผู้ดูแลระบบ รายการของหน่วยงานต้องส่งขออนุมัติตามสายการบังคับบัญชา (ใช้ submitted)"
    ]


def test_a_unit_may_send_its_items_up_the_chain_from_a_file():
    staff = user_with_role(Role.STAFF, "0209")

    import_workbook(data=workbook([{**PROJECT, "status": "submitted"}], []), user=staff)

    assert Project.objects.get(code=PROJECT["code"]).status == "submitted"


def test_a_report_submitted_for_a_draft_project_in_the_product_is_refused(pyp):
    import_workbook(data=workbook([{**PROJECT, "status": "draft"}]), user=pyp)
    without_projects = workbook([], [PROGRESS])

    errors = refused(without_projects, pyp)

    assert errors == [
        "ชีต progress แถวที่ 2 คอลัมน์ status: รายงานสถานะ “อยู่ระหว่างการอนุมัติ” ต้องเป็นของโครงการที่อนุมัติแล้ว"
        " แต่โครงการ รง 0209-67-0101 ในระบบยังไม่ได้รับอนุมัติ"
    ]


def test_a_report_of_a_project_approved_in_the_product_needs_no_project_row(pyp):
    import_workbook(data=workbook(), user=pyp)

    result = import_workbook(data=workbook([], [{**PROGRESS, "status": "approved"}]), user=pyp)

    assert result.reports_created == 1
    assert QuarterlyReport.objects.get().status == "approved"


@pytest.mark.parametrize(
    "before, after, words",
    [
        ("approved", "draft", ("อนุมัติแล้ว", "ร่าง")),
        ("approved", "submitted", ("อนุมัติแล้ว", "อยู่ระหว่างการอนุมัติ")),
        ("submitted", "draft", ("อยู่ระหว่างการอนุมัติ", "ร่าง")),
    ],
)
def test_a_file_moving_a_project_backwards_is_refused(pyp, before, after, words):
    import_workbook(data=workbook([{**PROJECT, "status": before}]), user=pyp)
    trail = Transition.objects.count()

    errors = refused(workbook([{**PROJECT, "status": after}]), pyp)

    assert errors == [
        f"ชีต projects แถวที่ 2 คอลัมน์ status: ย้อนสถานะจากไฟล์ไม่ได้: ในระบบเป็น “{words[0]}”"
        f" แต่ในไฟล์เป็น “{words[1]}”"
    ]
    assert Project.objects.get().status == before and Transition.objects.count() == trail


def test_one_backward_report_refuses_the_whole_file(pyp):
    import_workbook(data=workbook(progress=[{**PROGRESS, "status": "approved"}]), user=pyp)
    new = {**PROJECT, "code": "รง 0209-67-0102"}

    errors = refused(workbook([PROJECT, new], [{**PROGRESS, "status": "submitted"}]), pyp)

    assert errors == [
        "ชีต progress แถวที่ 2 คอลัมน์ status: ย้อนสถานะจากไฟล์ไม่ได้: ในระบบเป็น “อนุมัติแล้ว”"
        " แต่ในไฟล์เป็น “อยู่ระหว่างการอนุมัติ”"
    ]
    assert not Project.objects.filter(code=new["code"]).exists()


def test_an_empty_status_cell_is_refused_when_the_column_is_there(pyp):
    errors = refused(workbook([{**PROJECT, "status": ""}]), pyp)

    assert errors == [
        "ชีต projects แถวที่ 2 คอลัมน์ status: ต้องเป็นค่าใดค่าหนึ่ง: draft, submitted, approved"
    ]


# --- moving forward, recorded as imports ------------------------------------------------


def test_an_imported_approved_project_records_the_importer_in_the_trail(pyp):
    import_workbook(data=workbook(), user=pyp)

    project = Project.objects.get()
    assert project.status == "approved"
    assert [(t.action, t.to_status, t.actor) for t in trail_for(project)] == [
        (Action.IMPORT, "submitted", pyp),
        (Action.IMPORT, "approved", pyp),
    ]


def test_a_submitted_project_moves_on_to_approved(pyp):
    import_workbook(data=workbook([{**PROJECT, "status": "submitted"}]), user=pyp)

    result = import_workbook(data=workbook(), user=pyp)

    project = Project.objects.get()
    assert result.projects_updated == 1 and project.status == "approved"
    assert [t.to_status for t in trail_for(project)] == ["submitted", "approved"]


def test_without_a_status_column_new_projects_are_drafts_and_old_ones_keep_theirs(pyp):
    import_workbook(data=workbook(), user=pyp)
    keys = [k for k in PROJECT_KEYS if k != "status"]
    new = {**PROJECT, "code": "รง 0209-67-0102"}

    result = import_workbook(data=workbook([PROJECT, new], project_keys=keys), user=pyp)

    assert (result.projects_created, result.projects_unchanged) == (1, 1)
    statuses = dict(Project.objects.values_list("code", "status"))
    assert statuses == {PROJECT["code"]: "approved", new["code"]: "draft"}


def test_without_a_status_column_a_changed_approved_project_opens_a_draft_revision(pyp):
    import_workbook(data=workbook(), user=pyp)
    keys = [k for k in PROJECT_KEYS if k != "status"]

    import_workbook(data=workbook([{**PROJECT, "name": "ชื่อใหม่"}], project_keys=keys), user=pyp)

    project = Project.objects.get()
    assert (project.revision, project.status, project.name) == (2, "draft", "ชื่อใหม่")
    assert project.revisions.get(number=1).content["M2 ข้อมูลทั่วไป"]["ชื่อโครงการ"] == PROJECT["name"]


# --- approved items never change in place ----------------------------------------------


def test_an_approved_project_changed_by_a_file_keeps_its_approved_revision(pyp):
    import_workbook(data=workbook(), user=pyp)

    result = import_workbook(data=workbook([{**PROJECT, "name": "ชื่อใหม่"}]), user=pyp)

    project = Project.objects.get()
    assert result.revisions_opened == 1
    assert (project.revision, project.status, project.name) == (2, "approved", "ชื่อใหม่")
    frozen = project.revisions.get(number=1)
    assert frozen.content["M2 ข้อมูลทั่วไป"]["ชื่อโครงการ"] == PROJECT["name"]
    second = Approval.objects.get(object_id=project.pk, revision=2, content_type__model="project")
    assert [(t.action, t.to_status, t.actor) for t in second.transitions.all()] == [
        (Action.IMPORT, "submitted", pyp),
        (Action.IMPORT, "approved", pyp),
    ]


def test_an_approved_report_changed_by_a_file_opens_a_new_revision(pyp):
    import_workbook(data=workbook(progress=[{**PROGRESS, "status": "approved"}]), user=pyp)

    changed = {**PROGRESS, "status": "approved", "progress_percent": 60}
    result = import_workbook(data=workbook(progress=[changed]), user=pyp)

    report = QuarterlyReport.objects.get()
    assert result.revisions_opened == 1
    assert (report.revision, report.status, report.progress_percent) == (
        2,
        "approved",
        Decimal("60.00"),
    )
    second = Approval.objects.get(
        object_id=report.pk, revision=2, content_type__model="quarterlyreport"
    )
    assert [t.to_status for t in second.transitions.all()] == ["submitted", "approved"]


def test_a_submitted_report_is_not_changed_from_a_file(pyp):
    import_workbook(data=workbook(progress=[PROGRESS]), user=pyp)

    errors = refused(workbook(progress=[{**PROGRESS, "result": "ใหม่"}]), pyp)

    assert errors == ["ชีต progress แถวที่ 2 คอลัมน์ status: รายงานนี้อยู่ระหว่างการอนุมัติ แก้ไขจากไฟล์ไม่ได้"]


# --- export ---------------------------------------------------------------------


def test_the_export_writes_each_items_status(pyp):
    import_workbook(
        data=workbook(
            [PROJECT, {**PROJECT, "code": "รง 0209-67-0102", "status": "draft"}], [PROGRESS]
        ),
        user=pyp,
    )

    sheets = cells(exported(Project.objects.all()))

    assert [(r[0], r[-1]) for r in sheets["projects"][2:]] == [
        ("รง 0209-67-0101", "approved"),
        ("รง 0209-67-0102", "draft"),
    ]
    assert [(r[0], r[-1]) for r in sheets["progress"][2:]] == [("รง 0209-67-0101", "submitted")]


# --- queries ------------------------------------------------------------------------


def test_the_queries_of_an_import_that_revises_approved_items_do_not_grow(pyp):
    import_workbook(data=_many(30), user=pyp)  # approved projects, approved Q1 reports
    few, many = revised(_many(5)), revised(_many(30))
    import_workbook(data=few, user=pyp, dry_run=True)  # warms the caches
    small = queries_of(lambda: import_workbook(data=few, user=pyp, dry_run=True))

    large = queries_of(lambda: import_workbook(data=many, user=pyp, dry_run=True))

    assert large == small


def test_a_report_approved_in_the_chain_and_changed_by_a_file_counts_the_file_s_progress(pyp):
    import_workbook(data=past_round(), user=pyp)
    # As the chain leaves them: each report's approved progress is its own.
    QuarterlyReport.objects.update(approved_progress_percent=F("progress_percent"))
    data = workbook(
        [],
        [
            {
                **PROGRESS,
                "project_code": f"รง 0209-66-000{n}",
                "fiscal_year": 2566,
                "progress_percent": 100,
                "status": "approved",
            }
            for n in range(1, 6)
        ],
    )

    import_workbook(data=data, user=pyp)

    assert ministry(five_band())["counts"]["100"] == 5
