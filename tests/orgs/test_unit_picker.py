"""The unit filter for a thousand units: the page carries only the chosen unit, and typing
asks the server for the matching units of one's own scope."""

import pytest
from django.urls import reverse

from tests.factories import OrgUnitFactory, ProjectFactory, user_with_role

pytestmark = pytest.mark.django_db


def options(html: str) -> int:
    return html.count("<option")


def test_the_project_list_writes_only_the_chosen_unit_not_every_unit(client, unit):
    for n in range(40):
        OrgUnitFactory(parent=unit("OPS"), name_th=f"กองทดลองที่ {n}")
    client.force_login(user_with_role("pyp_officer", "MOL"))
    chosen = unit("0209")

    page = client.get(reverse("projects:list"), {"unit": chosen.pk}).content.decode()
    picker = page[
        page.index('class="unit-picker"') : page.index(
            "</select>", page.index('class="unit-picker"')
        )
    ]

    assert options(picker) == 2  # ทุกหน่วยงาน and the chosen unit
    assert f'value="{chosen.pk}" selected' in picker
    assert "กองทดลองที่" not in page


def test_typing_finds_units_by_name_or_abbreviation(client, unit):
    client.force_login(user_with_role("pyp_officer", "MOL"))

    by_abbr = client.get(reverse("unit_options"), {"q": unit("0209").abbr}).content.decode()
    by_name = client.get(reverse("unit_options"), {"q": "กรมการจัดหางาน"}).content.decode()

    assert unit("0209").name_th in by_abbr
    assert "กรมการจัดหางาน" in by_name


def test_the_first_match_is_chosen_so_typing_and_filtering_is_enough(client, unit):
    client.force_login(user_with_role("pyp_officer", "MOL"))

    html = client.get(reverse("unit_options"), {"q": unit("0209").abbr}).content.decode()

    assert f'<option value="{unit("0209").pk}" selected>' in html


def test_a_division_s_staff_finds_only_units_of_their_own_scope(client, unit):
    client.force_login(user_with_role("staff", "0209"))

    html = client.get(reverse("unit_options"), {"q": "กรม"}).content.decode()

    assert "กรมการจัดหางาน" not in html
    assert "ไม่พบหน่วยงานที่ตรงกับคำค้น" in html


def test_the_chosen_unit_filters_the_list(client, unit):
    mine = ProjectFactory(owner_unit=unit("0209"), name="ของ สตป.")
    ProjectFactory(owner_unit=unit("0206"), name="ของ กยผ.")
    client.force_login(user_with_role("pyp_officer", "MOL"))

    page = client.get(reverse("projects:list"), {"unit": unit("0209").pk}).content.decode()

    assert mine.name in page and "ของ กยผ." not in page


def test_the_options_take_the_same_queries_for_ten_or_fifty_units(
    client, unit, django_assert_max_num_queries
):
    client.force_login(user_with_role("pyp_officer", "MOL"))
    for n in range(50):
        OrgUnitFactory(parent=unit("OPS"), name_th=f"กองทดลองที่ {n}")

    with django_assert_max_num_queries(6):
        html = client.get(reverse("unit_options"), {"q": "กองทดลอง"}).content.decode()

    assert options(html) == 1 + 50
