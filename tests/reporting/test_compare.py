"""Comparisons across rounds and units (/summaries/compare/): the figures, the reporting
rates from the approval trail, frozen rounds, the workbook, the API and who may see them."""

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from approvals.models import ItemStatus
from approvals.services.records import items_record_imported
from approvals.services.transitions import item_approve, item_submit
from core.clock import freeze
from core.fiscal import BANGKOK, Quarter
from orgs.models import OrgUnit, Role
from reporting.compare import comparison, rounds_between
from reporting.snapshots import round_snapshot_take
from reporting.summaries import five_band_summary
from tests.factories import (
    BudgetSourceFactory,
    ProjectFactory,
    QuarterlyReportFactory,
    WindowFactory,
    user_with_role,
)
from windows.rules import extension_grant

pytestmark = pytest.mark.django_db

ROUND = Quarter(2567, 1)  # window: unit deadline 16 January 2024, chain 30 January
ROUND_QUERY = "units=MOL&units=OPS&fiscal_year_from=2567&fiscal_year_to=2567&quarters=1"


def at(day: int, month: int = 1, year: int = 2024) -> datetime:
    return datetime(year, month, day, 10, 0, tzinfo=BANGKOK)


@pytest.fixture
def window(db):
    return WindowFactory()


@pytest.fixture
def staff(db):
    return user_with_role(Role.STAFF, "0209")


@pytest.fixture
def director(db):
    return user_with_role(Role.DIVISION_DIRECTOR, "0209")


def due(unit, budget="100000.00", **fields) -> object:
    """An approved project of the round, with its budget."""
    project = ProjectFactory(owner_unit=unit, status="approved", **fields)
    BudgetSourceFactory(project=project, amount=Decimal(budget))
    return project


def sent(
    project, staff, director, *, on: datetime, passed: datetime | None, progress="60.00", quarter=1
):
    """The project's report of the round, submitted `on` and approved by the unit's
    director at `passed` (the engine's own moves, each at its moment)."""
    report = QuarterlyReportFactory(
        project=project,
        quarter=quarter,
        progress_percent=Decimal(progress),
        result="ดำเนินการตามแผน",
        problems="" if progress == "100.00" else "รอผลการจัดซื้อจัดจ้าง",
    )
    with freeze(on):
        item_submit(item=report, actor=staff)
    if passed:
        with freeze(passed):
            item_approve(item=report, actor=director)
    return report


@pytest.fixture
def three_projects(unit, window, staff, director):
    """One reported and approved by the division by the unit deadline, one approved after
    it, one not reported (seed 004: each report and its M7 within the deadline)."""
    on_time, late, silent = (due(unit("0209"), budget) for budget in ("100.00", "200.00", "400.00"))
    sent(on_time, staff, director, on=at(5), passed=at(16), progress="100.00")
    sent(late, staff, director, on=at(10), passed=at(17))
    return on_time, late, silent


def figures_of(*codes, rounds=(ROUND,)):
    units = [OrgUnit.objects.get(code=code) for code in codes]
    return comparison(units=units, rounds=list(rounds))["rows"]


def test_reporting_rates_come_from_the_approval_trail(three_projects):
    division, department = figures_of("0209", "OPS")

    assert (division["projects"], division["reported"], division["on_time"]) == (3, 2, 1)
    assert (division["reporting_rate"], division["on_time_rate"]) == ("66.67", "33.33")
    assert division["budget"] == Decimal("700.00")
    assert division["counts"] == {"100": 1, "75-99": 0, "50-74": 1, "25-49": 0, "0-24": 0}
    assert division["percents"]["100"] == "50.00"
    assert {k: department[k] for k in ("projects", "reported", "on_time", "budget")} == {
        k: division[k] for k in ("projects", "reported", "on_time", "budget")
    }


def test_each_progress_falls_in_the_band_of_the_five_band_summary(unit, window, staff, director):
    for progress in ("0.00", "24.99", "25.00", "74.99", "75.00", "99.99", "100.00"):
        sent(due(unit("0209")), staff, director, on=at(5), passed=None, progress=progress)

    (department,) = figures_of("OPS")

    summary = five_band_summary(fiscal_year=2567, quarter=1)
    (group,) = [g for g in summary["groups"] if g["unit"] == "OPS"]
    assert department["counts"] == group["counts"]
    assert department["counts"] == {"100": 1, "75-99": 2, "50-74": 1, "25-49": 1, "0-24": 2}


def test_the_unit_deadline_is_the_windows_with_its_extensions(three_projects, unit, pyp, window):
    extension_grant(
        window=window, user=pyp, until=date(2024, 1, 18), reason="ผู้รับผิดชอบย้าย", unit=unit("0209")
    )

    (division,) = figures_of("0209")

    assert division["on_time"] == 2


