"""The crawl finds what it is for: a 500 (the board's SQLite cursor bug of issue 17), a
GET that writes, and English words in a page's visible text only."""

from unittest import mock

import pytest

from orgs.models import Role
from tests.factories import user_with_role

from . import words
from .crawler import _tables_written, crawl, links_of, url_shape


def test_status_and_error_words_are_found_in_visible_text():
    page = "<html><head><title>Not Found</title></head><body><p>สถานะ: approved</p></body></html>"
    assert words.english_words(words.visible_text(page)) == ["Not Found", "approved"]


def test_python_values_are_found_with_their_capital_only():
    assert words.english_words("ผู้รับผิดชอบ None · ปิดรอบ False") == ["None", "False"]
    assert words.english_words("none of the above") == []


def test_attribute_values_scripts_and_code_literals_are_not_text():
    page = (
        '<body><span class="status-approved" title="draft">อนุมัติแล้ว</span>'
        "<script>const s = 'submitted';</script><style>.returned{}</style>"
        "<p>คอลัมน์ <code>status</code> <code>approved</code></p></body>"
    )
    assert words.english_words(words.visible_text(page)) == []


def test_button_labels_and_placeholders_are_text():
    page = '<form><input type="submit" value="Submit"><input placeholder="Search"></form>'
    assert words.english_words(words.visible_text(page)) == ["Submit"]


def test_seed_000s_not_due_is_allowed_only_with_its_thai_label():
    assert words.english_words("ไม่อยู่ในช่วงเวลาดำเนินการ (Not due)") == []
    assert words.english_words("สถานะ: Not due") == ["Not due"]


def test_unrendered_template_syntax_is_found():
    assert words.english_words("ปีงบประมาณ {{ year }}") == ["{{"]


def test_svg_text_is_the_drawn_text_without_embedded_fonts():
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg"><style>@font-face{src:url(data:AAAA)}</style>'
        "<text>ร้อยละ 80 approved</text></svg>"
    ).encode()
    assert words.english_words(words.svg_text(svg)) == ["approved"]


def test_get_forms_are_followed_with_the_values_they_show():
    page = (
        '<form method="get" action="/projects/"><input name="fiscal_year" value="2570">'
        '<select name="unit"><option value="">ทุกหน่วยงาน</option></select></form>'
        '<form method="post" action="/accounts/logout/"></form><a href="#top">บน</a>'
    )
    assert links_of(page, "/") == ["/projects/?fiscal_year=2570&unit="]


def test_urls_of_one_kind_share_a_shape_and_an_editors_modules_do_not():
    assert url_shape("/projects/1/", "") == url_shape("/projects/2/", "")
    assert url_shape("/projects/1/edit/m1/", "") != url_shape("/projects/1/edit/m2/", "")
    assert url_shape("/reports/", "fiscal_year=2569&quarter=4") != url_shape("/reports/", "")


@pytest.mark.django_db
def test_a_page_that_fails_is_reported_with_where_it_failed():
    # Given the board failing as it did on SQLite (a cursor description of tuples),
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")
    failure = AttributeError("'tuple' object has no attribute 'name'")
    with mock.patch("reporting.views.rounds.round_board", side_effect=failure):
        # when the ป.ย.ป. officer's menu is crawled,
        result = crawl([pyp], max_depth=1)
    # then the board, linked from the menu, is a 5xx finding that names the error.
    [finding] = [f for f in result.findings if f.kind == "5xx" and f.referrer == "/"]
    assert finding.url == "/reports/board/" and finding.url_name == "reporting:board"
    assert "AttributeError: 'tuple' object has no attribute 'name'" in finding.detail


def test_the_tables_a_request_wrote_are_read_from_its_sql():
    statements = [
        'SELECT "projects_project"."id" FROM "projects_project"',
        'INSERT INTO "reporting_annualreport" ("plan_id") VALUES (1)',
        'UPDATE "approvals_notification" SET "read_at" = NULL',
        'DELETE FROM "django_session" WHERE 1',
    ]
    assert _tables_written(statements) == {
        "reporting_annualreport",
        "approvals_notification",
        "django_session",
    }
