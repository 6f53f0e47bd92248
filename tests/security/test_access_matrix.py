"""The authorization matrix (issue 11, "Access"): every URL and API endpoint, every role,
and unit B's objects.

Given one official per role at unit A (สตป., its department, its cluster, the ministry)
and objects of every kind owned by unit B (a division of กรมการจัดหางาน, another
department in another cluster), when each official opens or posts to each URL, then:
- every URL of the project is classified (a new one fails here until it is);
- unit B's objects are refused (403/404, JSON under /api/) to every role that does not
  cover B, and writes are refused to everyone outside the writer's role, with nothing
  in the database changed; ป.ย.ป., the Permanent Secretary and the administrator read
  them (DESIGN.md §1), as `matrix.MINISTRY` says explicitly;
- lists never show unit B's objects to a role that does not cover B;
- anonymous requests are sent to the login page (pages) or answered 401/403 (API);
- an id that does not exist and another unit's id get the same refusal.
The data is built once for the module and rolled back after it (see `world`).
"""

from __future__ import annotations

import io
import json

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection, transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .matrix import (
    ADMIN,
    LOGIN,
    MINISTRY,
    OBJECT,
    PUBLIC,
    ROLE,
    ROLES,
    ROUTES,
    SECRET,
    Route,
    build_world,
    route_names,
)

pytestmark = pytest.mark.django_db

