"""The project list's rows (written in Python for speed) show what the template showed,
escaped."""

import pytest
from django.urls import reverse

from orgs.models import Role
from projects.selectors import project_list_rows
from tests.factories import BudgetSourceFactory, ProjectFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_a_row_shows_code_name_unit_budget_marks_and_status_escaped(client, unit):
    project = ProjectFactory(owner_unit=unit("0209"), name='งาน <b>"ก"</b> & ข')
    project.missing = {"m2": ["กิจกรรม"]}
    project.save(update_fields=["missing"])
    BudgetSourceFactory(project=project, amount=1234567.5)
    client.force_login(user_with_role(Role.STAFF, "0209"))

    html = client.get(reverse("projects:list")).content.decode()

    assert f'<a href="{reverse("projects:detail", args=[project.pk])}">{project.code}</a>' in html
    assert "งาน &lt;b&gt;&quot;ก&quot;&lt;/b&gt; &amp; ข" in html and "<b>" not in html
    assert '<td class="num">1,234,567.50</td>' in html
    assert '<span class="mark todo">M2<span class="visually-hidden"> ยังไม่ครบ</span>' in html
    assert '<span class="mark done">M1</span>' in html
    assert "ความครบถ้วน: M1 ความเชื่อมโยงกับแผน · M2 ข้อมูลทั่วไป" in html  # the legend, once
    assert (
        f'<span class="status status-{project.status}">{project.get_status_display()}</span>'
        in html
    )


def test_an_empty_list_says_nothing_was_found(client, unit):
    client.force_login(user_with_role(Role.STAFF, "0209"))

    html = client.get(reverse("projects:list"), {"q": "ไม่มีโครงการนี้"}).content.decode()

    assert "ไม่พบโครงการตามเงื่อนไข" in html


@pytest.mark.parametrize(
    ("role", "code", "offered"),
    [
        (Role.STAFF, "0209", True),
        (Role.DIVISION_DIRECTOR, "0209", True),
        (Role.PYP_OFFICER, "MOL", False),
        (Role.CLUSTER_HEAD, "MOL", False),
    ],
)
def test_the_list_offers_a_new_project_only_to_those_who_enter_projects(
    client, unit, role, code, offered
):
    client.force_login(user_with_role(role, code))

    html = client.get(reverse("projects:list")).content.decode()

    assert ("+ เพิ่มโครงการ" in html) is offered


def test_choosing_a_unit_above_ones_scope_still_shows_only_ones_own_projects(client, unit):
    mine = ProjectFactory(owner_unit=unit("0209-1"), name="ของกลุ่มงานตรวจราชการ")
    ProjectFactory(owner_unit=unit("0206"), name="ของ กยผ.")
    ProjectFactory(owner_unit=unit("0209-2"), name="ของศูนย์บริการประชาชน")
    staff = user_with_role(Role.STAFF, "0209-1")

    for chosen in ("OPS", "0209", "0209-1"):
        rows = project_list_rows(user=staff, filters={"unit": unit(chosen)})
        assert [p.name for p in rows] == [mine.name], chosen
    assert not project_list_rows(user=staff, filters={"unit": unit("0206")}).exists()
