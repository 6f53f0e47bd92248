"""The M1–M6 services called directly (as the API, the importer or a later caller
would) with values of the right types but any content: they save, or refuse with a
ValidationError whose every message is Thai and leave the database as it was."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import event, given
from hypothesis import strategies as st

from approvals.models import ItemStatus
from core.clock import freeze
from orgs.models import Role
from projects.models import AreaLevel, SourceKind, TargetKind
from projects.services import entry
from reporting.models import QuarterlyReport
from reporting.services import report_save
from tests.factories import (
    ActivityFactory,
    ProjectFactory,
    ProjectTargetFactory,
    WindowFactory,
    complete_project,
    user_with_role,
)

from .conftest import BAD_INPUT, rolled_back
from .strategies import assert_thai_messages, nasty_text, project_rows, report_rows, sometimes

pytestmark = pytest.mark.django_db

# Values of the types the forms hand over, from ordinary to absurd.
amounts = st.one_of(
    st.none(),
    st.decimals(min_value=-(10**20), max_value=10**20, places=2, allow_nan=False),
    st.sampled_from([Decimal("0"), Decimal("-0.01"), Decimal("9999999999999.99"), Decimal("1e13")]),
)
some_dates = st.one_of(
    st.none(), st.dates(min_value=date(1800, 1, 1), max_value=date(2700, 12, 31))
)
choice = st.one_of(st.sampled_from(["", "x", "\x00", "OUTPUT"]), nasty_text)
# Mostly the project's own quarters (FY 2567), sometimes none that exists.
quarter_keys = st.one_of(
    st.sampled_from([(2567, 1), (2567, 2), (2567, 3), (2567, 4)]),
    st.tuples(st.integers(min_value=2500, max_value=2700), st.integers(min_value=-1, max_value=6)),
)


@pytest.fixture
def staff():
    return user_with_role(Role.STAFF, "0209")


@pytest.fixture
def project(staff):
    return complete_project(created_by=staff)


def saves_or_refuses_in_thai(call, rows) -> None:
    """Run the service: accepted, or refused in Thai with `rows()` unchanged."""
    before = rows()
    try:
        with rolled_back():  # the service's own savepoint is inside this one
            call()
    except ValidationError as exc:
        event("refused")
        assert_thai_messages(exc.messages)
        assert rows() == before
    else:
        event("saved")


@BAD_INPUT
@given(
    texts=st.fixed_dictionaries(
        {
            "name": sometimes("โครงการพัฒนาทักษะแรงงาน"),
            "programme": nasty_text,
            "gfmis_code": nasty_text,
            "director_email": sometimes("somchai@mol.go.th"),
            "director_phone": nasty_text,
        }
    ),
    kind=st.one_of(st.just("project"), choice),
    start=st.one_of(st.just(date(2023, 10, 1)), some_dates),
    end=st.one_of(st.just(date(2024, 9, 30)), some_dates),
)
def test_m2_service_saves_or_refuses_in_thai(staff, project, texts, kind, start, end):
    data = {**texts, "kind": kind, "start_date": start, "end_date": end}
    with rolled_back():
        saves_or_refuses_in_thai(
            lambda: entry.project_save_general(user=staff, project=project, data=data),
            lambda: project_rows(project),
        )


@BAD_INPUT
@given(
    text=nasty_text,
    targets=st.lists(
        st.fixed_dictionaries(
            {
                "kind": st.one_of(st.sampled_from(TargetKind.values), choice),
                "description": nasty_text,
                "target_value": amounts,
                "unit_of_measure": nasty_text,
            }
        ),
        max_size=2,
    ),
    areas=st.lists(
        st.fixed_dictionaries(
            {
                "level": st.one_of(st.sampled_from(AreaLevel.values), choice),
                "province": nasty_text,
                "detail": nasty_text,
                "latitude": amounts,
                "longitude": amounts,
            }
        ),
        max_size=2,
    ),
)
def test_m3_service_saves_or_refuses_in_thai(staff, project, text, targets, areas):
    data = {"rationale": text, "objectives": "วัตถุประสงค์"}
    with rolled_back():
        saves_or_refuses_in_thai(
            lambda: entry.project_save_detail(
                user=staff, project=project, data=data, targets=targets, areas=areas
            ),
            lambda: project_rows(project),
        )


@BAD_INPUT
@given(
    rows=st.lists(
        st.builds(
            entry.ActivityRow,
            name=nasty_text,
            depth=st.integers(min_value=-3, max_value=8),
            quarters=st.lists(
                st.tuples(
                    st.integers(min_value=2500, max_value=2700),
                    st.integers(min_value=-1, max_value=6),
                ),
                max_size=3,
            ),
            description=nasty_text,
        ),
        max_size=3,
    )
)
def test_m4_service_saves_or_refuses_in_thai(staff, project, rows):
    with rolled_back():
        saves_or_refuses_in_thai(
            lambda: entry.project_save_activities(user=staff, project=project, rows=rows),
            lambda: project_rows(project),
        )


@BAD_INPUT
@given(
    sources=st.lists(
        st.fixed_dictionaries(
            {
                "kind": st.one_of(st.sampled_from(SourceKind.values), choice),
                "source_name": nasty_text,
                "amount": amounts.filter(lambda a: a is not None),
            }
        ),
        max_size=2,
    ),
    plan=st.dictionaries(
        st.tuples(
            st.integers(min_value=2500, max_value=2700), st.integers(min_value=-1, max_value=6)
        ),
        amounts.filter(lambda a: a is not None),
        max_size=3,
    ),
)
def test_m5_service_saves_or_refuses_in_thai(staff, project, sources, plan):
    with rolled_back():
        saves_or_refuses_in_thai(
            lambda: entry.project_save_budget(
                user=staff, project=project, sources=sources, plan=plan
            ),
            lambda: project_rows(project),
        )


@pytest.fixture
def report(staff, unit):
    project = ProjectFactory(owner_unit=unit("0209"), status=ItemStatus.APPROVED)
    ProjectTargetFactory(project=project)
    ActivityFactory(project=project)
    window = WindowFactory(fiscal_year=2567, quarter=1)
    with freeze(datetime(2024, 1, 10, 10, 0)):
        yield QuarterlyReport.objects.create(
            project=project, fiscal_year=2567, quarter=1, window=window
        )


@BAD_INPUT
@given(
    percent=amounts,
    disbursed=amounts,
    result=nasty_text,
    result_value=amounts,
    progress=nasty_text,
    activity_percent=amounts,
    note=nasty_text,
)
def test_m6_service_saves_or_refuses_in_thai(
    staff, report, percent, disbursed, result, result_value, progress, activity_percent, note
):
    target, activity = report.project.targets.get(), report.project.activities.get()
    with rolled_back():
        saves_or_refuses_in_thai(
            lambda: report_save(
                user=staff,
                report=report,
                data={"progress_percent": percent, "disbursed": disbursed, "result": result},
                targets={target.pk: {"result_value": result_value, "progress": progress}},
                activities={activity.pk: {"progress_percent": activity_percent, "note": note}},
            ),
            lambda: report_rows(report),
        )