def test_an_extension_for_one_report_moves_only_its_deadline(three_projects, pyp, window):
    _, late, _ = three_projects
    extension_grant(
        window=window,
        user=pyp,
        until=date(2024, 1, 17),
        reason="แก้ไขตามที่ส่งกลับ",
        item=late.reports.get(),
    )

    (division,) = figures_of("0209")

    assert division["on_time"] == 2


def test_an_import_stands_for_the_chain_and_without_a_window_the_proposed_deadline_applies(
    unit, pyp
):
    reports = [QuarterlyReportFactory(project=due(unit("DOE"))) for _ in range(2)]
    for report, day in zip(reports, (16, 17), strict=True):
        for moment, target in ((at(3), ItemStatus.SUBMITTED), (at(day), ItemStatus.APPROVED)):
            with freeze(moment):
                items_record_imported(
                    entries=[(report, report.project.owner_unit, target)], actor=pyp, comment=""
                )

    (department,) = figures_of("DOE")

    assert (department["reported"], department["on_time"]) == (2, 1)  # windows.rules: the 16th


def test_a_report_waiting_at_the_unit_step_is_reported_but_not_on_time(
    unit, staff, director, window
):
    sent(due(unit("0209")), staff, director, on=at(5), passed=None)

    (division,) = figures_of("0209")

    assert (division["reported"], division["on_time"]) == (1, 0)


def test_a_frozen_round_counts_its_frozen_figures(three_projects, staff, director):
    *_, silent = three_projects
    with freeze(at(29)):
        round_snapshot_take(fiscal_year=2567, quarter=1, reason="ปิดรอบ")
    sent(silent, staff, director, on=at(30), passed=at(30))  # after the round was frozen

    (division,) = figures_of("0209")

    assert division["frozen"] is True
    assert (division["projects"], division["reported"], division["on_time"]) == (3, 2, 1)


def test_freezing_a_round_keeps_the_figures_it_had_live(three_projects):
    live = figures_of("MOL", "0209")

    with freeze(at(29)):
        round_snapshot_take(fiscal_year=2567, quarter=1, reason="ปิดรอบ")

    assert figures_of("MOL", "0209") == [{**row, "frozen": True} for row in live]


def test_rounds_stop_at_the_round_being_reported():
    rounds = rounds_between(first_year=2567, last_year=2568, quarters=[2, 4], last=Quarter(2568, 2))

    assert rounds == [Quarter(2567, 2), Quarter(2567, 4), Quarter(2568, 2)]


# --- the page, its workbook and the API --------------------------------------------


@pytest.fixture
def as_pyp(client, pyp):
    client.force_login(pyp)
    return client


def test_the_page_shows_each_units_rounds_with_their_rates_and_charts(three_projects, as_pyp):
    response = as_pyp.get(f"{reverse('reporting:compare')}?{ROUND_QUERY}")

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-unit="OPS"' in page and 'data-round="2567-1"' in page
    assert "66.67" in page and "33.33" in page
    assert page.count("<svg") == 4  # two rate charts, one five-band chart per unit
    assert "ไตรมาส 1/2567" in page


def test_the_api_gives_the_pages_figures(three_projects, as_pyp):
    page = as_pyp.get(f"{reverse('reporting:compare')}?{ROUND_QUERY}").context["figures"]
    api = as_pyp.get(f"{reverse('api_compare')}?{ROUND_QUERY}").json()

    assert (api["fiscal_year_from"], api["fiscal_year_to"], api["quarters"]) == (2567, 2567, [1])
    assert len(api["rows"]) == len(page["rows"]) == 2
    for row, expected in zip(api["rows"], page["rows"], strict=True):
        assert row == {**expected, "budget": f"{expected['budget']:.2f}"}
    assert api["rounds"][0]["unit_deadline"] == "2024-01-16"


