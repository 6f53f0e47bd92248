"""Bad input to the project editor (create, M1–M5), posted to the real pages by the
unit's own staff: the page either saves what was typed (302) or shows it again with
Thai messages (200) and the project is exactly as before. Never a 500."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

from core.clock import freeze
from orgs.models import Role
from projects.models import (
    Activity,
    Project,
    SpendingPlan,
)
from tests.factories import complete_project, user_with_role

from .conftest import BAD_INPUT, rolled_back
from .strategies import (
    NASTY_MONTHS,
    NASTY_YEARS,
    assert_refused_in_thai,
    nasty_number,
    project_rows,
    sometimes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = user_with_role(Role.STAFF, "0209")
    client.force_login(user)
    return user


@pytest.fixture
def project(staff):
    """A complete draft of สตป. running FY 2567 (Oct 2023 – Sep 2024)."""
    return complete_project()


def stored(project: Project) -> list:
    return project_rows(project)


def post_module(client, project, module: str, data: dict):
    return client.post(reverse("projects:edit", args=[project.pk, module]), data)


def refused_changes_nothing(response, before, project) -> bool:
    """True when the page saved; otherwise checks the Thai refusal and the unchanged rows."""
    if response.status_code == 302:
        assert response["Location"].startswith(f"/projects/{project.pk}/edit/")
        event("saved")
        return True
    assert_refused_in_thai(response)
    assert stored(project) == before
    return False


# --- create -------------------------------------------------------------------------------


@BAD_INPUT
@given(
    name=sometimes("โครงการพัฒนาทักษะแรงงาน"),
    fiscal_year=sometimes("2567", st.sampled_from(NASTY_YEARS)),
    kind=sometimes("project"),
)
def test_a_new_project_is_created_as_typed_or_refused_in_thai(
    client, staff, name, fiscal_year, kind
):
    data = {"unit": staff.home_unit.pk, "fiscal_year": fiscal_year, "name": name, "kind": kind}
    with rolled_back(), freeze_fy2567():
        count = Project.objects.count()
        response = client.post(reverse("projects:create"), data)
        if response.status_code == 302:
            event("saved")
            created = Project.objects.latest("pk")
            assert (created.name, created.fiscal_year) == (name.strip(), int(fiscal_year))
        else:
            assert_refused_in_thai(response)
            assert Project.objects.count() == count


def freeze_fy2567():
    return freeze(datetime(2024, 1, 15, 10, 0))


# --- M1 -----------------------------------------------------------------------------------


@BAD_INPUT
@given(
    target_codes=sometimes("110401; 010201"),
    reform_areas=st.lists(sometimes("1", nasty_number), max_size=3),
)
def test_m1_links_save_or_are_refused_in_thai(client, project, target_codes, reform_areas):
    with rolled_back():
        before = stored(project)
        response = post_module(
            client, project, "m1", {"target_codes": target_codes, "reform_areas": reform_areas}
        )
        if refused_changes_nothing(response, before, project):
            saved = Project.objects.get(pk=project.pk)
            codes = {n.code for n in saved.plan_nodes.all() if n.level != "reform_area"}
            typed = {c.strip() for c in target_codes.replace(",", ";").split(";") if c.strip()}
            assert codes <= typed | {""}


# --- M2 -----------------------------------------------------------------------------------

GENERAL = {
    "name": "โครงการพัฒนาทักษะแรงงาน",
    "kind": "project",
    "cycle": "fiscal",
    "programme": "แผนงานยุทธศาสตร์",
    "uses_budget": "True",
    "in_house": "on",
    "gfmis_code": "1500100001",
    "director_title": "นาย",
    "director_first_name": "สมชาย",
    "director_last_name": "ใจดี",
    "director_email": "somchai@mol.go.th",
    "director_email_alt": "",
    "director_phone": "0 2232 1403",
    "director_fax": "",
    "start_date_0": "10",
    "start_date_1": "2566",
    "end_date_0": "9",
    "end_date_1": "2567",
}
TEXTS = [
    "name",
    "programme",
    "gfmis_code",
    "director_title",
    "director_first_name",
    "director_last_name",
    "director_phone",
    "director_fax",
]


@BAD_INPUT
@given(
    data=st.fixed_dictionaries(
        {
            **{k: sometimes(v) for k, v in GENERAL.items()},
            "start_date_0": sometimes("10", st.sampled_from(NASTY_MONTHS)),
            "start_date_1": sometimes("2566", st.sampled_from(NASTY_YEARS)),
            "end_date_0": sometimes("9", st.sampled_from(NASTY_MONTHS)),
            "end_date_1": sometimes("2567", st.sampled_from(NASTY_YEARS)),
        }
    )
)
def test_m2_general_saves_as_typed_or_is_refused_in_thai(client, project, data):
    with rolled_back():
        before = stored(project)
        response = post_module(client, project, "m2", data)
        if refused_changes_nothing(response, before, project):
            saved = Project.objects.get(pk=project.pk)
            for name in TEXTS:
                assert getattr(saved, name) == data[name].strip()
            assert (saved.start_date.month, saved.end_date.month) == (
                int(data["start_date_0"]),
                int(data["end_date_0"]),
            )


# --- M3 -----------------------------------------------------------------------------------


def target_row(key: str):
    return st.fixed_dictionaries(
        {
            f"target-{key}-kind": sometimes("output"),
            f"target-{key}-description": sometimes("ผู้เข้าร่วมอบรม"),
            f"target-{key}-target_value": sometimes("1,200", nasty_number),
            f"target-{key}-unit_of_measure": sometimes("คน"),
        }
    )


def area_row(key: str):
    return st.fixed_dictionaries(
        {
            f"area-{key}-level": sometimes("province"),
            f"area-{key}-province": sometimes("ขอนแก่น"),
            f"area-{key}-detail": sometimes(""),
            f"area-{key}-latitude": sometimes("16.4419", nasty_number),
            f"area-{key}-longitude": sometimes("102.8360", nasty_number),
        }
    )


@BAD_INPUT
@given(
    texts=st.fixed_dictionaries(
        {
            "rationale": sometimes("เหตุผล"),
            "objectives": sometimes("วัตถุประสงค์"),
            "expected_results": sometimes("ผลที่คาดว่าจะได้รับ"),
            "target_groups": sometimes("แรงงาน"),
        }
    ),
    target=target_row("t1"),
    area=area_row("a1"),
)
def test_m3_detail_saves_as_typed_or_is_refused_in_thai(client, project, texts, target, area):
    data = {**texts, **target, **area, "target": "t1", "area": "a1"}
    with rolled_back():
        before = stored(project)
        response = post_module(client, project, "m3", data)
        if refused_changes_nothing(response, before, project):
            saved = Project.objects.get(pk=project.pk)
            assert saved.rationale == texts["rationale"].strip()
            saved_target, saved_area = saved.targets.get(), saved.areas.get()
            assert saved_target.description == target["target-t1-description"].strip()
            assert saved_target.unit_of_measure == target["target-t1-unit_of_measure"].strip()
            assert saved_area.province == area["area-a1-province"].strip()


# --- M4 -----------------------------------------------------------------------------------


def activity_row(key: str):
    return st.fixed_dictionaries(
        {
            f"activity-{key}-name": sometimes("อบรมเชิงปฏิบัติการ"),
            f"activity-{key}-depth": sometimes("0", nasty_number),
            f"activity-{key}-q": st.lists(
                sometimes("2567-1", st.sampled_from(["2567-5", "2570-1", "x", "\x00", ""])),
                max_size=3,
            ),
        }
    )


@BAD_INPUT
@given(first=activity_row("r1"), second=activity_row("r2"))
def test_m4_activities_save_as_typed_or_are_refused_in_thai(client, project, first, second):
    data = {**first, **second, "activity": ["r1", "r2"]}
    with rolled_back():
        before = stored(project)
        response = post_module(client, project, "m4", data)
        if refused_changes_nothing(response, before, project):
            names = list(Activity.objects.filter(project=project).values_list("name", flat=True))
            assert sorted(names) == sorted(
                [first["activity-r1-name"].strip(), second["activity-r2-name"].strip()]
            )


# --- M5 -----------------------------------------------------------------------------------

QUARTERS = ["2567-1", "2567-2", "2567-3", "2567-4"]


@BAD_INPUT
@given(
    fixed=st.fixed_dictionaries(
        {
            "source-state_direct": sometimes("100,000", nasty_number),
            "source-own_revenue": sometimes("", nasty_number),
            "source-state_via_agency": sometimes("", nasty_number),
            "via_agency": sometimes(""),
            **{f"plan-{q}": sometimes("25000", nasty_number) for q in QUARTERS},
        }
    ),
    other=st.fixed_dictionaries(
        {"other-o1-name": sometimes("เงินบริจาค"), "other-o1-amount": sometimes("500", nasty_number)}
    ),
)
def test_m5_budget_saves_as_typed_or_is_refused_in_thai(client, project, fixed, other):
    data = {**fixed, **other, "other": "o1"}
    with rolled_back():
        before = stored(project)
        response = post_module(client, project, "m5", data)
        if refused_changes_nothing(response, before, project):
            plan = {
                f"{p.fiscal_year}-{p.quarter}": p.amount
                for p in SpendingPlan.objects.filter(project=project)
            }
            for q in QUARTERS:
                typed = fixed[f"plan-{q}"].replace(",", "").strip()
                assert plan.get(q, Decimal(0)) == (Decimal(typed) if typed else Decimal(0))


def test_m2_still_saves_a_project_whose_creator_was_deleted(client, staff, project):
    Project.objects.filter(pk=project.pk).update(created_by=None)  # what SET_NULL leaves

    response = post_module(client, project, "m2", GENERAL)

    assert response.status_code == 302
    assert Project.objects.get(pk=project.pk).director_first_name == "สมชาย"
