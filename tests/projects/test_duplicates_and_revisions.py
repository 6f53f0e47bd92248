"""Likely duplicates before submission, and revisions after approval."""

import pytest
from django.urls import reverse

from approvals.models import ItemStatus
from core import fiscal
from core.clock import today
from orgs.models import Role
from projects.duplicates import likely_duplicates
from projects.models import CodeSequence, Project
from projects.services.entry import project_create, project_delete_draft, project_save_detail
from tests.factories import ProjectFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_a_near_identical_name_in_the_same_unit_and_year_is_a_likely_duplicate(unit):
    first = ProjectFactory(owner_unit=unit("0209"), name="โครงการอาสาสมัครแรงงานด้านภัยยาเสพติด")
    second = ProjectFactory(owner_unit=unit("0209"), name="อาสาสมัครแรงงาน ด้านภัยยาเสพติด")

    assert [(d.project, d.reason) for d in likely_duplicates(second)] == [
        (first, "ชื่อใกล้เคียงกันในหน่วยงานและปีงบประมาณเดียวกัน")
    ]


def test_the_same_gfmis_code_is_a_likely_duplicate_across_units(unit):
    first = ProjectFactory(owner_unit=unit("0206"), gfmis_code="1500100001", name="ก")
    second = ProjectFactory(owner_unit=unit("0209"), gfmis_code="1500100001", name="ข")

    assert [d.project for d in likely_duplicates(second)] == [first]


def test_the_same_name_in_another_unit_is_a_likely_duplicate(unit):
    first = ProjectFactory(owner_unit=unit("DOE"), name="โครงการจัดหางานเชิงรุก")
    second = ProjectFactory(owner_unit=unit("0209"), name="โครงการจัดหางานเชิงรุก")

    assert [d.reason for d in likely_duplicates(second)] == ["ชื่อเดียวกันแต่ต่างหน่วยงาน"]
    assert likely_duplicates(second)[0].project == first


def test_different_projects_and_other_years_are_not_duplicates(unit):
    ProjectFactory(owner_unit=unit("0209"), name="โครงการฝึกอบรมช่างเชื่อม")
    ProjectFactory(owner_unit=unit("0209"), name="โครงการอาสาสมัครแรงงาน", fiscal_year=2566)
    project = ProjectFactory(owner_unit=unit("0209"), name="โครงการอาสาสมัครแรงงาน")

    assert likely_duplicates(project) == []


def test_the_detail_page_links_the_likely_duplicates(client, unit):
    first = ProjectFactory(owner_unit=unit("0209"), name="โครงการจัดทำฐานข้อมูลกลาง")
    second = ProjectFactory(owner_unit=unit("0209"), name="โครงการจัดทำฐานข้อมูลกลาง ")
    client.force_login(user_with_role(Role.STAFF, "0209"))

    page = client.get(reverse("projects:detail", args=[second.pk])).content.decode()

    assert "โครงการที่อาจซ้ำกัน" in page and reverse("projects:detail", args=[first.pk]) in page


def test_editing_an_approved_project_keeps_the_approved_version_readable_and_shows_the_change(
    client, unit
):
    staff = user_with_role(Role.STAFF, "0209")
    project = ProjectFactory(owner_unit=unit("0209"), rationale="เหตุผลเดิม")
    Project.objects.filter(pk=project.pk).update(status=ItemStatus.APPROVED)

    project_save_detail(
        user=staff, project=project, data={"rationale": "เหตุผลใหม่"}, targets=[], areas=[]
    )

    approved = project.revisions.get(number=1)
    assert approved.content["M3 รายละเอียด"]["หลักการและเหตุผล"] == "เหตุผลเดิม"
    client.force_login(staff)
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "สิ่งที่เปลี่ยนแปลงจากฉบับที่อนุมัติแล้ว" in page
    assert "เหตุผลเดิม" in page and "เหตุผลใหม่" in page
    old = client.get(reverse("projects:revision", args=[project.pk, 1])).content.decode()
    assert "เหตุผลเดิม" in old and "เหตุผลใหม่" not in old


def test_confirming_not_a_duplicate_hides_the_warning_until_a_new_lookalike_appears(client, unit):
    ProjectFactory(owner_unit=unit("0209"), name="โครงการจัดทำฐานข้อมูลกลาง")
    mine = ProjectFactory(owner_unit=unit("0209"), name="โครงการจัดทำฐานข้อมูลกลาง ")
    client.force_login(user_with_role(Role.STAFF, "0209"))

    client.post(reverse("projects:confirm_duplicates", args=[mine.pk]))

    assert (
        'id="duplicates"'
        not in client.get(reverse("projects:detail", args=[mine.pk])).content.decode()
    )
    ProjectFactory(owner_unit=unit("0209"), name="โครงการจัดทำฐานข้อมูลกลาง!")
    assert (
        'id="duplicates"' in client.get(reverse("projects:detail", args=[mine.pk])).content.decode()
    )


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example"])
def test_confirming_not_a_duplicate_never_sends_the_user_off_the_site(client, unit, target):
    project = ProjectFactory(owner_unit=unit("0209"))
    client.force_login(user_with_role(Role.STAFF, "0209"))

    url = reverse("projects:confirm_duplicates", args=[project.pk])
    response = client.post(url, {"next": target})

    assert response.url == reverse("projects:detail", args=[project.pk])