def test_the_workbook_has_the_pages_figures_with_thai_headings(three_projects, as_pyp):
    response = as_pyp.get(f"{reverse('reporting:compare_xlsx')}?{ROUND_QUERY}")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="compare-2567-2567.xlsx"'
    book = load_workbook(BytesIO(response.content))
    sheet = book["เปรียบเทียบ"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "เปรียบเทียบผลการรายงานความก้าวหน้า ปีงบประมาณ พ.ศ. 2567–2567"
    header = rows[2]
    assert header[:6] == ("หน่วยงาน", "ระดับ", "ปีงบประมาณ", "ไตรมาส", "ตัวเลข", "โครงการที่ต้องรายงาน")
    division = next(r for r in rows[3:] if r[0] == "สำนักงานปลัดกระทรวงแรงงาน")
    assert division[2:11] == (2567, 1, "ตัวเลขปัจจุบัน", 3, 700, 2, 66.67, 1, 33.33)
    rounds = list(book["รอบรายงาน"].iter_rows(values_only=True))
    assert rounds[1][:2] == (2567, 1) and rounds[1][2].date() == date(2024, 1, 16)


def test_a_span_of_more_than_five_years_is_refused_in_thai(as_pyp):
    response = as_pyp.get(
        f"{reverse('reporting:compare')}?fiscal_year_from=2560&fiscal_year_to=2569"
    )
    api = as_pyp.get(f"{reverse('api_compare')}?fiscal_year_from=2560&fiscal_year_to=2569")

    assert "เปรียบเทียบได้ครั้งละไม่เกิน 5 ปีงบประมาณ" in response.content.decode()
    assert response.context["figures"] is None
    assert api.status_code == 400 and "ไม่เกิน 5 ปี" in api.content.decode()


def test_an_unknown_unit_is_refused(as_pyp):
    response = as_pyp.get(f"{reverse('api_compare')}?units=NOPE")

    assert response.status_code == 400
    assert "ไม่มีหน่วยงาน NOPE" in response.json()["units"][0]


# --- who may see it ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "code"),
    [(Role.STAFF, "0209"), (Role.DIVISION_DIRECTOR, "0209"), (Role.DEPARTMENT_HEAD, "DOE")],
)
def test_unit_officials_are_refused_and_see_no_link(client, role, code):
    client.force_login(user_with_role(role, code))

    assert client.get(reverse("reporting:compare")).status_code == 403
    assert client.get(reverse("reporting:compare_xlsx")).status_code == 403
    assert client.get(reverse("api_compare")).status_code == 403
    assert reverse("reporting:compare") not in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize(
    ("role", "code"),
    [
        (Role.PYP_OFFICER, "MOL"),
        (Role.PERMANENT_SECRETARY, "MOL"),
        (Role.CLUSTER_HEAD, "CL-POLICY"),
    ],
)
def test_pyp_and_executives_find_it_in_the_menu(client, role, code):
    client.force_login(user_with_role(role, code))

    home = client.get(reverse("home")).content.decode()

    assert f'href="{reverse("reporting:compare")}"' in home
    assert client.get(reverse("reporting:compare")).status_code == 200


# --- queries ------------------------------------------------------------------------

Q2 = Quarter(2567, 2)
UNITS = ["MOL", "CL-POLICY", "CL-COMPETE", "OPS", "DOE", "0209"]


@pytest.fixture
def two_rounds(unit, window, staff, director):
    """Two projects due in Q1/2567, twelve in Q2 (each with its report, half approved)."""
    WindowFactory(
        quarter=2,
        opens_on=date(2024, 4, 1),
        unit_deadline=date(2024, 4, 16),
        chain_deadline=date(2024, 4, 30),
    )
    for count, quarter, start, end, month in (
        (2, 1, (2023, 10), (2023, 12), 1),
        (12, 2, (2024, 1), (2024, 3), 4),
    ):
        for index in range(count):
            project = due(
                unit(("0209", "0209-1")[index % 2]),
                start_date=date(*start, 1),
                end_date=date(end[0], end[1], 28),
            )
            passed = at(9 + index, month) if index % 2 else None
            sent(project, staff, director, on=at(5, month), passed=passed, quarter=quarter)


def queries_of_comparison(rounds) -> int:
    from tests.conftest import queries_of

    units = list(OrgUnit.objects.filter(code__in=UNITS))
    return queries_of(lambda: comparison(units=units, rounds=rounds))


def test_a_live_rounds_queries_do_not_grow_with_its_projects(two_rounds, django_assert_num_queries):
    queries_of_comparison([ROUND])  # content types cached, as in a running server
    units = list(OrgUnit.objects.filter(code__in=UNITS))

    for round_ in (ROUND, Q2):  # 2 projects, then 12
        with django_assert_num_queries(6):  # 5 fixed reads and the round's own one
            comparison(units=units, rounds=[round_])
    assert queries_of_comparison([ROUND, Q2]) == 7


def test_frozen_rounds_cost_a_fixed_number_of_queries(two_rounds, django_assert_num_queries):
    for round_ in (ROUND, Q2):
        with freeze(at(1, 5)):
            round_snapshot_take(fiscal_year=2567, quarter=round_.quarter, reason="ปิดรอบ")
    queries_of_comparison([ROUND])
    units = list(OrgUnit.objects.filter(code__in=UNITS))

    for rounds in ([ROUND], [Q2], [ROUND, Q2]):
        with django_assert_num_queries(5):  # whatever the rounds and their projects
            comparison(units=units, rounds=rounds)
