"""Accounts and transport: login throttling, password rules, session expiry, CSRF,
the Content Security Policy, and production's cookie and HSTS settings."""

import os
import secrets
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from orgs.models import ApiToken, Role
from orgs.tokens import api_token_create
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db

PASSWORD = "pass-1234-ทดสอบ"  # tests.factories.UserFactory's password


def log_in(client, username: str, password: str, ip: str = "10.0.0.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def fail_logins(client, username: str, times: int, ip: str = "10.0.0.7") -> None:
    for _ in range(times):
        assert log_in(client, username, "wrong-password", ip).status_code in (200, 429)


# --- login throttling (django-axes) ----------------------------------------------


def test_five_wrong_passwords_lock_the_account_even_for_the_right_password(client):
    UserFactory(username="somchai")
    fail_logins(client, "somchai", settings.AXES_FAILURE_LIMIT)

    response = log_in(client, "somchai", PASSWORD)

    assert response.status_code == 429
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_still_let_the_right_one_in(client):
    UserFactory(username="somchai")
    fail_logins(client, "somchai", settings.AXES_FAILURE_LIMIT - 1)

    response = log_in(client, "somchai", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("home")


def test_after_the_cool_off_the_right_password_logs_in_again(client):
    UserFactory(username="somchai")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail_logins(client, "somchai", settings.AXES_FAILURE_LIMIT)

    with time_machine.travel(start + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)):
        response = log_in(client, "somchai", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("home")


def test_a_try_during_the_lock_starts_the_cool_off_again(client):
    UserFactory(username="somchai")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail_logins(client, "somchai", settings.AXES_FAILURE_LIMIT)
    with time_machine.travel(start + settings.AXES_COOLOFF_TIME - timedelta(minutes=1)):
        assert log_in(client, "somchai", PASSWORD).status_code == 429

    with time_machine.travel(start + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)):
        response = log_in(client, "somchai", PASSWORD)

    assert response.status_code == 429


def test_the_lock_holds_one_username_from_one_address_only(client):
    UserFactory(username="somchai")
    UserFactory(username="somsri")
    fail_logins(client, "somchai", settings.AXES_FAILURE_LIMIT, ip="10.0.0.7")

    assert log_in(Client(), "somsri", PASSWORD, ip="10.0.0.7").status_code == 302
    assert log_in(Client(), "somchai", PASSWORD, ip="10.0.0.8").status_code == 302


def test_a_locked_out_officials_api_token_still_works(client):
    user = user_with_role(Role.PYP_OFFICER, "MOL", username="somchai")
    _, raw = api_token_create(user=user, name="ระบบของกรม")
    fail_logins(client, "somchai", settings.AXES_FAILURE_LIMIT)

    response = client.get(
        "/api/v1/summaries/five-band/?fiscal_year=2567&quarter=1",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )

    assert response.status_code == 200
    assert ApiToken.objects.get().last_used_at is not None


# --- password rules ----------------------------------------------------------------


@pytest.mark.parametrize(
    "weak, message",
    [
        ("abc12", "สั้นเกินไป"),
        ("password123", "ใช้กันทั่วไป"),
        ("7391046285", "ตัวเลขล้วน"),
        ("somchai-rakthai", "คล้ายกับ"),
    ],
    ids=["short", "common", "numeric", "like-the-username"],
)
def test_a_weak_new_password_is_refused_with_a_thai_message(client, weak, message):
    user = UserFactory(username="somchai-rakthai")
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak},
    )

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["new_password2"])
    assert message in errors
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_strong_new_password_is_taken(client):
    user = UserFactory(username="somchai")
    client.force_login(user)
    strong = "ม้าลาย-กินหญ้า-2567"

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": strong, "new_password2": strong},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(strong)


# --- sessions and CSRF -----------------------------------------------------------------


def test_a_session_older_than_eight_hours_is_sent_to_the_login_page(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(UserFactory())
    with time_machine.travel(start + timedelta(hours=7, minutes=59), tick=False):
        assert client.get(reverse("home")).status_code == 200

    with time_machine.travel(start + timedelta(hours=8, minutes=1), tick=False):
        response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_session_cookie_ends_with_the_browser(client):
    response = log_in(client, UserFactory().username, PASSWORD)

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert cookie["httponly"]


def test_a_post_without_the_csrf_token_is_refused_and_saves_nothing():
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())

    response = client.post(reverse("api_tokens"), {"name": "ระบบของกรม"})

    assert response.status_code == 403
    assert "ไม่ได้บันทึก" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_post_with_the_csrf_token_from_the_page_is_taken():
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    page = client.get(reverse("api_tokens"))

    response = client.post(
        reverse("api_tokens"),
        {"name": "ระบบของกรม", "csrfmiddlewaretoken": page.context["csrf_token"]},
    )

    assert response.status_code == 200
    assert ApiToken.objects.count() == 1


# --- Content Security Policy ---------------------------------------------------------


def policy_of(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/", "/projects/", "/approvals/", "/accounts/tokens/"]
)
def test_pages_carry_a_content_security_policy_without_inline_scripts(client, url):
    client.force_login(user_with_role(Role.STAFF, "0209"))

    response = client.get(url)

    policy = policy_of(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]


def test_no_page_template_holds_an_inline_script_or_event_handler():
    """The policy refuses inline scripts: templates load them from static/js instead."""
    import re

    templates = Path(settings.BASE_DIR, "templates")
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
    handler = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
    offenders = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if inline_script.search(path.read_text()) or handler.search(path.read_text())
    ]

    assert offenders == []


def test_the_api_documentation_page_loads_its_start_up_script_from_a_file(client):
    client.force_login(UserFactory())

    page = client.get(reverse("api_docs"))
    script = client.get(reverse("api_docs") + "?script=")

    assert page.status_code == 200
    assert "<script>" not in page.content.decode()
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


# --- production settings --------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]


def test_production_has_secure_cookies_hsts_and_the_policy():
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_CONTENT_TYPE_NOSNIFF, s.X_FRAME_OPTIONS, s.DEBUG,"
        " s.CONTENT_SECURITY_POLICY['DIRECTIVES']['frame-ancestors'],"
        " s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'][0]]))"
    )
    dropped = {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        DJANGO_SETTINGS_MODULE="emenscr.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="postgres://emenscr:emenscr@127.0.0.1:5432/emenscr",
        ALLOWED_HOSTS="emenscr.mol.go.th",
    )

    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    import json

    values = json.loads(result.stdout)
    assert values == [
        True,
        True,
        True,
        31536000,
        True,
        True,
        True,
        "DENY",
        False,
        ["'none'"],
        "'self'",
    ]
