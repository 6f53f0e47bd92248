"""On a phone (390 × 844): pages fit the screen and every menu item can be reached.

The menu is a <details> (templates/base.html): closed on a phone behind its summary
("เมนู"), opened it lists every item within the screen's width; on a wide screen it
is a row of links, always shown. Demo data, as a newcomer meets them under `make run`.
"""

import pytest

from core import fiscal
from core.clock import today
from emenscr.demo import DEMO_PASSWORD, load_demo
from projects.models import Project
from tests.e2e.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
MENU_ITEMS = "#menu nav a, #menu nav button"


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo()


@pytest.fixture
def open_as(browser, live_server):
    """open_as("staff0209", PHONE) → a page logged in as that demo user at that size."""
    contexts = []

    def open_page(username: str, viewport: dict):
        context = browser.new_context(viewport=viewport, locale="th-TH")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        login(page, live_server, username, DEMO_PASSWORD)
        return page

    yield open_page
    for context in contexts:
        context.close()


def assert_fits(page, what: str) -> None:
    width, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width <= inner, f"{what}: the page is {width} px wide on a {inner} px screen"


def assert_menu_reachable(page, what: str) -> None:
    """Closed at first; opened, every item is shown within the screen and can be tapped."""
    items = page.locator(MENU_ITEMS)
    count = items.count()
    assert count >= 10, f"{what}: {count} menu items"
    assert page.locator("#menu > summary").is_visible()
    assert not items.first.is_visible(), f"{what}: the menu is open before it is asked"

    page.click("#menu > summary")
    for index in range(count):
        item = items.nth(index)
        item.scroll_into_view_if_needed()
        box, label = item.bounding_box(), item.inner_text()
        assert item.is_visible() and box, f"{what}: menu item {label!r} hidden"
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (
            f"{what}: menu item {label!r} runs off the screen ({box})"
        )
        item.click(trial=True)  # visible, enabled and not covered by anything
    assert_fits(page, f"{what} with the menu open")


def check_phone_page(page, url: str, what: str) -> None:
    page.goto(url)
    assert_fits(page, what)
    assert_menu_reachable(page, what)


def test_staff_pages_fit_a_phone_and_reach_every_menu_item(demo, open_as, live_server):
    # Given the demo data and staff of สตป. on a phone,
    fy = fiscal.fiscal_year_of(today())
    project = Project.objects.filter(owner_unit__code="0209", fiscal_year=fy).earliest("code")
    reported = Project.objects.filter(owner_unit__code="0209", fiscal_year=fy - 1).earliest("code")
    page = open_as("staff0209", PHONE)
    # when they open home, their projects (marks still to do among them), the inbox, a
    # project and its M6 report,
    pages = {
        "home": "/",
        "projects": "/projects/",
        "inbox": "/approvals/",
        "project": f"/projects/{project.pk}/",
        "M6 form": f"/reports/{reported.pk}/{fy - 1}/4/",
    }
    # then each fits the screen and every menu item can be reached.
    for what, path in pages.items():
        check_phone_page(page, f"{live_server.url}{path}", what)


def test_inboxes_with_items_and_with_every_unit_fit_a_phone(demo, open_as, live_server):
    # Given a director with last year's Q4 reports waiting (own and acting for สตป.),
    director = open_as("director0206", PHONE)
    # and a ป.ย.ป. officer, whose inbox filters by any unit of the ministry,
    pyp = open_as("pyp", PHONE)
    # when they open their home and inbox on a phone, then each fits.
    check_phone_page(director, f"{live_server.url}/approvals/", "director's inbox")
    assert director.locator("#inbox tbody tr").count() >= 2
    check_phone_page(pyp, f"{live_server.url}/", "ป.ย.ป. home")
    check_phone_page(pyp, f"{live_server.url}/approvals/", "ป.ย.ป. inbox")


def test_the_menu_is_an_open_row_on_a_desktop(demo, open_as, live_server):
    # Given the ปลัดกระทรวง on a desktop screen, when they open home,
    page = open_as("ps", DESKTOP)
    # then the menu shows every item without being opened.
    assert not page.locator("#menu > summary").is_visible()
    items = page.locator(MENU_ITEMS)
    assert items.count() >= 10
    for index in range(items.count()):
        assert items.nth(index).is_visible(), items.nth(index).inner_text()
    assert_fits(page, "desktop home")