# The apps whose rows a refused write must leave as they were.
WATCHED_APPS = ["orgs", "projects", "reporting", "approvals", "kpis", "guardian"]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The matrix's data, built once in a transaction that is rolled back after the module
    (each test runs in a savepoint inside it, as pytest-django's `db` does)."""
    media = tmp_path_factory.mktemp("matrix-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media)),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def as_role(client, world):
    def login(role: str | None):
        if role is not None:  # a fresh client per test: None stays anonymous
            client.force_login(world.users[role])
        return client

    return login


# --- helpers ---------------------------------------------------------------------------


def url_patterns(patterns=None, prefix: str = "", namespace: str = ""):
    """(route, name) of every URL pattern, walking includes (admin's and the API's too)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield prefix + str(pattern.pattern), name or ""


def url_of(route: Route, world, kwargs: dict | None = None) -> str:
    if kwargs is None:
        kwargs = route.kwargs(world) if route.kwargs else {}
    url = reverse(route.name, kwargs=kwargs)
    return f"{url}?{route.query}" if route.query else url


def send(client, route: Route, world, method: str, kwargs: dict | None = None):
    url = url_of(route, world, kwargs)
    if method == "GET":
        return client.get(url)
    data = route.data(world) if route.data else {}
    if route.json or method == "PUT":
        return client.generic(method, url, json.dumps(data), content_type="application/json")
    return client.post(url, data)


def fingerprint() -> dict[str, str]:
    """A checksum of every row of every table of the watched apps (many-to-many tables too),
    in one query: a refused request must leave them all as they were."""
    tables = sorted(
        model._meta.db_table
        for label in WATCHED_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    )
    sql = " UNION ALL ".join(
        f"SELECT '{table}', md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
        f" FROM {connection.ops.quote_name(table)} t"
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


def text_of(response) -> str:
    """What a person would read in the answer: HTML, JSON, CSV, SVG, or an Excel file's cells."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        return " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return content.decode("utf-8", errors="replace")


def assert_refused(response, route: Route, allowed: frozenset[int]) -> None:
    assert response.status_code in allowed, (
        f"{route.label}: expected a refusal {sorted(allowed)}, got {response.status_code}"
    )
    if is_api(response) and response.status_code in (401, 403, 404):
        assert response["Content-Type"].startswith("application/json")


def is_api(response) -> bool:
    return response.request["PATH_INFO"].startswith("/api/")


def routes_of(*access: str) -> list[Route]:
    return [r for r in ROUTES if r.access in access]


def matrix(*access: str):
    cases = [(r, role) for r in routes_of(*access) for role in ROLES]
    return pytest.mark.parametrize(
        ("route", "role"), cases, ids=[f"{r.label}-{role}" for r, role in cases]
    )


# --- every URL is classified -----------------------------------------------------------


def test_every_url_of_the_project_is_classified():
    known = route_names()
    unclassified = [
        f"unclassified URL: /{path} (name {name!r})"
        for path, name in url_patterns()
        if not path.startswith("admin/") and name not in known
    ]
    assert not unclassified, "\n".join(unclassified)


def test_the_matrix_names_no_url_that_is_gone():
    names = {name for path, name in url_patterns() if not path.startswith("admin/")}
    assert route_names() - names == set()


# --- objects of another unit -----------------------------------------------------------


@matrix(OBJECT)
def test_another_units_object_is_refused_unless_the_role_covers_it(world, as_role, route, role):
    client = as_role(role)
    for method in route.methods:
        before = fingerprint()
        if method == "GET" and role in route.readers:
            response = send(client, route, world, method)
            assert response.status_code == 200, f"{route.label} GET: {response.status_code}"
            continue
        if method != "GET" and role in route.writers:
            continue  # the writer's own tests cover what a permitted write does
        response = send(client, route, world, method)
        allowed = route.refusal if method == "GET" else route.refusal | route.also_refused
        assert_refused(response, route, allowed)
        assert fingerprint() == before, f"{route.label} {method} by {role} changed the database"


# --- pages and endpoints of some roles -------------------------------------------------


@matrix(ROLE)
def test_a_role_page_is_refused_to_other_roles(world, as_role, route, role):
    client = as_role(role)
    for method in route.methods:
        before = fingerprint()
        if method == "GET" and role in route.readers:
            response = send(client, route, world, method)
            assert response.status_code in (200, 404), f"{route.label}: {response.status_code}"
            if route.lists:
                assert (SECRET in text_of(response)) == (role in MINISTRY), route.label
            continue
        if method != "GET" and role in route.writers:
            continue
        response = send(client, route, world, method)
        assert_refused(response, route, route.refusal)
        assert fingerprint() == before, f"{route.label} {method} by {role} changed the database"


# --- lists -----------------------------------------------------------------------------


@matrix(LOGIN)
def test_a_list_shows_another_units_objects_only_to_roles_covering_it(world, as_role, route, role):
    response = send(as_role(role), route, world, "GET")
    assert response.status_code == 200, f"{route.label}: {response.status_code}"
    if route.lists:
        shown = SECRET in text_of(response)
        if role in MINISTRY:  # the list does show unit B's objects to whoever covers B
            assert shown or not route.lists_b, f"{route.label} hides unit B's data from {role}"
        else:
            assert not shown, f"{route.label} shows unit B's data to {role}"


# --- anonymous -------------------------------------------------------------------------

ANONYMOUS = [r for r in ROUTES if r.access != PUBLIC]


@pytest.mark.parametrize("route", ANONYMOUS, ids=[r.label for r in ANONYMOUS])
def test_anonymous_requests_go_to_the_login_page_or_get_401(world, as_role, route):
    client = as_role(None)
    before = fingerprint()
    response = send(client, route, world, route.methods[0])
    if is_api(response):
        assert response.status_code in (401, 403), f"{route.label}: {response.status_code}"
        assert response["Content-Type"].startswith("application/json")
    else:
        assert response.status_code == 302, f"{route.label}: {response.status_code}"
        assert response["Location"].startswith(reverse("login"))
    assert fingerprint() == before


@pytest.mark.parametrize("route", routes_of(PUBLIC), ids=[r.label for r in routes_of(PUBLIC)])
def test_public_urls_need_no_login(world, as_role, route):
    response = send(as_role(None), route, world, route.methods[0])
    assert response.status_code in (200, 302)
    if route.methods[0] == "POST":  # signing out
        assert response["Location"].startswith(reverse("login"))


# --- guessing ids ----------------------------------------------------------------------

# Roles that cover neither unit B nor the id (where the route has readers, those who are not).
GUESSES = [
    (route, role)
    for route in routes_of(OBJECT)
    if route.missing
    for role in ("staff", "cluster_head")
    if role not in route.readers
]


@pytest.mark.parametrize(
    ("route", "role"), GUESSES, ids=[f"{r.label}-{role}" for r, role in GUESSES]
)
def test_a_missing_id_and_another_units_id_get_the_same_answer(world, as_role, route, role):
    client = as_role(role)
    method = route.methods[-1]
    theirs = send(client, route, world, method)
    missing = send(client, route, world, method, kwargs=route.missing(world))
    assert theirs.status_code == missing.status_code, (
        f"{route.label}: another unit's id {theirs.status_code}, no such id {missing.status_code}"
    )


# --- the admin site --------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_site_is_for_staff_accounts_only(world, as_role, role):
    client = as_role(role)
    pages = [reverse("admin:index")] + [
        reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist")
        for m in admin.site._registry
    ]
    for page in pages:
        response = client.get(page)
        if role == "admin":
            assert response.status_code == 200, page
        else:
            assert response.status_code == 302, page
            assert response["Location"].startswith(reverse("admin:login")), page


def test_every_admin_url_is_under_the_admin_site():
    """The classification above takes every URL under /admin/ as the admin site's (ADMIN)."""
    named = [(path, name) for path, name in url_patterns() if name.startswith("admin:")]
    assert named and all(path.startswith("admin/") for path, _name in named), ADMIN
