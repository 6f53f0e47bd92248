"""A unit deletes its own mistaken draft (issue 17, item 8): only a draft that never
left the unit, never the trail; the code is not issued again; and once a duplicate is
gone, the original can be submitted."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from approvals.models import Approval, ItemStatus, Transition
from approvals.services.transitions import item_submit, item_withdraw
from orgs.models import Role
from projects.models import Project
from projects.services.entry import project_create, project_delete_draft
from tests.factories import (
    ApprovalFactory,
    ProjectFactory,
    QuarterlyReportFactory,
    complete_project,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return user_with_role(Role.STAFF, "0209")


def a_draft(staff, unit, name="โครงการสร้างผิด"):
    return project_create(
        user=staff, unit=unit("0209"), fiscal_year=2567, name=name, kind="project"
    )


def test_staff_delete_their_units_never_submitted_draft(staff, unit):
    draft = a_draft(staff, unit)

    code = project_delete_draft(user=staff, project=draft)

    assert code == draft.code
    assert not Project.objects.filter(pk=draft.pk).exists()


def test_a_deleted_drafts_code_is_not_issued_again(staff, unit):
    first = a_draft(staff, unit)
    project_delete_draft(user=staff, project=first)

    second = a_draft(staff, unit, name="โครงการที่ถูกต้อง")

    assert first.code.endswith("-0001") and second.code.endswith("-0002")


def test_a_draft_approval_row_without_a_trail_goes_with_the_project(staff, unit):
    draft = a_draft(staff, unit)
    ApprovalFactory(item=draft, status=ItemStatus.DRAFT)

    project_delete_draft(user=staff, project=draft)

    assert not Approval.objects.filter(object_id=draft.pk).exists()


@pytest.mark.parametrize("status", [ItemStatus.SUBMITTED, ItemStatus.RETURNED, ItemStatus.APPROVED])
def test_a_project_that_went_up_the_chain_is_not_deleted(staff, status):
    project = ProjectFactory(status=status)

    with pytest.raises(ValidationError) as refused:
        project_delete_draft(user=staff, project=project)

    assert "ลบได้เฉพาะร่างโครงการที่ยังไม่เคยส่งขออนุมัติ" in refused.value.messages[0]
    assert Project.objects.filter(pk=project.pk).exists()


def test_a_draft_opened_as_a_new_revision_of_an_approved_project_is_not_deleted(staff):
    project = ProjectFactory(status=ItemStatus.DRAFT, revision=2)

    with pytest.raises(ValidationError):
        project_delete_draft(user=staff, project=project)

    assert Project.objects.filter(pk=project.pk).exists()


def test_a_withdrawn_draft_keeps_its_trail_and_is_not_deleted(staff, open_entry_windows):
    project = complete_project()
    item_submit(item=project, actor=staff)
    item_withdraw(item=project, actor=staff)
    project.refresh_from_db()
    assert project.status == ItemStatus.DRAFT and project.revision == 1

    with pytest.raises(ValidationError) as refused:
        project_delete_draft(user=staff, project=project)

    assert refused.value.messages == ["โครงการนี้มีประวัติการส่งขออนุมัติแล้ว จึงลบไม่ได้ (ประวัติต้องคงอยู่)"]
    assert Transition.objects.filter(approval__object_id=project.pk).count() == 2


def test_a_draft_with_a_quarterly_report_is_not_deleted(staff):
    project = ProjectFactory()
    QuarterlyReportFactory(project=project)

    with pytest.raises(ValidationError) as refused:
        project_delete_draft(user=staff, project=project)

    assert refused.value.messages == ["โครงการนี้มีรายงานผลรายไตรมาส (M6) แล้ว จึงลบไม่ได้"]


def test_staff_of_another_unit_cannot_delete_the_draft(unit):
    project = ProjectFactory(owner_unit=unit("0209"))

    with pytest.raises(PermissionDenied):
        project_delete_draft(user=user_with_role(Role.STAFF, "0206"), project=project)

    assert Project.objects.filter(pk=project.pk).exists()


def test_the_ministry_sees_the_draft_but_cannot_delete_it():
    project = ProjectFactory()

    with pytest.raises(PermissionDenied):
        project_delete_draft(user=user_with_role(Role.PYP_OFFICER, "MOL"), project=project)


# --- the original can be submitted once its duplicate is gone --------------------------


def test_once_the_duplicate_draft_is_deleted_the_original_can_be_submitted(
    staff, unit, open_entry_windows
):
    original = complete_project(name="โครงการจัดทำฐานข้อมูลแรงงานนอกระบบ")
    mistake = project_create(
        user=staff,
        unit=unit("0209"),
        fiscal_year=2567,
        name="โครงการจัดทำฐานข้อมูล แรงงานนอกระบบ",
        kind="project",
    )
    with pytest.raises(ValidationError, match="มีโครงการที่อาจซ้ำกัน"):
        item_submit(item=original, actor=staff)

    project_delete_draft(user=staff, project=mistake)
    item_submit(item=original, actor=staff)

    original.refresh_from_db()
    assert original.status == ItemStatus.SUBMITTED


# --- the pages ----------------------------------------------------------------------------


def test_the_detail_and_editor_pages_offer_deletion_with_a_confirmation(client, staff, unit):
    draft = a_draft(staff, unit)
    client.force_login(staff)

    for url in (
        reverse("projects:detail", args=[draft.pk]),
        reverse("projects:edit", args=[draft.pk, "m1"]),
    ):
        page = client.get(url).content.decode()
        assert reverse("projects:delete", args=[draft.pk]) in page
        assert f'data-confirm="ลบร่างโครงการ {draft.code}' in page


def test_the_pages_do_not_offer_deletion_of_a_submitted_project(client, staff):
    project = ProjectFactory(status=ItemStatus.SUBMITTED)
    client.force_login(staff)

    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()

    assert reverse("projects:delete", args=[project.pk]) not in page


def test_deleting_from_the_page_returns_to_the_list_with_the_code(client, staff, unit):
    draft = a_draft(staff, unit)
    client.force_login(staff)

    response = client.post(reverse("projects:delete", args=[draft.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("projects:list")
    assert f"ลบร่างโครงการ {draft.code} แล้ว" in response.content.decode()
    assert not Project.objects.filter(pk=draft.pk).exists()


def test_a_refused_deletion_says_why_on_the_project_page(client, staff):
    project = ProjectFactory()
    QuarterlyReportFactory(project=project)
    client.force_login(staff)

    response = client.post(reverse("projects:delete", args=[project.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("projects:detail", args=[project.pk])
    assert "มีรายงานผลรายไตรมาส (M6) แล้ว จึงลบไม่ได้" in response.content.decode()


def test_deletion_is_a_post_and_another_units_project_is_not_found(client, unit):
    project = ProjectFactory(owner_unit=unit("0209"))
    client.force_login(user_with_role(Role.STAFF, "0206"))

    assert client.get(reverse("projects:delete", args=[project.pk])).status_code == 405
    assert client.post(reverse("projects:delete", args=[project.pk])).status_code == 404
    assert Project.objects.filter(pk=project.pk).exists()
