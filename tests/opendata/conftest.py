"""Projects approved the way the product approves them, for the public portal's tests."""

from datetime import date
from decimal import Decimal

import pytest

from approvals.services.records import item_record_imported_approval
from approvals.services.transitions import item_submit
from orgs.models import Role
from reporting.snapshots import round_snapshot_take
from tests.chain import approve_to_the_end
from tests.factories import QuarterlyReportFactory, complete_project, user_with_role


@pytest.fixture
def pyp(db):
    return user_with_role(Role.PYP_OFFICER, "MOL", first_name="ปยปทดสอบ", last_name="นามสกุลลับ")


@pytest.fixture
def approved(pyp, django_capture_on_commit_callbacks):
    """approved(**fields) → a complete project approved by an import (the engine's
    batch path), its on-commit work run."""

    def make(**fields):
        project = complete_project(**fields)
        with django_capture_on_commit_callbacks(execute=True):
            item_record_imported_approval(
                item=project, unit=project.owner_unit, actor=pyp, comment="นำเข้า"
            )
        project.refresh_from_db()
        return project

    return make


@pytest.fixture
def approve_report(pyp, django_capture_on_commit_callbacks):
    def make(project, *, quarter=1, progress="50.00", result="ผลการดำเนินงาน"):
        report = QuarterlyReportFactory(
            project=project, quarter=quarter, progress_percent=Decimal(progress), result=result
        )
        with django_capture_on_commit_callbacks(execute=True):
            item_record_imported_approval(
                item=report, unit=project.owner_unit, actor=pyp, comment="นำเข้า"
            )
        return report

    return make


@pytest.fixture
def freeze(django_capture_on_commit_callbacks):
    def make(fiscal_year=2567, quarter=1):
        with django_capture_on_commit_callbacks(execute=True):
            return round_snapshot_take(fiscal_year=fiscal_year, quarter=quarter, reason="ปิดรอบ")[0]

    return make


@pytest.fixture
def submit_and_approve(open_entry_windows, django_capture_on_commit_callbacks):
    """Send a project up and approve it at every step (the engine's single moves)."""

    def run(project, staff):
        with django_capture_on_commit_callbacks(execute=True):
            item_submit(item=project, actor=staff)
            return approve_to_the_end(project)

    return run


PERIOD = {"start_date": date(2023, 10, 1), "end_date": date(2024, 9, 30)}
