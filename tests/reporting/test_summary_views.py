"""The five-band pages, the JSON API, the command, and frozen round figures."""

import json
from datetime import datetime
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from core.clock import freeze
from orgs.models import Role
from reporting.models import QuarterlyReport, RoundSnapshot
from reporting.snapshots import round_snapshot_take
from tests.conftest import queries_of
from tests.factories import ProjectFactory, QuarterlyReportFactory, user_with_role
from tests.reporting.seed000 import build_seed_000_round

pytestmark = pytest.mark.django_db
ROUND = {"fiscal_year": 2566, "quarter": 1}


@pytest.fixture
def pyp(client):
    user = user_with_role(Role.PYP_OFFICER, "MOL")
    client.force_login(user)
    return user


def test_the_api_returns_the_spec_json_for_seed_000(client, pyp):
    build_seed_000_round()

    response = client.get("/api/v1/summaries/five-band/", ROUND)

    body = response.json()
    assert response.status_code == 200
    assert body["bands"] == ["100", "75-99", "50-74", "25-49", "0-24"]
    assert body["population"]["total"] == 189 and body["population"]["reported"] == 156
    ops = next(g for g in body["groups"] if g["unit"] == "OPS")
    assert ops == {
        "unit": "OPS",
        "level": "department",
        "name": "สำนักงานปลัดกระทรวงแรงงาน",
        "reported": 39,
        "counts": {"100": 5, "75-99": 1, "50-74": 3, "25-49": 17, "0-24": 13},
        "percents": {
            "100": "12.82",
            "75-99": "2.57",
            "50-74": "7.69",
            "25-49": "43.59",
            "0-24": "33.33",
        },
    }


def test_the_api_refuses_strangers_staff_and_bad_rounds(client):
    assert client.get("/api/v1/summaries/five-band/", ROUND).status_code == 401
    client.force_login(user_with_role(Role.STAFF, "0209"))
    assert client.get("/api/v1/summaries/five-band/", ROUND).status_code == 403
    client.force_login(user_with_role(Role.PYP_OFFICER, "MOL"))
    bad = client.get("/api/v1/summaries/five-band/", {"fiscal_year": 2566, "quarter": 5})
    assert bad.status_code == 400 and "quarter" in bad.json()


def test_the_command_prints_the_same_json_as_the_api(client, pyp):
    build_seed_000_round()
    out = StringIO()

    call_command("five_band", "--fiscal-year", "2566", "--quarter", "1", "--json", stdout=out)

    assert json.loads(out.getvalue()) == client.get("/api/v1/summaries/five-band/", ROUND).json()


def test_the_page_shows_the_table_chart_and_problems(client, pyp):
    build_seed_000_round(problems="ผู้รับจ้างส่งมอบงานล่าช้า")

    page = client.get(reverse("reporting:five_band"), ROUND).content.decode()

    assert "ความก้าวหน้าการดำเนินโครงการ ๕ ระดับ" in page
    assert "43.59" in page and "33.33" in page
    assert "<svg" in page and "สำนักงานประกันสังคม (25 โครงการ)" in page
    assert "ผู้รับจ้างส่งมอบงานล่าช้า" in page
    assert "ตัวเลขปัจจุบัน" in page


def test_staff_cannot_open_the_summary(client):
    client.force_login(user_with_role(Role.STAFF, "0209"))

    assert client.get(reverse("reporting:five_band"), ROUND).status_code == 403


def test_drilling_down_from_a_band_lists_its_projects(client, pyp):
    build_seed_000_round()

    response = client.get(
        reverse("reporting:five_band_projects"), {**ROUND, "unit": "DOE", "band": "50-74"}
    )

    assert response.context["page"].paginator.count == 2
    assert all(p["unit"] == "DOE" for p in response.context["page"])


def test_the_drill_down_and_its_workbook_name_units_as_officials_do(client, pyp):
    build_seed_000_round()

    page = client.get(
        reverse("reporting:five_band_projects"), {**ROUND, "unit": "DOE", "band": "50-74"}
    ).content.decode()
    book = load_workbook(BytesIO(client.get(reverse("reporting:five_band_xlsx"), ROUND).content))

    assert "<td>กกจ.</td>" in page and "<td>DOE</td>" not in page
    units = {r[2] for r in book["โครงการที่รายงาน"].iter_rows(min_row=2, values_only=True)}
    assert "กกจ." in units and "DOE" not in units


