"""The linkage map drawn as SVG: boxes, links, gaps, collapsed projects, fonts."""

import xml.etree.ElementTree as ET

import pytest

from projects.linkage import linkage_map
from projects.linkage_svg import SvgOptions, linkage_svg
from tests.projects.test_linkage import linked_project, make_tree, pyp

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def drawing(options=None):
    svg = linkage_svg(linkage_map(user=pyp(), fiscal_year=2567), options)
    return svg, ET.fromstring(svg)


def box_texts_of(group) -> list[str]:
    return [t.text for t in group.iter(f"{SVG}text")]


def box_texts(root) -> list[list[str]]:
    return [
        [t.text for t in g.iter(f"{SVG}text")]
        for g in root.iter(f"{SVG}g")
        if "node" in g.get("class", "")
    ]


def test_every_plan_and_target_is_a_box_with_its_code_count_and_budget():
    tree = make_tree()
    linked_project(tree.y1a, budgets=(1234567.5,))

    _svg, root = drawing()

    texts = box_texts(root)
    assert ["M90101 เป้าหมาย ก", "1 โครงการ · 1,234,567.50 บาท"] in texts
    assert ["S9 ยุทธศาสตร์ทดสอบ", "1 โครงการ · 1,234,567.50 บาท"] in texts
    assert len(list(root.iter(f"{SVG}path"))) >= 5  # strategy→plan→sub-plan→targets→project


def test_targets_without_projects_are_coloured_and_say_so():
    tree = make_tree()
    linked_project(tree.y1a)

    _svg, root = drawing()

    unserved = [g for g in root.iter(f"{SVG}g") if "unserved" in g.get("class", "")]
    labels = {tuple(t.text for t in g.iter(f"{SVG}text")) for g in unserved}
    ours = {label for label in labels if label[0].startswith("M9")}
    assert ours == {
        ("M90102 เป้าหมาย ข", "ยังไม่มีโครงการรองรับ"),
        ("M9Y2 เป้าหมาย Y2", "ยังไม่มีโครงการรองรับ"),
    }
    assert all(g.find(f"{SVG}rect").get("fill") == "#fdecea" for g in unserved)
    served = next(g for g in root.iter(f"{SVG}g") if "M90101" in str(box_texts_of(g)))
    assert "unserved" not in served.get("class")


def test_many_projects_under_a_target_fold_into_one_count_box_until_expanded():
    tree = make_tree()
    projects = [linked_project(tree.y1a, code=f"รง 0209-67-08{i:02d}") for i in range(5)]
    linkage = linkage_map(user=pyp(), fiscal_year=2567)

    folded = ET.fromstring(linkage_svg(linkage, SvgOptions(project_limit=3)))
    opened = ET.fromstring(
        linkage_svg(linkage, SvgOptions(project_limit=3, expanded=frozenset({f"n{tree.y1a.pk}"})))
    )

    assert ["5 โครงการ", "รวม 500,000.00 บาท"] in box_texts(folded)
    assert not any(p.code in "".join(map(str, box_texts(folded))) for p in projects)
    assert all(p.code in "".join(map(str, box_texts(opened))) for p in projects)


def test_boxes_link_where_the_caller_says():
    tree = make_tree()
    project = linked_project(tree.y1a)
    options = SvgOptions(link_for=lambda node: f"/go/{node.level}/{node.pk or ''}")

    svg, _root = drawing(options)

    assert f'href="/go/project/{project.pk}"' in svg


def test_names_are_escaped_and_long_names_cut_to_the_box():
    tree = make_tree()
    linked_project(
        tree.y1a, name="<ทดสอบ> & โครงการพัฒนาศักยภาพแรงงานในพื้นที่ระเบียงเศรษฐกิจพิเศษภาคใต้ทั้งระบบ"
    )

    _svg, root = drawing(SvgOptions(expanded="all"))

    title = next(t for t in box_texts(root) if t[0].startswith("รง "))[0]
    assert "<ทดสอบ> &" in title and title.endswith("…")


def test_the_font_is_sarabun_and_can_be_embedded_for_a_file_on_its_own():
    make_tree()
    plain, _ = drawing()
    embedded, _ = drawing(SvgOptions(embed_font=True))
    linked, _ = drawing(SvgOptions(font_base_url="file:///fonts/"))

    assert "font-family:Sarabun" in plain and "@font-face" not in plain
    assert "url('data:font/ttf;base64," in embedded
    assert "url('file:///fonts/Sarabun-Regular.ttf')" in linked


def test_memos_may_ask_for_thai_numerals():
    tree = make_tree()
    linked_project(tree.y1a, budgets=(2500,))

    _svg, root = drawing(SvgOptions(thai_numerals=True))

    assert ["M๙๐๑๐๑ เป้าหมาย ก", "๑ โครงการ · ๒,๕๐๐.๐๐ บาท"] in box_texts(root)


def test_an_empty_map_says_there_is_nothing_to_draw():
    from projects.models import PlanNode

    PlanNode.objects.all().update(is_active=False)

    _svg, root = drawing()

    assert "ไม่มีแผนหรือเป้าหมายที่จะแสดง" in [t.text for t in root.iter(f"{SVG}text")]
