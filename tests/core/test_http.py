"""safe_next: where a view may send the user back after a POST."""

import pytest
from django.test import RequestFactory

from core.http import safe_next

FALLBACK = "/projects/7/"
OFF_SITE = [
    "https://evil.example/",
    "//evil.example",
    "//evil.example/projects/",
    "http://evil.example/",
    "\\\\evil.example",
    "javascript:alert(1)",
    "https://testserver.evil.example/",
]


def post(data=None, *, secure=False, query=""):
    return RequestFactory().post(f"/x/{query}", data or {}, secure=secure)


@pytest.mark.parametrize(
    "target", ["/approvals/", "/projects/7/?tab=m3#dup", "http://testserver/x/"]
)
def test_a_next_on_this_site_is_followed(target):
    assert safe_next(post({"next": target}), FALLBACK) == target


@pytest.mark.parametrize("target", OFF_SITE)
def test_a_next_off_the_site_gives_the_fallback(target):
    assert safe_next(post({"next": target}), FALLBACK) == FALLBACK


def test_no_next_gives_the_fallback():
    assert safe_next(post(), FALLBACK) == FALLBACK
    assert safe_next(post({"next": ""}), FALLBACK) == FALLBACK


def test_a_next_in_the_query_string_is_checked_the_same_way():
    assert safe_next(post(query="?next=/approvals/"), FALLBACK) == "/approvals/"
    assert safe_next(post(query="?next=//evil.example"), FALLBACK) == FALLBACK


def test_on_https_a_plain_http_next_to_this_site_gives_the_fallback():
    request = post({"next": "http://testserver/approvals/"}, secure=True)

    assert safe_next(request, FALLBACK) == FALLBACK


def test_a_given_target_replaces_the_form_next():
    request = post({"next": "/approvals/"})

    assert safe_next(request, FALLBACK, target="https://evil.example/") == FALLBACK
    assert safe_next(request, FALLBACK, target="http://testserver/exports/") == (
        "http://testserver/exports/"
    )
