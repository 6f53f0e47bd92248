"""The comparison of the demo's past years, recomputed from the pages it sets side by
side: for every round, the five-band summary page (its frozen figures once the round is
frozen) and the round's status board."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from core.clock import today
from core.fiscal import fiscal_year_of
from emenscr.demo import load_demo
from orgs.models import OrgUnit, User
from reporting.compare import comparable_units
from reporting.deadlines import run_deadlines
from reporting.models import RoundSnapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(client):
    """`make run`'s data: the demo loaded and the first deadline pass run; as ป.ย.ป."""
    load_demo()
    run_deadlines(today())
    client.force_login(User.objects.get(username="pyp"))
    return client


def _board(client, fiscal_year: int, quarter: int) -> dict:
    return client.get(
        reverse("reporting:board"), {"fiscal_year": fiscal_year, "quarter": quarter}
    ).context


def _summary(client, fiscal_year: int, quarter: int) -> dict:
    response = client.get(
        reverse("reporting:five_band"), {"fiscal_year": fiscal_year, "quarter": quarter}
    )
    return response.context["summary"], response.context["frozen"]


def test_comparisons_of_the_demo_years_match_the_summaries_and_the_boards(demo):
    year = fiscal_year_of(today())
    units = comparable_units()
    query = urlencode(
        [("units", u.code) for u in units]
        + [("fiscal_year_from", year - 3), ("fiscal_year_to", year - 1)]
    )
    figures = demo.get(f"{reverse('reporting:compare')}?{query}").context["figures"]
    paths = dict(OrgUnit.objects.values_list("code", "path"))
    assert len(figures["rounds"]) >= 9 and len(figures["rows"]) == len(units) * len(
        figures["rounds"]
    )

    checked = 0
    for round_ in figures["rounds"]:
        fy, q = round_["fiscal_year"], round_["quarter"]
        summary, frozen = _summary(demo, fy, q)
        board = _board(demo, fy, q)
        groups = {g["unit"]: g for g in summary["groups"]}
        assert round_["frozen"] == frozen
        assert round_["unit_deadline"] == board["window"].unit_deadline
        for row in (r for r in figures["rows"] if (r["fiscal_year"], r["quarter"]) == (fy, q)):
            group = groups[row["unit"]]
            mine = [
                r for r in board["rows"] if r["owner_unit__path"].startswith(paths[row["unit"]])
            ]
            # The five-band summary of the round, as its page shows it.
            assert (row["reported"], row["counts"], row["percents"]) == (
                group["reported"],
                group["counts"],
                group["percents"],
            ), (fy, q, row["unit"])
            # The board: projects due, those reported (sent up or approved), and late.
            assert row["projects"] == sum(r["due"] for r in mine), (fy, q, row["unit"])
            assert row["reported"] == sum(r["submitted"] + r["approved"] for r in mine)
            if today() > board["window"].unit_deadline:
                # Every item the unit had not finished by its deadline was marked late by
                # the deadline pass (or never started): the rest passed on time.
                assert row["on_time"] == row["projects"] - sum(r["late"] for r in mine), (
                    fy,
                    q,
                    row["unit"],
                )
            checked += 1
        ministry = next(
            r
            for r in figures["rows"]
            if r["unit"] == "MOL" and r["quarter"] == q and r["fiscal_year"] == fy
        )
        population = summary["population"]
        assert ministry["projects"] == population["reported"] + population["not_reported"]
    assert checked == len(figures["rows"])


def test_the_demo_has_years_of_frozen_rounds_that_differ(demo):
    """Two fiscal years before last year's, every round frozen; trends to show: the rates
    and the bands are not the same in every round."""
    year = fiscal_year_of(today())
    frozen = set(RoundSnapshot.objects.values_list("fiscal_year", "quarter"))
    assert {(year - back, q) for back in (2, 3) for q in (1, 2, 3, 4)} | {(year - 1, 3)} <= frozen
    api = demo.get(
        reverse("api_compare"),
        {"units": "MOL", "fiscal_year_from": year - 3, "fiscal_year_to": year - 1},
    ).json()

    rows = api["rows"]
    assert len({r["on_time_rate"] for r in rows}) > 2
    assert len({tuple(r["counts"].values()) for r in rows}) > 2
    assert any(r["on_time"] < r["reported"] for r in rows)
    assert any(r["reported"] < r["projects"] for r in rows)
