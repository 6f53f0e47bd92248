"""Every page of the menu runs the same queries whatever its number of rows.

The site as `make run` shows it, with a data set of the bench's generator added in the same
fiscal year (projects in every division, four quarters of reports, approvals with their
trails, an inbox at the Permanent Secretary), is crawled by each role: the menu's links,
a project with its trail and its quarterly report; and a visitor crawls the public portal. A second data set four times as large
is added and the crawl repeated: each page must answer with the same number of queries.
"""

from datetime import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from bench.generate import Scale, generate
from bench.pages import links
from core.clock import freeze
from opendata.publishing import publish_all
from orgs.models import OrgUnit, Role, User
from projects.models import Project
from reporting.models import QuarterlyReport
from tests.crawl.demo_site import make_run_site

pytestmark = pytest.mark.django_db(transaction=False)

# The bench's fiscal year, its fourth quarter's window open.
DAY = datetime(2025, 9, 20, 10)
NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
ROLES = [
    Role.PYP_OFFICER,
    Role.PERMANENT_SECRETARY,
    Role.CLUSTER_HEAD,
    Role.DIVISION_DIRECTOR,
    Role.STAFF,
]


def opened_from_lists() -> list[str]:
    """A demo project with its trail, and its quarterly report."""
    project = Project.objects.filter(owner_unit__code="0209").order_by("code").first()
    report = QuarterlyReport.objects.filter(project=project).order_by("quarter").first()
    return [
        reverse("projects:detail", args=[project.pk]),
        reverse("reporting:report", args=[project.pk, report.fiscal_year, report.quarter]),
    ]


def public_pages(client: Client) -> list[str]:
    home = reverse("open:home")
    found = links(client.get(home).content.decode(), within_nav=False)
    return [home, *(path for path in found if path.startswith(home))]


def crawl(users: list[User], extras: list[str]) -> dict[tuple[str, str], tuple[int, int]]:
    counts = {}
    for user in [*users, None]:
        client = Client()
        if user is None:  # a visitor of the public portal
            paths = public_pages(client)
        else:
            client.force_login(user)
            paths = links(client.get(reverse("home")).content.decode(), within_nav=True) + extras
        for path in paths:
            client.get(path)  # what the first answer caches (content types, the session)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            answer = response.status_code, response.get("Location", "")
            counts[(user.username if user else "", path)] = (answer, len(queries))
    return counts


@override_settings(CACHES=NO_CACHE)  # the portal's pages are timed as built, not as cached
def test_no_page_of_the_menu_runs_more_queries_with_more_rows():
    with freeze(DAY):
        site = make_run_site()
        users = [next(u for u in site if u.role_assignments.filter(role=r).exists()) for r in ROLES]
        extras = opened_from_lists()
        generate(Scale("some", projects=30, units=OrgUnit.objects.count() + 2, users=300, inbox=8))
        publish_all()
        before = crawl(users, extras)
        more = Scale("more", projects=120, units=OrgUnit.objects.count() + 4, users=400, inbox=30)
        generate(more, seed=11, prefix="MORE-")
        publish_all()
        after = crawl(users, extras)

    assert Project.objects.filter(code__startswith="MORE-").count() == 120
    grew = {page: (before[page], after[page]) for page in before if before[page] != after[page]}
    assert grew == {}
    assert {page: answer for page, (answer, _) in after.items() if answer != (200, "")} == {}
