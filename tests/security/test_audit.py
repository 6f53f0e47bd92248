"""The audit trail and the frozen records cannot be changed from the application, not
even with raw SQL (a PostgreSQL trigger, core.append_only), and every bulk path
that moves items writes the trail."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction

from approvals.models import Action, Approval, ChainLevel, ItemRevision, ItemStatus, Transition
from approvals.services.editing import item_guard_edit
from approvals.services.transitions import item_submit, items_bulk_approve
from core.clock import freeze
from orgs.models import OrgUnit, Role
from projects.models import ProjectRevision
from projects.revisions import project_freeze_revision
from reporting.deadlines import run_deadlines
from reporting.models import DeadlineRun, QuarterlyReport, RoundSnapshot
from reporting.services import report_save, report_start
from reporting.workbook import import_workbook
from tests.factories import (
    ApprovalFactory,
    ProjectFactory,
    QuarterlyReportFactory,
    WindowFactory,
    user_with_role,
)
from tests.reporting.test_workbook import PROGRESS, PROJECT, workbook

pytestmark = pytest.mark.django_db


def a_transition() -> Transition:
    staff = user_with_role(Role.STAFF, "0209")
    approval = ApprovalFactory()
    return Transition.objects.create(
        approval=approval,
        action=Action.SUBMIT,
        from_status=ItemStatus.DRAFT,
        to_status=ItemStatus.SUBMITTED,
        actor=staff,
        comment="ส่งขออนุมัติ",
    )


def a_revision() -> ProjectRevision:
    return project_freeze_revision(project=ProjectFactory(status=ItemStatus.APPROVED))


def an_item_revision() -> ItemRevision:
    report = QuarterlyReportFactory(status=ItemStatus.APPROVED)
    item_guard_edit(item=report, actor=None)
    return ItemRevision.objects.get(content_type__model="quarterlyreport", object_id=report.pk)


def a_snapshot() -> RoundSnapshot:
    return RoundSnapshot.objects.create(fiscal_year=2567, quarter=1, data={"bands": [1, 2]})


RECORDS = {
    "approvals_transition": (a_transition, "comment = 'แก้ไขย้อนหลัง'"),
    "projects_projectrevision": (a_revision, "content = '{}'::jsonb"),
    "approvals_itemrevision": (an_item_revision, "content = '{}'::jsonb"),
    "reporting_roundsnapshot": (a_snapshot, "data = '{}'::jsonb"),
}


def refused(sql: str, params: list) -> bool:
    """Run raw SQL in a savepoint; True when the database refused it."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError as error:
        assert "append-only" in str(error)
        return True
    return False


@pytest.mark.parametrize("table", RECORDS)
def test_raw_sql_cannot_update_a_record(table):
    make, change = RECORDS[table]
    row = make()

    assert refused(f"UPDATE {table} SET {change} WHERE id = %s", [row.pk])
    assert type(row).objects.get(pk=row.pk) == row


@pytest.mark.parametrize("table", RECORDS)
def test_raw_sql_cannot_delete_a_record(table):
    make, _ = RECORDS[table]
    row = make()

    assert refused(f"DELETE FROM {table} WHERE id = %s", [row.pk])
    assert type(row).objects.filter(pk=row.pk).exists()


def test_the_trail_still_takes_new_rows():
    first, second = a_transition(), a_transition()

    assert Transition.objects.filter(pk__in=[first.pk, second.pk]).count() == 2


def test_an_edited_trail_row_is_refused_by_the_model_too():
    transition = a_transition()
    transition.comment = "แก้"

    with pytest.raises(TypeError, match="append-only"):
        transition.save()


