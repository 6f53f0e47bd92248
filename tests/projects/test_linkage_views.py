"""The linkage map page, its SVG and Excel downloads, and who may open them."""

import io
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.clock import freeze
from orgs.models import Role
from projects.linkage import linkage_map
from tests.conftest import queries_of
from tests.factories import UserFactory, user_with_role
from tests.projects.test_linkage import linked_project, make_tree, pyp

pytestmark = pytest.mark.django_db
URL = reverse("projects:linkage")


@pytest.fixture
def pyp_client(client):
    user = pyp()
    client.force_login(user)
    client.user = user
    return client


def test_the_page_draws_the_map_and_tables_its_figures(pyp_client):
    tree = make_tree()
    linked_project(tree.y1a, tree.y1b, budgets=(1500000,))

    response = pyp_client.get(URL, {"fiscal_year": 2567})

    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert "1 โครงการ · 1,500,000.00 บาท" in html
    assert "ยังไม่มีโครงการรองรับ" in html
    rows = {node.code: node for _depth, node in response.context["linkage"].plan_rows()}
    assert (rows["M901"].count, rows["M901"].budget) == (1, Decimal("1500000"))


def selected_year(html: str) -> str:
    """The fiscal year the filter box shows (the browser shows the first option if none is selected)."""
    box = html[html.index('name="fiscal_year"') :]
    box = box[: box.index("</select>")]
    chosen = re.search(r'<option value="(\d+)" selected>', box)
    return chosen[1] if chosen else re.search(r'<option value="(\d+)"', box)[1]


@pytest.mark.parametrize("query", [{}, {"branches": "served"}, {"fiscal_year": "1999"}])
def test_the_year_box_shows_the_year_the_page_shows(pyp_client, query):
    with freeze(datetime(2026, 12, 1, 9, 0)):  # fiscal year 2570; the box also offers 2571
        response = pyp_client.get(URL, query)

    html = response.content.decode()
    assert response.context["linkage"].fiscal_year == 2570
    assert "ปีงบประมาณ พ.ศ. 2570" in html
    assert selected_year(html) == "2570"


def test_the_year_box_keeps_a_year_chosen_from_it(pyp_client):
    with freeze(datetime(2026, 12, 1, 9, 0)):
        response = pyp_client.get(URL, {"fiscal_year": "2568"})

    assert response.context["linkage"].fiscal_year == 2568
    assert selected_year(response.content.decode()) == "2568"


def test_a_target_box_leads_to_the_project_list_filtered_by_that_target(pyp_client):
    tree = make_tree()
    linked_project(tree.y1a)

    html = pyp_client.get(URL, {"fiscal_year": 2567}).content.decode()

    assert f"{reverse('projects:list')}?fiscal_year=2567&amp;target=M90101" in html


def test_a_folded_target_can_be_expanded_from_the_page(pyp_client):
    tree = make_tree()
    projects = [linked_project(tree.y1a, code=f"รง 0209-67-07{i:02d}") for i in range(5)]

    folded = pyp_client.get(URL, {"fiscal_year": 2567}).content.decode()
    opened = pyp_client.get(URL, {"fiscal_year": 2567, "expand": f"n{tree.y1a.pk}"})

    assert f"expand=n{tree.y1a.pk}" in folded and projects[0].code not in folded
    assert all(p.code in opened.content.decode() for p in projects)


def test_the_page_is_for_signed_in_officials_with_a_role(client):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403


def test_staff_may_not_ask_for_a_unit_they_do_not_cover(client, unit):
    client.force_login(user_with_role(Role.STAFF, "0209"))

    assert client.get(URL, {"unit": unit("0209").pk}).status_code == 200
    assert client.get(URL, {"unit": unit("0206").pk}).status_code == 403
    assert (
        client.get(reverse("projects:linkage_xlsx"), {"unit": unit("0206").pk}).status_code == 403
    )
    assert client.get(reverse("projects:linkage_svg"), {"unit": unit("0206").pk}).status_code == 403


def test_the_svg_download_is_a_drawing_that_stands_alone(pyp_client):
    tree = make_tree()
    linked_project(tree.y1a)

    response = pyp_client.get(reverse("projects:linkage_svg"), {"fiscal_year": 2567})

    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"] == 'attachment; filename="linkage-2567.svg"'
    svg = response.content.decode()
    ET.fromstring(svg)
    assert "data:font/ttf;base64," in svg
    assert "แผนผังความเชื่อมโยงโครงการกับยุทธศาสตร์ชาติ ปีงบประมาณ พ.ศ. 2567" in svg


def test_the_excel_workbook_holds_the_same_figures_as_the_page(pyp_client):
    tree = make_tree()
    linked_project(tree.y1a, tree.y2, budgets=(300000,))
    linked_project(tree.y1a, budgets=(20000.25,))
    linkage = linkage_map(user=pyp_client.user, fiscal_year=2567)

    response = pyp_client.get(reverse("projects:linkage_xlsx"), {"fiscal_year": 2567})

    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet, gaps = book.worksheets
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    written = {(r[1], r[0]): (r[4], Decimal(str(r[5]))) for r in rows if r[1]}
    for _depth, node in linkage.plan_rows():
        if node.code:
            assert written[(node.code, node.level_label)] == (node.count, node.budget)
    assert written[("M9", "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ")] == (2, Decimal("320000.25"))
    assert rows[-2][4:6] == (linkage.total_count, float(linkage.total_budget))
    gap_codes = {r[1] or "" for r in gaps.iter_rows(min_row=3, values_only=True)}
    assert gap_codes == {n.code for n in linkage.unserved_targets}
    assert "M90102" in gap_codes and "M90101" not in gap_codes


def test_the_page_runs_the_same_queries_for_few_or_many_projects(pyp_client):
    tree = make_tree()
    linked_project(tree.y1a)
    pyp_client.get(URL, {"fiscal_year": 2567, "expand": "all"})  # caches warm (content types)
    few = queries_of(lambda: pyp_client.get(URL, {"fiscal_year": 2567, "expand": "all"}))
    for index in range(15):
        linked_project(tree.y1b, tree.y2, budgets=(1000, 500), code=f"รง 0209-67-06{index:02d}")

    many = queries_of(lambda: pyp_client.get(URL, {"fiscal_year": 2567, "expand": "all"}))

    assert few == many


def test_the_project_list_links_to_the_map(pyp_client):
    html = pyp_client.get(reverse("projects:list")).content.decode()

    assert f'href="{URL}?' in html