def test_confirming_not_a_duplicate_goes_back_to_the_page_it_came_from(client, unit):
    project = ProjectFactory(owner_unit=unit("0209"))
    client.force_login(user_with_role(Role.STAFF, "0209"))
    page = reverse("projects:edit", args=[project.pk, "m3"]) + "#duplicates"

    url = reverse("projects:confirm_duplicates", args=[project.pk])
    response = client.post(url, {"next": page})

    assert response.url == page


def test_staff_of_another_unit_cannot_confirm_a_duplicate(client, unit):
    project = ProjectFactory(owner_unit=unit("0209"))
    client.force_login(user_with_role(Role.STAFF, "0206"))

    assert client.post(reverse("projects:confirm_duplicates", args=[project.pk])).status_code == 404


# --- before a code is issued (the create page) ----------------------------------------


def create_data(unit, **fields) -> dict:
    year = fiscal.fiscal_year_of(today())  # the create page offers this year first
    return {"unit": unit.pk, "fiscal_year": year, "kind": "project", **fields}


def test_the_create_page_shows_likely_duplicates_and_issues_no_code(client, unit):
    year = fiscal.fiscal_year_of(today())
    existing = ProjectFactory(fiscal_year=year, name="โครงการอาสาสมัครแรงงานด้านภัยยาเสพติด")
    client.force_login(user_with_role(Role.STAFF, "0209"))
    count, sequences = Project.objects.count(), list(CodeSequence.objects.values())

    response = client.post(
        reverse("projects:create"),
        create_data(unit("0209"), name="อาสาสมัครแรงงาน ด้านภัยยาเสพติด"),
    )

    page = response.content.decode()
    assert response.status_code == 200 and 'id="create-duplicates"' in page
    assert reverse("projects:detail", args=[existing.pk]) in page and existing.code in page
    assert "เป็นคนละโครงการ สร้างต่อ" in page
    assert Project.objects.count() == count
    assert list(CodeSequence.objects.values()) == sequences


def test_the_create_page_finds_the_same_gfmis_code(client, unit):
    year = fiscal.fiscal_year_of(today())
    existing = ProjectFactory(fiscal_year=year, name="ก", gfmis_code="1500100001")
    client.force_login(user_with_role(Role.STAFF, "0209"))

    page = client.post(
        reverse("projects:create"), create_data(unit("0209"), name="ข", gfmis_code="1500100001")
    ).content.decode()

    assert existing.code in page and "รหัส GFMIS เดียวกัน (1500100001)" in page


def test_confirming_they_are_different_creates_the_project_and_records_the_review(client, unit):
    year = fiscal.fiscal_year_of(today())
    existing = ProjectFactory(fiscal_year=year, name="โครงการจัดทำฐานข้อมูลกลาง")
    client.force_login(user_with_role(Role.STAFF, "0209"))

    response = client.post(
        reverse("projects:create"),
        create_data(
            unit("0209"),
            name="โครงการจัดทำฐานข้อมูลกลาง (ใหม่)",
            distinct_from=[existing.code],
            confirm_distinct="1",
        ),
    )

    created = Project.objects.get(name="โครงการจัดทำฐานข้อมูลกลาง (ใหม่)")
    assert response.status_code == 302
    assert created.duplicates_reviewed["codes"] == [existing.code]
    detail = client.get(reverse("projects:detail", args=[created.pk])).content.decode()
    assert 'id="duplicates"' not in detail


def test_a_confirmation_covers_only_the_duplicates_the_user_saw(client, unit):
    year = fiscal.fiscal_year_of(today())
    seen = ProjectFactory(fiscal_year=year, name="โครงการจัดทำฐานข้อมูลกลาง")
    unseen = ProjectFactory(fiscal_year=year, name="โครงการจัดทำฐานข้อมูลกลาง!")
    client.force_login(user_with_role(Role.STAFF, "0209"))
    count = Project.objects.count()

    page = client.post(
        reverse("projects:create"),
        create_data(
            unit("0209"),
            name="โครงการจัดทำฐานข้อมูลกลาง",
            distinct_from=[seen.code],
            confirm_distinct="1",
        ),
    ).content.decode()

    assert unseen.code in page and Project.objects.count() == count


def test_the_plain_create_button_does_not_confirm_even_with_the_codes_posted(client, unit):
    year = fiscal.fiscal_year_of(today())
    existing = ProjectFactory(fiscal_year=year, name="โครงการจัดทำฐานข้อมูลกลาง")
    client.force_login(user_with_role(Role.STAFF, "0209"))
    count = Project.objects.count()

    client.post(
        reverse("projects:create"),
        create_data(unit("0209"), name="โครงการจัดทำฐานข้อมูลกลาง", distinct_from=[existing.code]),
    )

    assert Project.objects.count() == count


def test_a_deleted_draft_is_no_longer_a_likely_duplicate(unit):
    staff = user_with_role(Role.STAFF, "0209")
    original = ProjectFactory(name="โครงการจัดทำฐานข้อมูลกลาง")
    mistake = project_create(
        user=staff,
        unit=unit("0209"),
        fiscal_year=2567,
        name="โครงการจัดทำฐานข้อมูลกลาง",
        kind="project",
    )
    assert [d.project for d in likely_duplicates(original)] == [mistake]

    project_delete_draft(user=staff, project=mistake)

    assert likely_duplicates(original) == []
