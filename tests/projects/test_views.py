"""Project pages: who sees what, and a fixed number of queries whatever the rows."""

import re
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from orgs.models import Role
from projects.models import ActivityQuarter, OperatingArea, Project
from projects.provinces import PROVINCES
from tests.conftest import queries_of
from tests.factories import (
    ActivityFactory,
    BudgetSourceFactory,
    ProjectFactory,
    ProjectTargetFactory,
    SpendingPlanFactory,
    complete_project,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def listed(response) -> list[int]:
    """The ids of the projects on the list page's current page, in order."""
    return [row["pk"] for row in response.context["page"]]


def full_project(unit, n_activities=3, n_sources=2):
    project = ProjectFactory(owner_unit=unit)
    parent = None
    for i in range(n_activities):
        activity = ActivityFactory(project=project, parent=parent if i % 2 else None)
        ActivityQuarter.objects.create(activity=activity, fiscal_year=2567, quarter=1 + i % 4)
        parent = activity
    for _ in range(n_sources):
        BudgetSourceFactory(project=project)
    for quarter in (1, 2, 3, 4):
        SpendingPlanFactory(project=project, quarter=quarter)
    ProjectTargetFactory(project=project)
    return project


def test_the_list_shows_only_the_units_projects_to_its_staff(client, unit):
    mine = ProjectFactory(owner_unit=unit("0209"), name="ของ สตป.")
    ProjectFactory(owner_unit=unit("0206"), name="ของ กยผ.")
    client.force_login(user_with_role(Role.STAFF, "0209"))

    assert listed(client.get(reverse("projects:list"))) == [mine.pk]


def test_a_director_sees_the_projects_of_the_groups_below(client, unit):
    group_project = ProjectFactory(owner_unit=unit("0209-3"))
    client.force_login(user_with_role(Role.DIVISION_DIRECTOR, "0209"))

    assert listed(client.get(reverse("projects:list"))) == [group_project.pk]
    assert client.get(reverse("projects:detail", args=[group_project.pk])).status_code == 200


def test_staff_of_another_unit_cannot_open_or_edit_a_project(client, unit):
    other = ProjectFactory(owner_unit=unit("0206"))
    client.force_login(user_with_role(Role.STAFF, "0209"))

    assert client.get(reverse("projects:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("projects:edit", args=[other.pk, "m2"])).status_code == 404
    response = client.post(reverse("projects:edit", args=[other.pk, "m2"]), {"name": "ยึด"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.name != "ยึด"


def test_a_cluster_head_may_read_but_not_edit(client, unit):
    project = ProjectFactory(owner_unit=unit("DOE"))
    client.force_login(user_with_role(Role.CLUSTER_HEAD, "CL-COMPETE"))

    assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 200
    assert client.get(reverse("projects:edit", args=[project.pk, "m2"])).status_code == 403


def test_the_list_filters_by_year_status_completeness_and_target(client, unit):
    from projects.models import PlanNode

    linked = ProjectFactory(owner_unit=unit("0209"), fiscal_year=2568)
    linked.plan_nodes.add(PlanNode.objects.get(code="110401"))
    ProjectFactory(owner_unit=unit("0209"), fiscal_year=2567)
    client.force_login(user_with_role(Role.STAFF, "0209"))

    page = client.get(
        reverse("projects:list"), {"fiscal_year": 2568, "target": "110401", "complete": "no"}
    )

    assert listed(page) == [linked.pk]


def test_the_list_searches_by_code_or_name(client, unit):
    wanted = ProjectFactory(owner_unit=unit("0209"), name="โครงการอาสาสมัครแรงงาน")
    ProjectFactory(owner_unit=unit("0209"), name="อื่น")
    client.force_login(user_with_role(Role.STAFF, "0209"))

    assert listed(client.get(reverse("projects:list"), {"q": "อาสาสมัคร"})) == [wanted.pk]
    assert listed(client.get(reverse("projects:list"), {"q": wanted.code})) == [wanted.pk]


def test_the_list_runs_the_same_queries_for_3_or_60_projects(
    client, unit, django_assert_num_queries
):
    client.force_login(user_with_role(Role.DIVISION_DIRECTOR, "0209"))
    for _ in range(3):
        full_project(unit("0209"))
    client.get(reverse("projects:list"))
    few = queries_of(lambda: client.get(reverse("projects:list")))
    for _ in range(57):
        full_project(unit("0209"))

    with django_assert_num_queries(few):
        response = client.get(reverse("projects:list"))

    assert len(response.context["page"]) == 50


def test_the_detail_runs_the_same_queries_for_a_small_or_a_large_project(
    client, unit, django_assert_num_queries
):
    client.force_login(user_with_role(Role.STAFF, "0209"))
    small = full_project(unit("0209"), n_activities=1, n_sources=1)
    large = full_project(unit("0209"), n_activities=25, n_sources=6)
    client.get(reverse("projects:detail", args=[small.pk]))
    few = queries_of(lambda: client.get(reverse("projects:detail", args=[small.pk])))

    with django_assert_num_queries(few):
        client.get(reverse("projects:detail", args=[large.pk]))


def test_the_editor_runs_the_same_queries_for_a_small_or_a_large_activity_tree(
    client, unit, django_assert_num_queries
):
    client.force_login(user_with_role(Role.STAFF, "0209"))
    small = full_project(unit("0209"), n_activities=1)
    large = full_project(unit("0209"), n_activities=30)
    for project in (small, large):
        project.start_date, project.end_date = date(2023, 10, 1), date(2024, 9, 30)
        project.save()
    client.get(reverse("projects:edit", args=[small.pk, "m4"]))
    few = queries_of(lambda: client.get(reverse("projects:edit", args=[small.pk, "m4"])))

    with django_assert_num_queries(few):
        client.get(reverse("projects:edit", args=[large.pk, "m4"]))


def test_a_typed_unknown_target_code_is_shown_next_to_the_field(client, unit):
    project = ProjectFactory(owner_unit=unit("0209"))
    client.force_login(user_with_role(Role.STAFF, "0209"))

    response = client.post(
        reverse("projects:edit", args=[project.pk, "m1"]), {"target_codes": "110401; 123456"}
    )

    assert response.status_code == 200
    assert "ไม่พบรหัสเป้าหมาย 123456" in response.content.decode()
    assert not project.plan_nodes.exists()


def test_a_bad_amount_keeps_what_was_typed(client, unit):
    project = ProjectFactory(owner_unit=unit("0209"))
    client.force_login(user_with_role(Role.STAFF, "0209"))

    response = client.post(
        reverse("projects:edit", args=[project.pk, "m5"]),
        {
            "source-state_direct": "หนึ่งล้าน",
            "plan-2567-1": "250000",
            "other": ["k1"],
            "other-k1-name": "เงินบริจาค",
            "other-k1-amount": "-5",
        },
    )

    page = response.content.decode()
    assert "กรุณากรอกจำนวนเงินเป็นตัวเลข" in page and "ต้องไม่ติดลบ" in page
    assert 'value="หนึ่งล้าน"' in page and 'value="250000"' in page and 'value="เงินบริจาค"' in page
    assert not project.budget_sources.exists()


def test_activities_posted_in_a_new_order_are_saved_in_that_order(client, unit):
    project = ProjectFactory(owner_unit=unit("0209"))
    client.force_login(user_with_role(Role.STAFF, "0209"))

    client.post(
        reverse("projects:edit", args=[project.pk, "m4"]),
        {
            "activity": ["b", "a"],
            "activity-a-name": "ทำก่อน",
            "activity-a-depth": "0",
            "activity-a-q": ["2567-1"],
            "activity-b-name": "ย้ายขึ้นมา",
            "activity-b-depth": "0",
            "activity-b-q": ["2567-2"],
        },
    )

    assert [a.name for a in project.activities.order_by("position")] == ["ย้ายขึ้นมา", "ทำก่อน"]


def test_the_detail_names_who_acts_next_along_the_chain(client, unit):
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209", first_name="ประเสริฐ")
    user_with_role(Role.PERMANENT_SECRETARY, "MOL", first_name="สมศักดิ์")
    project = ProjectFactory(owner_unit=unit("0209"))
    client.force_login(user_with_role(Role.STAFF, "0209"))

    steps = client.get(reverse("projects:detail", args=[project.pk])).context["next_steps"]

    assert [s.state for s in steps] == ["current", "todo", "todo", "todo", "todo"]
    assert str(director) in steps[1].holders
    assert steps[-1].name == "ปลัดกระทรวงแรงงาน อนุมัติ" and "สมศักดิ์" in steps[-1].holders[0]


# --- friction a Thai official feels (issue 17) ------------------------------------------


def test_m2_proposes_the_units_director_while_the_director_is_blank(client, unit):
    director = user_with_role(
        Role.DIVISION_DIRECTOR,
        "0209",
        title="นาย",
        first_name="ประเสริฐ",
        last_name="ทำงานดี",
        email="prasert@mol.go.th",
        phone="0 2232 1400",
    )
    project = ProjectFactory(owner_unit=unit("0209-3"))  # a group under the director's division
    client.force_login(user_with_role(Role.STAFF, "0209"))

    response = client.get(reverse("projects:edit", args=[project.pk, "m2"]))

    form = response.context["form"]
    assert {n: form[n].value() for n in ("director_title", "director_first_name")} == {
        "director_title": "นาย",
        "director_first_name": "ประเสริฐ",
    }
    assert form["director_last_name"].value() == director.last_name
    assert form["director_email"].value() == "prasert@mol.go.th"
    assert form["director_phone"].value() == "0 2232 1400"
    assert 'id="director-proposal"' in response.content.decode()
    project.refresh_from_db()
    assert project.director_first_name == ""  # a proposal, not saved


def test_m2_keeps_the_director_the_user_entered(client, unit):
    user_with_role(Role.DIVISION_DIRECTOR, "0209", first_name="ประเสริฐ")
    project = ProjectFactory(owner_unit=unit("0209"), director_first_name="สมชาย")
    client.force_login(user_with_role(Role.STAFF, "0209"))

    response = client.get(reverse("projects:edit", args=[project.pk, "m2"]))

    assert response.context["form"]["director_first_name"].value() == "สมชาย"
    assert 'id="director-proposal"' not in response.content.decode()


def test_m3_offers_the_77_provinces(client, unit):
    project = ProjectFactory(owner_unit=unit("0209"))
    client.force_login(user_with_role(Role.STAFF, "0209"))

    page = client.get(reverse("projects:edit", args=[project.pk, "m3"])).content.decode()

    select = page.split('name="area-__KEY__-province"')[1].split("</select>")[0]
    offered = re.findall(r'<option value="([^"]+)"', select)
    assert offered == list(PROVINCES) and len(offered) == 77


def test_the_77_provinces_agree_with_pythainlp():
    from pythainlp.corpus import provinces

    assert sorted(PROVINCES) == sorted(provinces())


def test_m3_saves_a_province_written_another_way_as_listed(client, unit):
    project = ProjectFactory(owner_unit=unit("0209"))
    client.force_login(user_with_role(Role.STAFF, "0209"))

    client.post(
        reverse("projects:edit", args=[project.pk, "m3"]),
        {"area": "a1", "area-a1-level": "province", "area-a1-province": "จ.เชียงใหม่"},
    )

    assert project.areas.get().province == "เชียงใหม่"


def test_m3_keeps_and_shows_a_province_typed_before_the_list(client, unit):
    project = ProjectFactory(owner_unit=unit("0209"))
    area = OperatingArea.objects.create(project=project, level="province", province="กทม")
    client.force_login(user_with_role(Role.STAFF, "0209"))

    page = client.get(reverse("projects:edit", args=[project.pk, "m3"])).content.decode()
    response = client.post(
        reverse("projects:edit", args=[project.pk, "m3"]),
        {
            "area": "a1",
            "area-a1-id": str(area.pk),
            "area-a1-level": "province",
            "area-a1-province": "กทม",
        },
    )

    assert '<option value="กทม" selected>กทม (ค่าเดิม' in page
    assert response.status_code == 302 and project.areas.get().province == "กทม"
    detail = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "จังหวัด กทม" in detail


def test_the_editor_puts_the_submit_button_beside_ready_to_submit(client):
    project = complete_project()
    client.force_login(user_with_role(Role.STAFF, "0209"))

    page = client.get(reverse("projects:edit", args=[project.pk, "m5"])).content.decode()

    assert 'id="all-complete"' in page
    ready, actions = page.index('id="all-complete"'), page.index('data-action="submit"')
    assert 0 < actions - ready < 1500
    content_type = ContentType.objects.get_for_model(Project).pk
    assert reverse("approvals:item_action", args=[content_type, project.pk]) in page


def test_an_incomplete_draft_shows_no_submit_button_in_the_editor(client, unit):
    project = ProjectFactory(owner_unit=unit("0209"))
    client.force_login(user_with_role(Role.STAFF, "0209"))

    page = client.get(reverse("projects:edit", args=[project.pk, "m1"])).content.decode()

    assert 'data-action="submit"' not in page
