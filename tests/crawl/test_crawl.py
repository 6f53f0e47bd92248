"""Every page every demo user can reach, on `make run`'s SQLite and on PostgreSQL.

From each demo user's home page, every link of the menu and of the pages it leads to
(tests/crawl/crawler.py): no GET answers 5xx, no link a page shows leads to a 4xx or
to the login page, no GET writes, and no page shows an English status or error word
(tests/crawl/words.py).

SQLite runs in a process of its own with `make run`'s settings (emenscr.settings.local)
on a new database file, migrated and loaded as `make run` does; PostgreSQL runs here,
on the test database, in the test's transaction.
"""

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .crawler import ANONYMOUS, CrawlResult, Finding, crawl
from .demo_site import make_run_site

ROOT = Path(__file__).resolve().parents[2]
SQLITE_TIMEOUT = 900


@dataclass(frozen=True)
class Known:
    """A finding owned by another part of the work, matched precisely; `why` names it.
    An entry that matches nothing fails the test: once fixed, it must be removed."""

    kind: str
    url_name: str
    detail: str
    why: str

    def matches(self, finding: Finding) -> bool:
        return (
            finding.kind == self.kind
            and finding.url_name == self.url_name
            and finding.detail == self.detail
        )


KNOWN: list[Known] = []


def crawl_sqlite(tmp_path: Path) -> CrawlResult:
    """The crawl in a child process on make run's settings and a new SQLite file."""
    result_path = tmp_path / "crawl.json"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "emenscr.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'crawl.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        # Nothing may reach make run's own queue under var/broker.
        "CELERY_BROKER_URL": "memory://",
        "DEBUG": "false",
        "LOG_LEVEL": "ERROR",
        # The portal's page cache in a folder of its own, and no limit for the crawl's visitor.
        "CACHE_URL": f"filecache://{tmp_path / 'cache'}",
        "OPEN_DATA_RATE": "100000/minute",
    }
    child = subprocess.run(
        [sys.executable, "-m", "tests.crawl.sqlite_crawl", str(result_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=SQLITE_TIMEOUT,
    )
    assert child.returncode == 0, f"the SQLite crawl failed:\n{child.stdout}\n{child.stderr}"
    return CrawlResult.from_dict(json.loads(result_path.read_text(encoding="utf-8")))


def unexplained(result: CrawlResult) -> tuple[list[Finding], list[Known]]:
    """Findings no KNOWN entry explains, and KNOWN entries that explain nothing."""
    new = [f for f in result.findings if not any(k.matches(f) for k in KNOWN)]
    stale = [k for k in KNOWN if not any(k.matches(f) for f in result.findings)]
    return new, stale


@pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgresql", marks=pytest.mark.django_db)]
)
def test_every_page_of_every_demo_user(database, tmp_path, settings):
    # Given make run's demo data, when every demo user crawls the site,
    if database == "sqlite":
        result = crawl_sqlite(tmp_path)
    else:
        settings.MEDIA_ROOT = tmp_path / "media"
        result = crawl(make_run_site())
    print(f"\n{database}: {sum(result.pages.values())} pages in {result.seconds} s: {result.pages}")
    print("slowest:", result.slowest[:5])
    latin = sorted({w for found in result.other_latin.values() for w in found})
    print("Latin words not in tests/crawl/words.py (to review):", " ".join(latin))

    # then every user saw every page the crawl reaches (none stopped at the page cap),
    assert not result.capped, f"crawl stopped at the page cap for {result.capped}"
    # (13 demo users, and the public portal's anonymous visitor, whose site is smaller)
    staff = [n for user, n in result.pages.items() if user != ANONYMOUS]
    assert len(staff) == 13 and min(staff) > 20, result.pages
    assert result.pages[ANONYMOUS] > 8, result.pages
    # and every page answered, wrote nothing and spoke Thai.
    new, stale = unexplained(result)
    assert not new, f"{len(new)} findings on {database}:\n" + "\n".join(map(str, new))
    assert not stale, f"fixed on {database}, remove from KNOWN: {stale}"
