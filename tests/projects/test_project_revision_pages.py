"""The project editor and an approved project: it asks first and says what saving did."""

import pytest
from django.urls import reverse

from approvals.models import ItemStatus
from orgs.models import Role
from projects.models import Project
from tests.factories import ProjectFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return user_with_role(Role.STAFF, "0209")


@pytest.fixture
def approved(unit):
    project = ProjectFactory(owner_unit=unit("0209"), rationale="เหตุผลเดิม")
    Project.objects.filter(pk=project.pk).update(status=ItemStatus.APPROVED)
    return Project.objects.get(pk=project.pk)


def test_the_editor_of_an_approved_project_asks_before_saving(client, staff, approved):
    client.force_login(staff)

    page = client.get(reverse("projects:edit", args=[approved.pk, "m3"])).content.decode()

    assert 'data-confirm="โครงการนี้อนุมัติแล้ว บันทึกการแก้ไขเป็นฉบับแก้ไขที่ 2' in page
    assert 'id="revision-notice"' in page


def test_saving_an_approved_project_says_a_new_revision_must_be_approved(client, staff, approved):
    client.force_login(staff)

    answer = client.post(
        reverse("projects:edit", args=[approved.pk, "m3"]),
        {"rationale": "เหตุผลใหม่", "objectives": "", "expected_results": "", "save": "1"},
        follow=True,
    ).content.decode()

    assert "เป็นฉบับแก้ไขที่ 2 ซึ่งต้องส่งขออนุมัติ" in answer
