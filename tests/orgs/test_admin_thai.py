"""The administrator's pages of officials' accounts and of sign-in attempts are in Thai:
Django's user forms and django-axes ship no Thai for them, our catalog
(locale/th/LC_MESSAGES/django.po) does."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.urls import reverse
from lxml import html

from tests.crawl import words

pytestmark = pytest.mark.django_db


def latin_words_of(page) -> set[str]:
    """Latin words of the page's own part (#content: not the admin's menu and header)."""
    content = html.fromstring(page.content.decode()).get_element_by_id("content")
    text = words.visible_text(html.tostring(content, encoding="unicode"))
    return set(words.english_words(text)) | words.other_latin_words(text)


@pytest.fixture
def attempts():
    """A locked-out official, one with tries left, and their logs, in Thai data: on the
    page, only the product's words may be Latin."""
    AccessLog.objects.all().delete()  # admin_client's own sign-in, as "admin"
    seen = {"user_agent": "เบราว์เซอร์ทดสอบ", "http_accept": "*/*", "path_info": "/accounts/login/"}
    locked = AccessAttempt.objects.create(
        username="สมชาย", ip_address="10.0.0.1", failures_since_start=5, **seen
    )
    AccessAttempt.objects.create(
        username="สมหญิง", ip_address="10.0.0.2", failures_since_start=2, **seen
    )
    AccessLog.objects.create(username="สมหญิง", ip_address="10.0.0.2", **seen)
    AccessFailureLog.objects.create(
        username="สมชาย", ip_address="10.0.0.1", locked_out=True, **seen
    )
    return locked


@pytest.mark.parametrize(
    "name",
    [
        "admin:axes_accessattempt_changelist",
        "admin:axes_accesslog_changelist",
        "admin:axes_accessfailurelog_changelist",
    ],
)
def test_the_lists_of_sign_in_attempts_are_in_thai(admin_client, attempts, name):
    page = admin_client.get(reverse(name))

    assert page.status_code == 200
    assert latin_words_of(page) == set()


def test_a_locked_out_official_and_one_with_tries_left_are_told_apart_in_thai(
    admin_client, attempts
):
    page = admin_client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()

    assert "<span>สถานะ</span>" in page
    assert "ถูกระงับการเข้าสู่ระบบ" in page and "3 ครั้งที่ยังลองได้" in page


def test_an_attempts_page_names_its_parts_in_thai(admin_client, attempts):
    page = admin_client.get(reverse("admin:axes_accessattempt_change", args=[attempts.pk]))

    # Its title is the attempt's own name, which django-axes writes in English.
    headings = html.fromstring(page.content.decode()).xpath("//fieldset//h2/text()")
    assert headings == ["ข้อมูลที่ส่งมา", "ข้อมูลการเชื่อมต่อ"]


def test_the_form_adding_an_official_is_in_thai(admin_client):
    page = admin_client.get(reverse("admin:orgs_user_add"))

    html_text = page.content.decode()
    assert "ไม่เกิน 150 ตัวอักษร" in html_text
    assert "กรอกรหัสผ่านเดียวกันอีกครั้งเพื่อยืนยัน" in html_text
    assert latin_words_of(page) == set()


def test_the_list_of_officials_heads_its_columns_in_thai(admin_client):
    page = admin_client.get(reverse("admin:orgs_user_changelist"))

    assert latin_words_of(page) == {"admin"}  # the administrator's own username
