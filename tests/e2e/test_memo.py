"""The quarterly memo in a real browser: draft from the round, edit, preview, issue, download."""

import pytest

from memos.models import Memo, MemoStatus
from orgs.models import OrgUnit, Role
from tests.factories import user_with_role
from tests.reporting.seed000 import build_seed_000_round

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.celery_worker]


def test_pyp_drafts_edits_previews_and_issues_the_quarterly_memo(
    open_as, live_server, celery_worker_thread, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    pyp = user_with_role(Role.PYP_OFFICER, "MOL", username="pyp")
    pyp.home_unit = OrgUnit.objects.get(code="0214")
    pyp.save(update_fields=["home_unit"])
    build_seed_000_round()

    page = open_as("pyp")
    page.goto(f"{live_server.url}/memos/")
    page.click("#memo-new")
    page.check("input[name=kind][value=quarter_approval]")
    page.fill("#id_fiscal_year", "2566")
    page.select_option("#id_quarter", "1")
    page.click("#memo-create")
    assert "ร่างบันทึกจากตัวเลขล่าสุดแล้ว" in page.inner_text(".messages")

    rows = page.locator("#paragraphs [data-para]")
    assert rows.nth(1).locator("[data-label]").inner_text() == "๑.๑"
    rows.nth(1).locator("textarea").fill("ข้อความเรื่องเดิมที่แก้ในหน้าเว็บ")
    rows.nth(1).locator("[data-para-action=add]").click()
    rows.nth(2).locator("textarea").fill("ข้อที่เพิ่มในหน้าเว็บ")
    assert rows.nth(2).locator("[data-label]").inner_text() == "๑.๒"
    assert rows.nth(3).locator("[data-label]").inner_text() == "๑.๓"  # the old ๑.๒, renumbered

    with page.context.expect_event(
        "response", predicate=lambda r: "preview.pdf" in r.url
    ) as preview:
        page.click("#memo-preview")
    assert preview.value.headers["content-type"] == "application/pdf"

    addressee = page.locator("input[name=addressee]").bounding_box()
    assert addressee["width"] > 200  # not squeezed beside the salutation (issue 17 item 7)

    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.click("#memo-issue")
    assert "ออกเลขแล้ว ที่ รง ๐๒๑๔/๑" in page.inner_text(".messages")
    assert len(asked) == 1  # issuing asks once, not twice
    page.wait_for_selector("#memo-download", timeout=60_000)
    assert "ข้อที่เพิ่มในหน้าเว็บ" in page.inner_text("#memo-sheet")

    memo = Memo.objects.get()
    assert memo.status == MemoStatus.ISSUED
    assert [p["text"] for p in memo.body[1:3]] == [
        "ข้อความเรื่องเดิมที่แก้ในหน้าเว็บ",
        "ข้อที่เพิ่มในหน้าเว็บ",
    ]
