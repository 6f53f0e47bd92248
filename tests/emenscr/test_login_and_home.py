"""The Thai login page, and every demo user landing on their role's home page."""

import pytest
from django.urls import reverse

from emenscr.demo import DEMO_PASSWORD, DEMO_USERS, load_demo
from orgs.models import Role
from tests.factories import ProjectFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_the_login_page_is_in_thai(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="th"' in page
    assert "เข้าสู่ระบบ" in page and "ชื่อผู้ใช้" in page and "รหัสผ่าน" in page


def test_the_site_root_sends_an_anonymous_visitor_to_login(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_wrong_password_is_refused_with_a_thai_message(client):
    UserFactory(username="somchai")

    response = client.post(reverse("login"), {"username": "somchai", "password": "wrong"})

    assert response.status_code == 200
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()


@pytest.mark.parametrize("demo", DEMO_USERS, ids=lambda d: d.username)
def test_each_demo_user_logs_in_and_lands_on_their_role_home(client, demo):
    load_demo()

    response = client.post(
        reverse("login"), {"username": demo.username, "password": DEMO_PASSWORD}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("home")
    page = response.content.decode()
    assert f'data-role="{demo.role.value}"' in page
    assert demo.role.label in page


def test_loading_the_demo_twice_changes_nothing():
    from orgs.models import RoleAssignment, User
    from projects.models import Project

    load_demo()
    counts = (User.objects.count(), RoleAssignment.objects.count(), Project.objects.count())
    load_demo()

    assert (User.objects.count(), RoleAssignment.objects.count(), Project.objects.count()) == counts


def test_staff_home_counts_only_the_projects_of_their_unit(client, unit):
    staff = user_with_role(Role.STAFF, "0209")
    ProjectFactory.create_batch(3, owner_unit=unit("0209"))
    ProjectFactory.create_batch(2, owner_unit=unit("0206"))
    client.force_login(staff)

    response = client.get(reverse("home"))

    panel = response.context["panels"][0]
    assert [(f.label, f.value) for f in panel.figures] == [
        ("โครงการในความรับผิดชอบ", 3),
        ("ถูกส่งกลับแก้ไข", 0),
    ]


def test_a_user_without_a_role_is_told_to_ask_for_one(client):
    client.force_login(UserFactory())

    response = client.get(reverse("home"))

    assert "ยังไม่มีบทบาทในระบบ" in response.content.decode()


def test_an_acting_director_home_says_for_whom(client):
    from tests.factories import DelegationFactory

    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    acting = UserFactory()
    DelegationFactory(assignment=director.role_assignments.get(), delegate=acting)
    client.force_login(acting)

    page = client.get(reverse("home")).content.decode()

    assert "ผู้รักษาราชการแทน" in page and director.last_name in page


def test_home_page_queries_do_not_grow_with_projects(client, unit, django_assert_max_num_queries):
    staff = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    client.force_login(staff)
    client.get(reverse("home"))
    ProjectFactory.create_batch(30, owner_unit=unit("0209"))

    with django_assert_max_num_queries(12):
        client.get(reverse("home"))


def test_each_panel_counts_the_projects_of_its_own_unit(client, unit):
    from tests.factories import DelegationFactory

    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    acting = user_with_role(Role.DIVISION_DIRECTOR, "0206")
    DelegationFactory(assignment=director.role_assignments.get(), delegate=acting)
    ProjectFactory.create_batch(2, owner_unit=unit("0209"))
    ProjectFactory(owner_unit=unit("0206"))
    client.force_login(acting)

    panels = client.get(reverse("home")).context["panels"]

    counts = {p.scope: p.figures[0].value for p in panels}
    assert counts == {f"ที่ {unit('0206').display_name}": 1, f"ที่ {unit('0209').display_name}": 2}


def test_an_unknown_api_address_answers_json_and_a_page_answers_the_thai_page(client):
    api = client.get("/api/v1/no-such-thing/")
    page = client.get("/no-such-page/")

    assert api.status_code == 404 and "detail" in api.json()
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")


def test_a_nul_character_in_a_filter_matches_nothing_instead_of_failing(client):
    from tests.factories import user_with_role

    client.force_login(user_with_role(Role.DIVISION_DIRECTOR, "0209"))

    api = client.get("/api/v1/approvals/inbox/", {"unit": "\x008"})
    page = client.get("/projects/", {"q": "ab\x00c"})

    assert api.status_code == 200 and api.json()["count"] == 0
    assert page.status_code == 200


def test_staff_home_offers_a_new_project_and_counts_what_was_sent_back(client, unit):
    from approvals.models import Approval, Chain, ItemStatus

    staff = user_with_role(Role.STAFF, "0209")
    returned = ProjectFactory(owner_unit=unit("0209"), status=ItemStatus.RETURNED)
    Approval.objects.create(
        item=returned, unit=unit("0209"), chain=Chain.objects.get(), status=ItemStatus.RETURNED
    )
    client.force_login(staff)

    page = client.get("/").content.decode()

    assert 'href="/projects/new/"' in page and "+ เพิ่มโครงการ" in page
    assert 'href="/projects/?status=returned">1</a>' in page
