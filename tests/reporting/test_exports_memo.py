"""The lists seed 000's memo attaches (เอกสาร ๔–๑๒), rebuilt from seed 000's round Q1/2566."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from approvals.models import ItemStatus
from orgs.models import Role
from reporting.exports.services import export_request, export_run
from reporting.models import ExportJob
from reporting.summaries import BAND_LABELS, BANDS, five_band_summary
from tests.factories import user_with_role
from tests.reporting.seed000 import build_seed_000_round
from tests.reporting.test_exports import media, run_export, sheet_rows  # noqa: F401

pytestmark = pytest.mark.django_db
ROUND = {"fiscal_year": 2566, "quarter": 1}
ARABIC_DIGIT = re.compile(r"(?<![A-Za-z])[0-9]")
DOCUMENTS = [f"เอกสาร {n}" for n in ["๔", "๕", "๖", "๗", "๘", "๙", "๑๐", "๑๑", "๑๒"]]


@pytest.fixture
def memo_job():
    build_seed_000_round(problems="ผู้รับจ้างส่งมอบงานล่าช้า")
    return run_export(user_with_role(Role.PYP_OFFICER, "MOL"), "memo", ROUND)


def projects_in(job, document: str) -> list[list]:
    return [r for r in sheet_rows(job, document, header="ลำดับ") if r[0] is not None]


def subtotals_in(job, document: str) -> dict[str, str]:
    return {r[1]: r[2] for r in sheet_rows(job, document, header="ลำดับ") if r[0] is None}


def test_one_sheet_per_document_the_memo_cites(memo_job):
    assert load_workbook(memo_job.file.path).sheetnames == DOCUMENTS


def test_reported_projects_per_cluster_with_each_departments_count(memo_job):
    assert [len(projects_in(memo_job, d)) for d in DOCUMENTS[:3]] == [39, 70, 47]
    assert subtotals_in(memo_job, "เอกสาร ๕") == {
        "กกจ.": "จำนวน 17 โครงการ",
        "กพร.": "จำนวน 53 โครงการ",
        "รวม": "จำนวน 70 โครงการ",
    }
    assert subtotals_in(memo_job, "เอกสาร ๖")["สปส."] == "จำนวน 25 โครงการ"


def test_not_due_and_calendar_year_projects_outside_the_round(memo_job):
    assert len(projects_in(memo_job, "เอกสาร ๗")) == 18
    calendar = projects_in(memo_job, "เอกสาร ๘")
    assert len(calendar) == 15 and {r[1] for r in calendar} == {"สปส."}


def test_each_reported_projects_band_agrees_with_the_five_band_summary(memo_job):
    rows = projects_in(memo_job, "เอกสาร ๙")
    ministry = five_band_summary(**ROUND)["groups"][0]

    assert len(rows) == 156
    assert {b: sum(r[6] == BAND_LABELS[b] for r in rows) for b in BANDS} == ministry["counts"]


def test_unfinished_projects_carry_their_problems(memo_job):
    rows = projects_in(memo_job, "เอกสาร ๑๐")

    assert len(rows) == 156 - 29
    assert all(r[5] < 100 and r[7] == "ผู้รับจ้างส่งมอบงานล่าช้า" for r in rows)


def test_the_overview_holds_the_summarys_figures_for_every_group(memo_job):
    rows = sheet_rows(memo_job, "เอกสาร ๑๑", header="หน่วยงาน")
    summary = five_band_summary(**ROUND)

    expected = [
        [g["reported"]] + [v for b in BANDS for v in (g["counts"][b], float(g["percents"][b]))]
        for g in summary["groups"]
    ]
    assert [r[2:] for r in rows] == expected
    assert rows[0][:3] == ["กระทรวงแรงงาน", "กระทรวง", 156]


def test_the_list_for_final_approval_holds_every_reported_project(memo_job):
    rows = projects_in(memo_job, "เอกสาร ๑๒")

    assert len(rows) == 156 and {r[6] for r in rows} == {ItemStatus.SUBMITTED.label}


def test_the_memo_lists_run_the_same_queries_for_few_or_many_projects(unit):

    pyp = user_with_role(Role.PYP_OFFICER, "MOL")

    def queries() -> int:
        job = export_request(user=pyp, kind="memo", params=ROUND)
        with CaptureQueriesContext(connection) as captured:
            assert export_run(job_id=job.pk).status == "success"
        # Reads only: progress is saved every few hundred rows, by design.
        return sum(q["sql"].startswith("SELECT") for q in captured.captured_queries)

    few = queries()
    build_seed_000_round()
    assert queries() == few


def test_division_staff_may_not_export_the_memo_lists(client):
    client.force_login(user_with_role(Role.STAFF, "0209"))

    response = client.post(reverse("reporting:export_request", args=["memo"]), ROUND)

    assert response.status_code == 403 and not ExportJob.objects.exists()


def test_a_frozen_rounds_lists_hold_the_figures_it_froze_like_the_memo():
    from decimal import Decimal

    from reporting.models import QuarterlyReport
    from reporting.snapshots import round_snapshot_take

    build_seed_000_round()
    round_snapshot_take(**ROUND, reason="ปิดรอบตามกำหนด")
    QuarterlyReport.objects.filter(progress_percent=Decimal(10)).update(progress_percent=100)

    job = run_export(user_with_role(Role.PYP_OFFICER, "MOL"), "memo", ROUND)

    rows = projects_in(job, "เอกสาร ๙")
    assert sum(r[6] == BAND_LABELS["100"] for r in rows) == 29  # not 29 + 46 as live
    overview = sheet_rows(job, "เอกสาร ๑๑", header="หน่วยงาน")
    assert overview[0][3] == 29


def test_each_sheet_is_headed_in_thai_digits_and_prints_landscape_one_page_wide(memo_job):
    book = load_workbook(memo_job.file.path)

    for document in DOCUMENTS:
        sheet = book[document]
        header_row = sheet.freeze_panes and int(sheet.freeze_panes[1:]) - 1
        headings = [sheet.cell(row=r, column=1).value for r in range(1, header_row)]
        assert headings and not any(ARABIC_DIGIT.search(h) for h in headings), headings
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows == f"${header_row}:${header_row}"
    first = book["เอกสาร ๔"]
    assert first["A1"].value.startswith("เอกสาร ๔ โครงการที่รายงานความก้าวหน้า ไตรมาส ๑/๒๕๖๖")
    assert first["A2"].value == "จำนวน ๓๙ โครงการ"
    assert "(M7)" in book["เอกสาร ๑๒"]["A1"].value  # a Latin name keeps its digit