def test_a_director_drilling_down_sees_only_their_own_units_projects(client, unit):
    build_seed_000_round()
    mine = ProjectFactory(
        owner_unit=unit("0209"),
        status="approved",
        fiscal_year=2566,
        start_date=datetime(2022, 10, 1).date(),
        end_date=datetime(2023, 9, 30).date(),
    )
    QuarterlyReportFactory(project=mine, fiscal_year=2566, quarter=1, status="submitted")
    client.force_login(user_with_role(Role.DIVISION_DIRECTOR, "0209"))

    response = client.get(reverse("reporting:five_band_projects"), {**ROUND, "unit": "OPS"})

    assert [p["code"] for p in response.context["page"]] == [mine.code]


def test_the_page_runs_a_fixed_number_of_queries(client, pyp, unit):
    def add(n):
        for _ in range(n):
            QuarterlyReportFactory(
                project=ProjectFactory(owner_unit=unit("DSD"), status="approved"),
                status="submitted",
                problems="ล่าช้า",
            )

    url = reverse("reporting:five_band")
    add(2)
    few = queries_of(lambda: client.get(url, {"fiscal_year": 2567, "quarter": 1}))
    add(25)
    many = queries_of(lambda: client.get(url, {"fiscal_year": 2567, "quarter": 1}))

    assert few == many


def test_the_exported_workbook_holds_the_page_figures(client, pyp):
    build_seed_000_round()

    response = client.get(reverse("reporting:five_band_xlsx"), ROUND)

    book = load_workbook(BytesIO(response.content))
    rows = list(book["สรุป ๕ ระดับ"].iter_rows(values_only=True))
    ops = next(r for r in rows if r[0] == "สำนักงานปลัดกระทรวงแรงงาน")
    assert ops[2:] == (39, 5, 12.82, 1, 2.57, 3, 7.69, 17, 43.59, 13, 33.33)
    ministry = next(r for r in rows if r[0] == "กระทรวงแรงงาน")
    assert ministry[2] == 156
    assert book["สรุป ๕ ระดับ"].freeze_panes == "A4"  # two title lines, then the header
    reported = list(book["โครงการที่รายงาน"].iter_rows(min_row=2, values_only=True))
    assert len(reported) == 156
    problems = list(book["ปัญหาอุปสรรค"].iter_rows(min_row=2, values_only=True))
    assert len(problems) == 156 - 29  # every project below 100 % named its problems


def test_a_frozen_round_keeps_its_figures_while_the_live_view_moves(client, pyp):
    build_seed_000_round()
    with freeze(datetime(2023, 3, 31, 9, 0)):
        round_snapshot_take(**ROUND, reason="ปิดรอบตามกำหนด")
    QuarterlyReport.objects.filter(progress_percent=Decimal(10)).update(progress_percent=100)

    frozen = client.get(reverse("reporting:five_band"), ROUND)
    live = client.get(reverse("reporting:five_band"), {**ROUND, "figures": "live"})

    frozen_mol = next(g for g in frozen.context["summary"]["groups"] if g["unit"] == "MOL")
    live_mol = next(g for g in live.context["summary"]["groups"] if g["unit"] == "MOL")
    assert frozen_mol["counts"]["100"] == 29 and frozen.context["frozen"]
    assert live_mol["counts"]["100"] == 29 + 46 and not live.context["frozen"]
    assert "ตัวเลขที่ตรึงไว้" in frozen.content.decode()


def test_a_round_is_frozen_once():
    build_seed_000_round()
    first, created = round_snapshot_take(**ROUND, reason="ครั้งแรก")
    QuarterlyReport.objects.update(progress_percent=100)

    again, created_again = round_snapshot_take(**ROUND, reason="ครั้งที่สอง")

    assert created and not created_again and again.pk == first.pk
    assert RoundSnapshot.objects.get().data["five_band"]["population"]["reported"] == 156
    assert RoundSnapshot.objects.get().reason == "ครั้งแรก"


def test_only_pyp_may_close_a_round(client):
    client.force_login(user_with_role(Role.DIVISION_DIRECTOR, "0209"))

    response = client.post(reverse("reporting:round_freeze"), ROUND)

    assert response.status_code == 403


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_chain_deadline_freezes_the_round_in_a_real_worker(celery_worker_thread, unit):
    from reporting.tasks import deadlines_tick
    from tests.conftest import wait_until
    from tests.factories import WindowFactory

    WindowFactory(fiscal_year=2567, quarter=1)  # chain deadline 30 Jan 2024
    QuarterlyReportFactory(
        project=ProjectFactory(owner_unit=unit("0209"), status="approved"), status="submitted"
    )

    with freeze(datetime(2024, 1, 31, 8, 0)):
        deadlines_tick.delay()
        assert wait_until(lambda: RoundSnapshot.objects.exists())

    snapshot = RoundSnapshot.objects.get()
    assert (snapshot.fiscal_year, snapshot.quarter) == (2567, 1)
    assert snapshot.data["five_band"]["population"]["reported"] == 1
    assert "ปิดรอบตามกำหนด" in snapshot.reason
