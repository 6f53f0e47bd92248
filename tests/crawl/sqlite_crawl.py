"""The crawl on `make run`'s settings, run by tests/crawl/test_crawl.py in a process of
its own: `python -m tests.crawl.sqlite_crawl RESULT.json` with
DJANGO_SETTINGS_MODULE=emenscr.settings.local and DATABASE_URL=sqlite:///<file>.

Migrates the (new, empty) SQLite file, loads the reference and demo data as `make run` does, crawls
as every demo user and writes the result as JSON.
"""

import json
import sys

import django


def main(result_path: str) -> None:
    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from tests.crawl.crawler import crawl
    from tests.crawl.demo_site import make_run_site

    # The test client's host (testserver) allowed, e-mail kept in memory.
    setup_test_environment()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_reference", verbosity=0)
    result = crawl(make_run_site())
    with open(result_path, "w", encoding="utf-8") as out:
        json.dump(result.as_dict(), out, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
