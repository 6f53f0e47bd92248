"""The page-time crawl (`bench/run.py --only pages`): every GET page of the menu, and the
pages one opens from it, timed on the whole data set.

Each role signs in (Django's test client, in this process: the server's time without the
network), reads the links of its own menu from the home page, and adds the pages behind
them that the menu does not name: a project with its approval trail, a quarterly report,
the memo editor. Each page is asked once to warm up and RUNS more times; its figure is the
median, and its query count is that of one answer. The roles are the ป.ย.ป. officer (the
widest scope), a division's staff and a cluster head (an inbox of the cluster's items);
visitors without a login crawl the public portal (`/open/`, its pages cached as the public
meets them).

Everything the crawl writes (a memo draft, sessions) is rolled back.
"""

from __future__ import annotations

import re
import statistics
import time
from urllib.parse import urlsplit

RUNS = 5
TARGET_MS = 300
NAV = re.compile(r"<nav\b.*?</nav>", re.S)
HREF = re.compile(r'href="(/[^"#]*)"')
SKIP = ("/admin/", "/accounts/logout/", "/static/", "/api/")
DOWNLOAD = re.compile(r"\.(csv|xlsx|json|svg|pdf|docx)(\?|$)|[?&]format=")  # files, not pages


def links(html: str, *, within_nav: bool) -> list[str]:
    scope = "".join(NAV.findall(html)) if within_nav else html
    seen: list[str] = []
    for href in HREF.findall(scope):
        href = href.replace("&amp;", "&")
        if not href.startswith(SKIP) and not DOWNLOAD.search(href) and href not in seen:
            seen.append(href)
    return seen


def _public_links(client, page: str, home: str) -> list[str]:
    """The portal's own links on one of its pages (not the login page it offers)."""
    html = client.get(page).content.decode()
    return [path for path in links(html, within_nav=False) if path.startswith(home)]


def _name(path: str) -> str:
    from django.urls import resolve

    match = resolve(urlsplit(path).path)
    return match.view_name.replace(":", "_").replace("-", "_")


def _time(client, path: str) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get():
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)

    get()  # warm-up
    with CaptureQueriesContext(connection) as queries:
        get()
    count = len(queries)  # now: the next request clears the connection's log
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        get()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), count


def _extras(role: str, user) -> list[str]:
    """Pages opened from the menu's lists rather than named by it."""
    from django.urls import reverse

    from bench.generate import FISCAL_YEAR
    from memos.models import MemoKind
    from memos.services import memo_draft
    from projects.selectors import projects_visible_to
    from reporting.models import QuarterlyReport

    extras = []
    project = projects_visible_to(user).filter(fiscal_year=FISCAL_YEAR).order_by("code").first()
    if project is not None:
        extras.append(reverse("projects:detail", args=[project.pk]))
        report = QuarterlyReport.objects.filter(project=project).order_by("-quarter").first()
        if report is not None:
            extras.append(
                reverse("reporting:report", args=[project.pk, report.fiscal_year, report.quarter])
            )
    if role == "pyp":
        memo = memo_draft(
            kind=MemoKind.QUARTER_APPROVAL, user=user, fiscal_year=FISCAL_YEAR, quarter=4
        )
        extras.append(reverse("memos:memo", args=[memo.pk]))
    return extras


def _users() -> dict:
    from django.contrib.auth.models import AnonymousUser

    from orgs.models import Role, User

    def holder(role):
        return (
            User.objects.filter(role_assignments__role=role, username__startswith="bench_")
            .order_by("pk")
            .first()
        )

    return {
        "pyp": holder(Role.PYP_OFFICER),
        "staff": holder(Role.STAFF),
        "cluster": holder(Role.CLUSTER_HEAD),
        "open": AnonymousUser(),
    }


def page_figures() -> dict[str, tuple[float, str, float | None]]:
    from django.db import transaction
    from django.test import Client
    from django.urls import reverse

    figures: dict[str, tuple[float, str, float | None]] = {}

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            for role, user in _users().items():
                client = Client()
                if user.is_authenticated:
                    client.force_login(user)
                    paths = links(client.get(reverse("home")).content.decode(), within_nav=True)
                    paths += _extras(role, user)
                else:
                    start = reverse("open:home")
                    paths = [start]
                    for page in (start, *_public_links(client, start, start)):  # one level down
                        paths += _public_links(client, page, start)
                names: set[str] = set()
                for path in paths:
                    name = f"page_{role}_{_name(path)}"
                    if name in names:
                        continue  # the same page with other filters: timed once
                    names.add(name)
                    ms, queries = _time(client, path)
                    print(f"  {name:48} {ms:8.1f} ms {queries:4} queries  {path}", flush=True)
                    figures[f"{name}_ms"] = (ms, "ms", TARGET_MS)
                    figures[f"{name}_queries"] = (queries, "queries", None)
            raise Rollback
    except Rollback:
        pass
    return figures
