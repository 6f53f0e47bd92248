"""Who sees and who edits a level-3 plan: the owning unit, co-responsible units
(per-object grants), and everyone else (each denial tested)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from guardian.shortcuts import assign_perm, get_users_with_perms

from orgs.models import Role
from orgs.permissions import can
from projects.level3.selectors import plans_visible_to
from projects.level3.services import PlanInput, level3_plan_create, level3_plan_update
from projects.models import PlanNode
from tests.factories import user_with_role
from tests.projects.level3_factories import (
    complete_plan,
    media_root,  # noqa: F401
    pdf_upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def plan_input(**fields) -> PlanInput:
    values = {
        "name": "แผนปฏิบัติการด้านการป้องกันการค้ามนุษย์ด้านแรงงาน",
        "plan_type": "action",
        "start_year": 2567,
        "end_year": 2570,
        "nodes": [PlanNode.objects.get(code="110401")],
    }
    return PlanInput(**{**values, **fields})


@pytest.fixture
def shared_plan(unit):
    """A plan of สตป. (0209) run together with กยผ. (0206)."""
    return complete_plan(owner_unit=unit("0209"), co_units=[unit("0206")])


def test_staff_of_a_co_responsible_unit_see_the_plan_in_their_list_and_open_it(client, shared_plan):
    client.force_login(user_with_role(Role.STAFF, "0206"))

    listed = list(client.get(reverse("projects:level3:list")).context["page"])
    page = client.get(reverse("projects:level3:detail", args=[shared_plan.pk]))

    assert listed == [shared_plan]
    assert page.status_code == 200
    assert page.context["can_edit"] is False
    assert page.context["upload_form"] is None


def test_a_co_responsible_unit_may_download_the_plan_document(client, shared_plan):
    client.force_login(user_with_role(Role.STAFF, "0206"))

    response = client.get(reverse("projects:level3:document", args=[shared_plan.pk, 1]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_co_responsible_unit_cannot_open_the_edit_page(client, shared_plan):
    client.force_login(user_with_role(Role.STAFF, "0206"))

    assert client.get(reverse("projects:level3:edit", args=[shared_plan.pk])).status_code == 403


def test_a_co_responsible_unit_cannot_post_an_edit(client, shared_plan):
    client.force_login(user_with_role(Role.STAFF, "0206"))

    response = client.post(
        reverse("projects:level3:edit", args=[shared_plan.pk]), {"name": "เปลี่ยนชื่อ"}
    )

    shared_plan.refresh_from_db()
    assert response.status_code == 403
    assert shared_plan.name != "เปลี่ยนชื่อ"


def test_a_co_responsible_unit_cannot_upload_a_document(client, shared_plan):
    client.force_login(user_with_role(Role.STAFF, "0206"))

    response = client.post(
        reverse("projects:level3:upload", args=[shared_plan.pk]), {"file": pdf_upload()}
    )

    assert response.status_code == 403
    assert shared_plan.documents.count() == 1


def test_the_edit_service_refuses_a_co_responsible_user(shared_plan):
    with pytest.raises(PermissionDenied):
        level3_plan_update(
            user=user_with_role(Role.STAFF, "0206"), plan=shared_plan, data=plan_input()
        )


def test_staff_of_an_unrelated_unit_neither_see_nor_open_the_plan(client, shared_plan):
    client.force_login(user_with_role(Role.STAFF, "0207"))

    assert list(client.get(reverse("projects:level3:list")).context["page"]) == []
    assert client.get(reverse("projects:level3:detail", args=[shared_plan.pk])).status_code == 404
    assert (
        client.get(reverse("projects:level3:document", args=[shared_plan.pk, 1])).status_code == 404
    )


def test_a_unit_no_longer_co_responsible_loses_sight_of_the_plan(unit):
    owner = user_with_role(Role.STAFF, "0209")
    partner = user_with_role(Role.STAFF, "0206")
    plan = level3_plan_create(
        user=owner, unit=unit("0209"), data=plan_input(co_units=[unit("0206")])
    )
    assert can(partner, "level3plan.view", plan)

    level3_plan_update(user=owner, plan=plan, data=plan_input(co_units=[]))

    partner = type(partner).objects.get(pk=partner.pk)  # a fresh object: no cached grants
    assert not can(partner, "level3plan.view", plan)
    assert list(plans_visible_to(partner)) == []
    assert list(get_users_with_perms(plan)) == []


def test_a_user_who_joins_a_co_responsible_unit_later_also_sees_the_plan(shared_plan):
    newcomer = user_with_role(Role.STAFF, "0206")  # after the plan was shared

    assert can(newcomer, "level3plan.view", shared_plan)
    assert list(plans_visible_to(newcomer)) == [shared_plan]


def test_sharing_gives_the_co_responsible_units_users_a_per_object_grant(unit):
    owner = user_with_role(Role.STAFF, "0209")
    partner = user_with_role(Role.STAFF, "0206")
    group_staff = user_with_role(Role.STAFF, "0206-1")
    plan = level3_plan_create(
        user=owner, unit=unit("0209"), data=plan_input(co_units=[unit("0206")])
    )

    assert set(get_users_with_perms(plan, only_with_perms_in=["view_level3plan"])) == {
        partner,
        group_staff,
    }


def test_a_per_object_grant_lets_its_holder_view_but_never_edit(unit):
    plan = complete_plan(owner_unit=unit("0209"))
    outsider = user_with_role(Role.STAFF, "0207")
    assign_perm("projects.view_level3plan", outsider, plan)
    assign_perm("projects.change_level3plan", outsider, plan)
    outsider = type(outsider).objects.get(pk=outsider.pk)

    assert can(outsider, "level3plan.view", plan)
    assert list(plans_visible_to(outsider)) == [plan]
    assert not can(outsider, "level3plan.edit", plan)


def test_the_owning_units_director_sees_and_edits_the_plan(shared_plan):
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")

    assert can(director, "level3plan.view", shared_plan)
    assert can(director, "level3plan.edit", shared_plan)


def test_a_cluster_head_above_the_owner_sees_but_does_not_edit_the_plan(shared_plan):
    head = user_with_role(Role.CLUSTER_HEAD, "CL-POLICY")

    assert can(head, "level3plan.view", shared_plan)
    assert not can(head, "level3plan.edit", shared_plan)


def test_only_entry_staff_may_create_a_plan_for_their_unit(unit):
    with pytest.raises(PermissionDenied):
        level3_plan_create(
            user=user_with_role(Role.STAFF, "0206"), unit=unit("0209"), data=plan_input()
        )


def test_the_new_plan_page_turns_away_a_user_who_enters_for_no_unit(client):
    client.force_login(user_with_role(Role.CLUSTER_HEAD, "CL-POLICY"))

    response = client.get(reverse("projects:level3:create"))

    assert response.status_code == 302
    assert response.url == reverse("projects:level3:list")


def test_posting_a_plan_for_another_unit_is_refused(client, unit):
    client.force_login(user_with_role(Role.STAFF, "0206"))

    response = client.post(
        reverse("projects:level3:create"),
        {
            "unit": unit("0209").pk,
            "name": "แผน",
            "plan_type": "action",
            "start_year": 2567,
            "end_year": 2567,
        },
    )

    assert response.status_code == 200
    assert "unit" in response.context["form"].errors


def test_pages_need_a_login(client, shared_plan):
    response = client.get(reverse("projects:level3:detail", args=[shared_plan.pk]))

    assert response.status_code == 302
    assert "login" in response.url