def test_the_admin_offers_no_deletion_of_a_record(rf):
    from django.contrib.admin import site

    from projects.models import Project

    request = rf.get("/admin/")
    request.user = user_with_role(Role.ADMIN, "MOL", is_staff=True, is_superuser=True)
    revision, snapshot = a_revision(), a_snapshot()

    assert not site._registry[ProjectRevision].has_delete_permission(request, revision)
    assert not site._registry[RoundSnapshot].has_delete_permission(request, snapshot)
    assert not site._registry[Project].has_delete_permission(request, revision.project)
    assert site._registry[Project].has_delete_permission(request, ProjectFactory())


# --- bulk paths write the trail ------------------------------------------------------


def test_bulk_approval_writes_one_transition_per_item_with_the_approver():
    ps = user_with_role(Role.PERMANENT_SECRETARY, "MOL")
    level = ChainLevel.objects.get(chain__root_unit__code="MOL", role="permanent_secretary")
    unit = OrgUnit.objects.get(code="0209")
    approvals = [
        ApprovalFactory(item=p, status=ItemStatus.SUBMITTED, current_level=level)
        for p in ProjectFactory.create_batch(7, owner_unit=unit, status=ItemStatus.SUBMITTED)
    ]

    items_bulk_approve(approval_ids=[a.pk for a in approvals], actor=ps, comment="อนุมัติทั้งชุด")

    trail = Transition.objects.filter(approval__in=approvals)
    assert trail.count() == 7
    assert {t.approval_id for t in trail} == {a.pk for a in approvals}
    assert {(t.action, t.to_status, t.actor_id, t.comment) for t in trail} == {
        (Action.APPROVE, ItemStatus.APPROVED, ps.pk, "อนุมัติทั้งชุด")
    }


@pytest.mark.parametrize(
    "status, moves", [("submitted", ["submitted"]), ("approved", ["submitted", "approved"])]
)
def test_a_workbook_import_writes_the_trail_of_every_imported_report(status, moves):
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")
    codes = [f"รง 0209-67-01{n:02d}" for n in range(1, 5)]
    projects = [{**PROJECT, "code": code, "name": f"โครงการนำเข้า {code}"} for code in codes]
    progress = [{**PROGRESS, "project_code": code, "status": status} for code in codes]

    import_workbook(data=workbook(projects, progress), user=pyp)

    reports = QuarterlyReport.objects.all()
    assert reports.count() == 4
    for report in reports:
        trail = Transition.objects.filter(
            approval__object_id=report.pk, approval__content_type__model="quarterlyreport"
        ).order_by("pk")
        assert [(t.action, t.to_status, t.actor_id) for t in trail] == [
            (Action.IMPORT, move, pyp.pk) for move in moves
        ]


def test_a_deadline_pass_marks_lateness_without_moving_any_item(unit):
    """The beat task marks items late and locks windows; it never changes an item's
    status, so it adds nothing to the trail, and the pass itself is recorded."""
    staff = user_with_role(Role.STAFF, "0209")
    WindowFactory(fiscal_year=2567, quarter=1)
    projects = ProjectFactory.create_batch(3, owner_unit=unit("0209"), status="approved")
    with freeze(datetime(2024, 1, 5, 8)):
        for project in projects:
            report = report_start(user=staff, project=project, fiscal_year=2567, quarter=1)
            data = {"progress_percent": Decimal(30), "result": "ทำแล้ว", "problems": "ล่าช้า"}
            report_save(user=staff, report=report, data=data, targets={}, activities={})
            item_submit(item=report, actor=staff)
    trail_before = list(Transition.objects.values_list("pk", "to_status"))

    for day in (date(2024, 1, 17), date(2024, 1, 31)):
        with freeze(datetime.combine(day, datetime.min.time().replace(hour=8))):
            run_deadlines(day)

    assert Approval.objects.filter(is_late=True).count() == 3
    assert set(Approval.objects.values_list("status", flat=True)) == {ItemStatus.SUBMITTED}
    assert list(Transition.objects.values_list("pk", "to_status")) == trail_before
    assert DeadlineRun.objects.filter(task="deadlines").count() == 2
