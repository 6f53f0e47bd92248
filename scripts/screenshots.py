"""Screenshots of the pages a newcomer meets first, as `make run` serves them.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Migrates a new SQLite database in a temporary folder with make run's settings
(emenscr.settings.local, DEBUG off), loads the demo data, runs the first deadline
pass, serves it with runserver and takes home, inbox, project editor (M2) and M6 form
at 1280 × 900 and 390 × 844 with Debian's chromium: staff0209 for each page but the
inbox, which is director0206's (acting director of สตป. too, so last year's Q4 reports
of both divisions wait there; ps's inbox is empty in the demo data), and on the phone
the home page once more with its menu open.
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# The page ids the shots need, read from the demo data.
IDS = """
import json
from core import fiscal
from core.clock import today
from projects.models import Project
fy = fiscal.fiscal_year_of(today())
mine = Project.objects.filter(owner_unit__code="0209")
print(json.dumps({
    "fy": fy,
    "project": mine.filter(fiscal_year=fy).earliest("code").pk,
    "reported": mine.filter(fiscal_year=fy - 1).earliest("code").pk,
}))
"""


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"the server did not answer at {url}")


def shoot(base: str, ids: dict, out: Path) -> list[Path]:
    pages = [
        ("home", "staff0209", "/"),
        ("inbox", "director0206", "/approvals/"),
        ("project-editor-m2", "staff0209", f"/projects/{ids['project']}/edit/m2/"),
        ("m6-form", "staff0209", f"/reports/{ids['reported']}/{ids['fy'] - 1}/4/"),
    ]
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        for size, viewport in SIZES.items():
            for name, username, path in pages:
                context = browser.new_context(viewport=viewport, locale="th-TH")
                page = context.new_page()
                page.goto(f"{base}/accounts/login/")
                page.fill("#id_username", username)
                page.fill("#id_password", "emenscr-demo")
                page.click("button[type=submit]")
                page.wait_for_url(f"{base}/")
                page.goto(f"{base}{path}")
                page.wait_for_load_state("networkidle")
                target = out / f"{name}-{size}.png"
                page.screenshot(path=target, full_page=True)
                written.append(target)
                if name == "home" and size == "phone":
                    page.click("#menu > summary")
                    target = out / "home-phone-menu.png"
                    page.screenshot(path=target)
                    written.append(target)
                context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="emenscr-shots-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "emenscr.settings.local",
            "DATABASE_URL": f"sqlite:///{tmp}/emenscr.sqlite3",
            "MEDIA_ROOT": f"{tmp}/media",
            "CELERY_BROKER_URL": "memory://",
            "DEBUG": "false",
        }
        manage(env, "migrate", "--noinput")
        manage(env, "load_reference")
        manage(env, "seed_demo")
        manage(env, "shell", "-c", "from reporting.tasks import deadlines_tick; deadlines_tick()")
        ids = json.loads(manage(env, "shell", "-c", IDS).strip().splitlines()[-1])
        port = free_port()
        server = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/accounts/login/")
            for path in shoot(base, ids, out):
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
