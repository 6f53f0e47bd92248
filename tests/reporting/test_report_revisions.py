"""Approved means approved, for M6: an approved report changed by its unit opens a new
revision; the approved one stays readable and is what the live figures count."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from approvals.models import ItemRevision, ItemStatus
from approvals.services.transitions import item_submit
from core.clock import freeze
from orgs.models import Role
from reporting.board import round_status_board
from reporting.services import report_save, report_start
from reporting.summaries import five_band_summary
from tests.chain import approve_to_the_end
from tests.factories import ProjectFactory, WindowFactory, user_with_role
from tests.reporting.test_reports import REPORT as M6

pytestmark = pytest.mark.django_db
IN_WINDOW = datetime(2024, 1, 10, 10, 0)  # Q1/2567: opens 1 Jan, chain deadline 30 Jan 2024
REPORT = {**M6, "progress_percent": Decimal("25"), "disbursed": Decimal("1000")}


@pytest.fixture
def staff():
    return user_with_role(Role.STAFF, "0209")


@pytest.fixture
def approved_report(unit, staff):
    """A Q1/2567 report at 25 % that the Permanent Secretary approved."""
    WindowFactory(fiscal_year=2567, quarter=1)
    project = ProjectFactory(
        owner_unit=unit("0209"),
        status=ItemStatus.APPROVED,
        start_date=date(2023, 10, 1),
        end_date=date(2024, 9, 30),
    )
    with freeze(IN_WINDOW):
        report = report_start(user=staff, project=project, fiscal_year=2567, quarter=1)
        report = report_save(user=staff, report=report, data=REPORT, targets={}, activities={})
        item_submit(item=report, actor=staff)
        return approve_to_the_end(report)


def _save_ninety(staff, report):
    with freeze(IN_WINDOW):
        return report_save(
            user=staff,
            report=report,
            data={**REPORT, "progress_percent": Decimal("90")},
            targets={},
            activities={},
        )


def _ops_counts() -> dict:
    summary = five_band_summary(fiscal_year=2567, quarter=1)
    ops = next(g for g in summary["groups"] if g["unit"] == "OPS")
    return {"reported": summary["population"]["reported"], **ops["counts"]}


def test_saving_an_approved_report_opens_revision_two_and_keeps_the_approved_one(
    staff, approved_report
):
    saved = _save_ninety(staff, approved_report)

    frozen = ItemRevision.objects.get(object_id=saved.pk, number=1)
    assert (saved.status, saved.revision, saved.progress_percent) == (
        ItemStatus.DRAFT,
        2,
        Decimal("90"),
    )
    assert frozen.content["ภาพรวม"]["ความก้าวหน้าโครงการ (ร้อยละ)"] == "25.00"


def test_the_live_five_band_counts_the_approved_report_until_the_revision_is_approved(
    staff, approved_report
):
    before = _ops_counts()

    _save_ninety(staff, approved_report)

    assert _ops_counts() == before
    assert (before["reported"], before["25-49"]) == (1, 1)


def test_the_board_counts_the_report_as_approved_while_its_revision_is_drafted(
    staff, approved_report
):
    _save_ninety(staff, approved_report)

    rows = round_status_board(fiscal_year=2567, quarter=1, unit_deadline=None, on=date(2024, 1, 10))

    assert [(r["approved"], r["drafted"]) for r in rows] == [(1, 0)]


def test_once_the_revision_is_approved_the_live_figures_count_it(staff, approved_report):
    revised = _save_ninety(staff, approved_report)
    with freeze(IN_WINDOW):
        item_submit(item=revised, actor=staff)
        approve_to_the_end(revised)

    counts = _ops_counts()

    assert (counts["reported"], counts["25-49"], counts["75-99"]) == (1, 0, 1)


def test_the_report_page_shows_what_changed_since_the_approved_revision(
    client, staff, approved_report
):
    _save_ninety(staff, approved_report)
    client.force_login(staff)

    with freeze(IN_WINDOW):
        page = client.get(approved_report.get_absolute_url()).content.decode()

    assert "สิ่งที่เปลี่ยนแปลงจากฉบับที่อนุมัติแล้ว (ฉบับที่ 1)" in page
    assert "25.00" in page and "90.00" in page


def test_the_approved_revision_stays_readable_on_its_own_page(client, staff, approved_report):
    _save_ninety(staff, approved_report)
    frozen = ItemRevision.objects.get(object_id=approved_report.pk, number=1)
    client.force_login(staff)

    page = client.get(
        reverse("approvals:item_revision", args=[frozen.content_type_id, approved_report.pk, 1])
    ).content.decode()

    assert "ฉบับที่อนุมัติแล้ว" in page and "25.00" in page


def test_the_page_asks_before_saving_an_approved_report_and_says_what_saving_did(
    client, staff, approved_report
):
    client.force_login(staff)
    data = {**{k: v for k, v in REPORT.items()}, "progress_percent": "90", "save": "1"}

    with freeze(IN_WINDOW):
        form = client.get(approved_report.get_absolute_url()).content.decode()
        answer = client.post(approved_report.get_absolute_url(), data, follow=True)

    assert "data-confirm=" in form and "ฉบับแก้ไขที่ 2" in form
    assert "เป็นฉบับแก้ไขที่ 2 ซึ่งต้องส่งขออนุมัติ" in answer.content.decode()


def test_a_report_in_the_chain_cannot_be_saved(staff, approved_report):
    from approvals.services.errors import ItemInChain

    revised = _save_ninety(staff, approved_report)
    with freeze(IN_WINDOW):
        item_submit(item=revised, actor=staff)
        with pytest.raises(ItemInChain):
            _save_ninety(staff, revised)


def test_a_project_whose_revision_is_drafted_keeps_its_approved_report_in_the_round(
    staff, approved_report
):
    from projects.services.entry import project_save_general

    before = _ops_counts()
    with freeze(IN_WINDOW):
        project_save_general(
            user=staff, project=approved_report.project, data={"name": "ชื่อโครงการที่แก้ไข"}
        )

    approved_report.project.refresh_from_db()
    assert (approved_report.project.status, approved_report.project.revision) == (
        ItemStatus.DRAFT,
        2,
    )
    assert _ops_counts() == before


def test_the_memo_cites_the_approved_problems_while_the_revision_is_drafted(staff, approved_report):
    from reporting.snapshots import memo_round_figures

    with freeze(IN_WINDOW):
        report_save(
            user=staff,
            report=approved_report,
            data={**REPORT, "progress_percent": Decimal("90"), "problems": "ปัญหาในฉบับแก้ไข"},
            targets={},
            activities={},
        )
        rows = memo_round_figures(fiscal_year=2567, quarter=1)["projects"]

    assert [(r["progress"], r["problems"]) for r in rows] == [("25.00", "วิทยากรไม่ว่าง")]
