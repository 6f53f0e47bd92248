"""A level-3 plan climbs the M7 chain like any item: submit checks, steps, returns."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from approvals.items import checklist_points
from approvals.models import ItemStatus
from approvals.selectors import trail_for
from approvals.services.transitions import item_approve, item_return, item_submit
from orgs.models import Role
from projects.models import Level3PlanDocument
from tests.chain import chain_people
from tests.factories import user_with_role
from tests.projects.level3_factories import (
    Level3PlanFactory,
    complete_plan,
    media_root,  # noqa: F401
    open_level3_window,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
ALL_TICKED = {key: True for key, _ in checklist_points()}  # every kind's ป.ย.ป. points


@pytest.fixture
def people():
    return chain_people()


def refreshed(plan):
    plan.refresh_from_db()
    return plan


def test_a_plan_of_a_division_is_approved_after_every_step_of_the_chain(people, unit):
    open_level3_window()
    plan = complete_plan(owner_unit=unit("0209"))

    item_submit(item=plan, actor=people["staff"])
    for who in ["director", "pyp", "cluster", "ps"]:
        item_approve(item=plan, actor=people[who], checklist=ALL_TICKED)

    assert refreshed(plan).status == ItemStatus.APPROVED
    assert [t.action for t in trail_for(plan)] == [
        "submit",
        "approve",
        "check",
        "approve",
        "approve",
    ]


def test_a_returned_plan_goes_back_to_staff_with_the_reason_and_can_be_sent_again(people, unit):
    open_level3_window()
    plan = complete_plan(owner_unit=unit("0209"))
    item_submit(item=plan, actor=people["staff"])
    item_approve(item=plan, actor=people["director"])

    item_return(item=plan, actor=people["pyp"], reason="ตัวชี้วัดที่ ๑ ไม่มีค่าเป้าหมายปี 2570")
    assert refreshed(plan).status == ItemStatus.RETURNED
    assert trail_for(plan)[-1].comment == "ตัวชี้วัดที่ ๑ ไม่มีค่าเป้าหมายปี 2570"

    item_submit(item=plan, actor=people["staff"])
    assert refreshed(plan).status == ItemStatus.SUBMITTED


def test_a_plan_cannot_be_submitted_outside_a_level3_plan_window(people, unit):
    plan = complete_plan(owner_unit=unit("0209"))

    with pytest.raises(ValidationError) as refused:
        item_submit(item=plan, actor=people["staff"])

    assert any("รอบนำเข้าแผนระดับที่ ๓" in m for m in refused.value.messages)
    assert refreshed(plan).status == ItemStatus.DRAFT


def test_a_window_of_another_kind_does_not_open_plan_submission(people, unit, open_entry_windows):
    plan = complete_plan(owner_unit=unit("0209"))

    with pytest.raises(ValidationError, match="รอบนำเข้าแผนระดับที่ ๓"):
        item_submit(item=plan, actor=people["staff"])


def test_an_incomplete_plan_lists_everything_it_lacks_when_submitted(people, unit):
    open_level3_window()
    plan = Level3PlanFactory(owner_unit=unit("0209"), announced_on=None)

    with pytest.raises(ValidationError) as refused:
        item_submit(item=plan, actor=people["staff"])

    text = " ".join(refused.value.messages)
    assert "วันที่ประกาศใช้" in text
    assert "เป้าหมายแผนระดับที่ ๑ หรือ ๒" in text
    assert "ตัวชี้วัด" in text
    assert "เอกสารแผน" in text


def test_a_plan_whose_indicator_has_no_yearly_target_is_refused(people, unit):
    from tests.projects.level3_factories import Level3IndicatorFactory

    open_level3_window()
    plan = complete_plan(owner_unit=unit("0209"))
    Level3IndicatorFactory(plan=plan)

    with pytest.raises(ValidationError, match="ยังไม่มีค่าเป้าหมายรายปี"):
        item_submit(item=plan, actor=people["staff"])


def test_a_plan_without_a_document_is_refused(people, unit):
    open_level3_window()
    plan = complete_plan(owner_unit=unit("0209"))
    Level3PlanDocument.objects.filter(plan=plan).delete()

    with pytest.raises(ValidationError, match="เอกสารแผน"):
        item_submit(item=plan, actor=people["staff"])


def test_staff_of_a_co_responsible_unit_cannot_submit_the_plan(people, unit):
    open_level3_window()
    plan = complete_plan(owner_unit=unit("0209"), co_units=[unit("0206")])

    with pytest.raises(ValidationError, match="ไม่มีสิทธิ์"):
        item_submit(item=plan, actor=user_with_role(Role.STAFF, "0206"))


def test_the_plan_page_offers_submission_to_staff_and_approval_to_the_director(
    client, people, unit
):
    open_level3_window()
    plan = complete_plan(owner_unit=unit("0209"))
    url = reverse("projects:level3:detail", args=[plan.pk])

    client.force_login(people["staff"])
    assert 'data-action="submit"' in client.get(url).content.decode()
    response = client.post(
        reverse(
            "approvals:item_action", args=[client.get(url).context["content_type_id"], plan.pk]
        ),
        {"action": "submit"},
    )
    assert response.status_code == 302
    assert refreshed(plan).status == ItemStatus.SUBMITTED

    client.force_login(people["director"])
    page = client.get(url).content.decode()
    assert 'data-action="approve"' in page
    assert 'data-action="return"' in page


def test_editing_an_approved_plan_opens_a_new_revision_that_must_be_approved_again(people, unit):
    from projects.level3.services import PlanInput, level3_plan_update

    open_level3_window()
    plan = complete_plan(owner_unit=unit("0209"))
    item_submit(item=plan, actor=people["staff"])
    for who in ["director", "pyp", "cluster", "ps"]:
        item_approve(item=plan, actor=people[who], checklist=ALL_TICKED)

    level3_plan_update(
        user=people["staff"],
        plan=refreshed(plan),
        data=PlanInput(
            name="ชื่อแผนที่แก้ไข",
            plan_type=plan.plan_type,
            start_year=plan.start_year,
            end_year=plan.end_year,
            announced_on=plan.announced_on,
            nodes=list(plan.plan_nodes.all()),
        ),
    )

    plan = refreshed(plan)
    assert (plan.status, plan.revision, plan.name) == (ItemStatus.DRAFT, 2, "ชื่อแผนที่แก้ไข")
