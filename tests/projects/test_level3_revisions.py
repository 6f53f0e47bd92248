"""Approved means approved, for level-3 plans: editing an approved plan opens a new
revision; the approved one stays readable, and projects may still name the plan."""

import pytest
from django.urls import reverse

from approvals.models import ItemRevision, ItemStatus
from approvals.services.transitions import item_submit
from orgs.models import Role
from projects.level3.selectors import level3_plans_for_project
from projects.level3.services import PlanInput, level3_plan_update
from tests.chain import approve_to_the_end
from tests.factories import ProjectFactory, user_with_role
from tests.projects.level3_factories import (
    complete_plan,
    media_root,  # noqa: F401
    open_level3_window,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def staff():
    return user_with_role(Role.STAFF, "0209")


@pytest.fixture
def approved_plan(unit, staff):
    open_level3_window()
    plan = complete_plan(owner_unit=unit("0209"), name="แผนปฏิบัติการด้านแรงงาน ฉบับอนุมัติ")
    item_submit(item=plan, actor=staff)
    return approve_to_the_end(plan)


def _rename(staff, plan, name="แผนปฏิบัติการด้านแรงงาน ฉบับแก้ไข"):
    return level3_plan_update(
        user=staff,
        plan=plan,
        data=PlanInput(
            name=name,
            plan_type=plan.plan_type,
            start_year=plan.start_year,
            end_year=plan.end_year,
            announced_on=plan.announced_on,
            nodes=list(plan.plan_nodes.all()),
        ),
    )


def test_editing_an_approved_plan_freezes_the_approved_revision(staff, approved_plan):
    revised = _rename(staff, approved_plan)

    frozen = ItemRevision.objects.get(object_id=revised.pk, number=1)
    assert (revised.status, revised.revision) == (ItemStatus.DRAFT, 2)
    assert frozen.content["แผน"]["ชื่อแผน"] == "แผนปฏิบัติการด้านแรงงาน ฉบับอนุมัติ"


def test_projects_may_still_name_a_plan_whose_revision_is_drafted(staff, approved_plan, unit):
    _rename(staff, approved_plan)
    project = ProjectFactory(owner_unit=unit("0209"), fiscal_year=approved_plan.start_year)

    assert approved_plan.pk in {p.pk for p in level3_plans_for_project(project=project)}


def test_the_plan_page_shows_what_changed_since_the_approved_revision(client, staff, approved_plan):
    _rename(staff, approved_plan)
    client.force_login(staff)

    page = client.get(reverse("projects:level3:detail", args=[approved_plan.pk])).content.decode()

    assert "สิ่งที่เปลี่ยนแปลงจากฉบับที่อนุมัติแล้ว (ฉบับที่ 1)" in page
    assert "ฉบับอนุมัติ" in page and "ฉบับแก้ไข" in page


def test_the_edit_form_of_an_approved_plan_asks_before_saving(client, staff, approved_plan):
    client.force_login(staff)

    page = client.get(reverse("projects:level3:edit", args=[approved_plan.pk])).content.decode()

    assert 'data-confirm="แผนนี้อนุมัติแล้ว' in page
