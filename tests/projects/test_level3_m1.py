"""In M1 a project names only approved level-3 plans whose period covers its
fiscal year, of its unit or a unit above it (or shared with one of them), and
keeps the plans it already names."""

import pytest
from django.urls import reverse

from approvals.models import ItemStatus
from orgs.models import Role
from projects.level3.selectors import level3_plans_for_project
from tests.factories import ProjectFactory, user_with_role
from tests.projects.level3_factories import Level3PlanFactory

pytestmark = pytest.mark.django_db


def approved_plan(**fields):
    plan = Level3PlanFactory(**fields)
    type(plan).objects.filter(pk=plan.pk).update(status=ItemStatus.APPROVED)
    plan.refresh_from_db()
    return plan


@pytest.fixture
def project(unit):
    return ProjectFactory(owner_unit=unit("0209"), fiscal_year=2567)


def offered(project):
    return set(level3_plans_for_project(project=project))


def test_an_approved_plan_of_the_unit_covering_the_year_is_offered(project, unit):
    plan = approved_plan(owner_unit=unit("0209"), start_year=2566, end_year=2570)

    assert offered(project) == {plan}


def test_an_approved_plan_of_a_unit_above_the_project_is_offered(project, unit):
    ministry_plan = approved_plan(owner_unit=unit("OPS"), start_year=2567, end_year=2567)

    assert offered(project) == {ministry_plan}


def test_a_plan_shared_with_the_projects_unit_is_offered(project, unit):
    shared = approved_plan(owner_unit=unit("0206"), start_year=2567, end_year=2570)
    shared.co_units.add(unit("0209"))

    assert offered(project) == {shared}


def test_draft_submitted_and_returned_plans_are_not_offered(project, unit):
    for status in [ItemStatus.DRAFT, ItemStatus.SUBMITTED, ItemStatus.RETURNED]:
        plan = Level3PlanFactory(owner_unit=unit("0209"), start_year=2567, end_year=2570)
        type(plan).objects.filter(pk=plan.pk).update(status=status)

    assert offered(project) == set()


def test_a_plan_whose_period_does_not_cover_the_projects_year_is_not_offered(project, unit):
    approved_plan(owner_unit=unit("0209"), start_year=2568, end_year=2570)
    approved_plan(owner_unit=unit("0209"), start_year=2561, end_year=2565)

    assert offered(project) == set()


def test_a_plan_of_a_sibling_or_a_unit_below_is_not_offered(project, unit):
    approved_plan(owner_unit=unit("0206"), start_year=2567, end_year=2567)
    approved_plan(owner_unit=unit("0209-3"), start_year=2567, end_year=2567)

    assert offered(project) == set()


def test_a_plan_the_project_already_names_stays_offered(project, unit):
    old = Level3PlanFactory(owner_unit=unit("0206"), start_year=2561, end_year=2565)
    project.level3_plans.add(old)

    assert offered(project) == {old}


def test_the_m1_page_lists_only_the_plans_the_project_may_name(client, project, unit):
    mine = approved_plan(owner_unit=unit("0209"), name="แผนที่เลือกได้", start_year=2567, end_year=2567)
    Level3PlanFactory(owner_unit=unit("0209"), name="แผนร่างที่ยังไม่อนุมัติ")
    client.force_login(user_with_role(Role.STAFF, "0209"))

    response = client.get(reverse("projects:edit", args=[project.pk, "m1"]))

    assert list(response.context["form"].fields["level3_plans"].queryset) == [mine]
    assert "แผนร่างที่ยังไม่อนุมัติ" not in response.content.decode()


def test_posting_a_plan_that_is_not_offered_is_refused_with_a_thai_message(client, project, unit):
    draft = Level3PlanFactory(owner_unit=unit("0209"), start_year=2567, end_year=2567)
    client.force_login(user_with_role(Role.STAFF, "0209"))

    response = client.post(
        reverse("projects:edit", args=[project.pk, "m1"]),
        {"target_codes": "110401", "level3_plans": [draft.pk]},
    )

    assert response.status_code == 200
    assert "ยังไม่อนุมัติ" in response.context["form"].errors["level3_plans"][0]
    assert not project.level3_plans.exists()
