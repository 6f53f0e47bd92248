"""Issue 17's friction at the ป.ย.ป. check, in notices and on returned items."""

from datetime import date, datetime
from itertools import cycle

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.urls import reverse

from approvals.items import checklist_points, kind_of
from approvals.models import Approval, Notification
from approvals.selectors import last_return
from approvals.services.actions import done_message
from approvals.services.errors import ChecklistIncomplete
from approvals.services.transitions import (
    CHECKLIST,
    item_approve,
    item_return,
    item_submit,
    items_bulk_approve,
)
from core.clock import freeze
from orgs.tokens import api_token_create
from reporting.approval import REPORT_CHECKLIST
from reporting.services import report_save, report_start
from tests.chain import chain_people
from tests.factories import ProjectFactory, WindowFactory, complete_project
from tests.projects.level3_factories import complete_plan, media_root, open_level3_window  # noqa: F401
from tests.reporting.test_reports import REPORT

pytestmark = pytest.mark.django_db
PROJECT_TICKED = {key: True for key, _ in CHECKLIST}
REPORT_TICKED = {key: True for key, _ in REPORT_CHECKLIST}
IN_WINDOW = datetime(2024, 1, 10, 10, 0)  # Q1/2567: opens 1 Jan, chain deadline 30 Jan 2024


@pytest.fixture
def people():
    return chain_people()


@pytest.fixture
def report_at_pyp(people, unit):
    """An M6 report of a 0209 project, approved by its director: it waits for ป.ย.ป."""
    project = ProjectFactory(
        name="ประชุมเชิงปฏิบัติการนโยบายค่าจ้าง",
        owner_unit=unit("0209"),
        status="approved",
        start_date=date(2023, 10, 1),
        end_date=date(2024, 9, 30),
    )
    WindowFactory(fiscal_year=2567, quarter=1)
    staff = people["staff"]
    with freeze(IN_WINDOW):
        report = report_start(user=staff, project=project, fiscal_year=2567, quarter=1)
        report = report_save(user=staff, report=report, data=REPORT, targets={}, activities={})
        item_submit(item=report, actor=staff)
        item_approve(item=report, actor=people["director"])
    report.refresh_from_db()
    return report


NAMES = cycle(
    [
        "ฝึกอบรมช่างเชื่อมใต้น้ำ",
        "สำรวจภาวะการจ้างงานจังหวัดชายแดน",
        "พัฒนาระบบจับคู่ตำแหน่งงานออนไลน์",
        "ส่งเสริมความปลอดภัยในโรงงานขนาดเล็ก",
        "ยกระดับฝีมือแรงงานผู้สูงอายุ",
    ]
)


def project_at_pyp(people):
    project = complete_project(name=next(NAMES))
    item_submit(item=project, actor=people["staff"])
    item_approve(item=project, actor=people["director"])
    project.refresh_from_db()
    return project


def approval_of(item):
    return Approval.objects.get(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        revision=item.revision,
    )


# --- 1. the ป.ย.ป. check fits the item ---------------------------------------------


def test_each_kind_names_its_own_checklist_and_a_project_keeps_its_own(report_at_pyp):
    project_kind = kind_of(ProjectFactory.build())

    assert list(project_kind.checklist) == CHECKLIST
    assert kind_of(report_at_pyp).checklist == REPORT_CHECKLIST
    assert not {k for k, _ in REPORT_CHECKLIST} & {k for k, _ in CHECKLIST}


def test_a_report_is_checked_against_the_report_checklist_not_the_projects(people, report_at_pyp):
    with freeze(IN_WINDOW), pytest.raises(ChecklistIncomplete, match="ความก้าวหน้าสอดคล้อง"):
        item_approve(item=report_at_pyp, actor=people["pyp"], checklist=PROJECT_TICKED)

    with freeze(IN_WINDOW):
        checked = item_approve(item=report_at_pyp, actor=people["pyp"], checklist=REPORT_TICKED)

    assert (checked.action, checked.checklist) == ("check", REPORT_TICKED)


def test_the_report_page_shows_the_pyp_the_report_checklist(client, people, report_at_pyp):
    client.force_login(people["pyp"])

    with freeze(IN_WINDOW):
        page = client.get(report_at_pyp.get_absolute_url()).content.decode()

    assert "ความก้าวหน้าสอดคล้องกับผลการดำเนินกิจกรรมและการเบิกจ่าย" in page
    assert 'name="check_report_figures"' in page
    assert "รหัส GFMIS" not in page


def test_a_bulk_check_of_mixed_kinds_needs_every_kinds_points(people, report_at_pyp):
    project = project_at_pyp(people)
    ids = [approval_of(project).pk, approval_of(report_at_pyp).pk]

    with freeze(IN_WINDOW), pytest.raises(ChecklistIncomplete, match="รายงานผลรายไตรมาส"):
        items_bulk_approve(approval_ids=ids, actor=people["pyp"], checklist=PROJECT_TICKED)
    assert approval_of(project).current_level.is_check

    with freeze(IN_WINDOW):
        done = items_bulk_approve(
            approval_ids=ids,
            actor=people["pyp"],
            checklist={key: True for key, _ in checklist_points()},
        )

    assert sorted(t.checklist == REPORT_TICKED for t in done) == [False, True]
    assert all(t.action == "check" for t in done)


def test_the_bulk_preview_shows_the_points_of_every_kind_chosen(client, people, report_at_pyp):
    project = project_at_pyp(people)
    client.force_login(people["pyp"])

    page = client.post(
        reverse("approvals:bulk_preview"),
        {"approval": [approval_of(project).pk, approval_of(report_at_pyp).pk]},
    ).content.decode()

    assert 'name="check_budget"' in page and 'name="check_report_progress"' in page


def test_the_api_checks_a_report_against_the_report_checklist(client, people, report_at_pyp):
    _, raw = api_token_create(user=people["pyp"], name="ระบบสารบรรณ")
    url = f"/api/v1/approvals/items/quarterlyreport/{report_at_pyp.pk}/approve/"

    with freeze(IN_WINDOW):
        answer = client.post(
            url,
            {"checklist": REPORT_TICKED},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {raw}",
        )

    assert answer.status_code == 200, answer.content


# --- 2. "ตรวจสอบผ่าน", not "อนุมัติแล้ว" -----------------------------------------------


def act(client, user, item, **data):
    client.force_login(user)
    ct = ContentType.objects.get_for_model(item)
    response = client.post(reverse("approvals:item_action", args=[ct.pk, item.pk]), data)
    return [str(m) for m in get_messages(response.wsgi_request)][-1]


def test_the_page_says_what_each_decision_did(client, people):
    project = complete_project()
    item_submit(item=project, actor=people["staff"])
    ticks = {f"check_{key}": "on" for key, _ in CHECKLIST}

    director = act(client, people["director"], project, action="approve")
    pyp = act(client, people["pyp"], project, action="approve", **ticks)
    cluster = act(client, people["cluster"], project, action="approve")
    ps = act(client, people["ps"], project, action="approve")

    assert director.startswith("อนุมัติแล้ว ส่งต่อ กลุ่ม ป.ย.ป.")
    assert pyp == "ตรวจสอบผ่านแล้ว ส่งต่อ รองปลัดกระทรวง หัวหน้ากลุ่มภารกิจ อนุมัติ"
    assert cluster.startswith("อนุมัติแล้ว ส่งต่อ ")
    assert ps == "อนุมัติครบทุกขั้นแล้ว"


def test_the_messages_name_the_next_step(people):
    passed = item_approve(
        item=project_at_pyp(people), actor=people["pyp"], checklist=PROJECT_TICKED
    )

    assert done_message(passed) == f"ตรวจสอบผ่านแล้ว ส่งต่อ {passed.to_level.name_th}"


# --- 3. notices name the item ------------------------------------------------------


def test_a_notice_of_one_returned_item_names_it(people, report_at_pyp):
    with freeze(IN_WINDOW):
        item_return(item=report_at_pyp, actor=people["pyp"], reason="ตัวเลขไม่ตรงกับแผน")

    notice = Notification.objects.get(recipient=people["staff"], kind="returned")
    assert (
        notice.title
        == (f"รายการถูกส่งกลับแก้ไข: รายงานผลรายไตรมาส (M6) {report_at_pyp}")[: len(notice.title)]
    )
    assert notice.title.startswith("รายการถูกส่งกลับแก้ไข: รายงานผลรายไตรมาส (M6) รายงานไตรมาส 1/2567")


def test_a_notice_of_many_items_keeps_the_count(people):
    projects = [project_at_pyp(people) for _ in range(2)]
    ids = [approval_of(p).pk for p in projects]
    items_bulk_approve(approval_ids=ids, actor=people["pyp"], checklist=PROJECT_TICKED)
    items_bulk_approve(approval_ids=ids, actor=people["cluster"])
    items_bulk_approve(approval_ids=ids, actor=people["ps"])

    notice = Notification.objects.get(recipient=people["staff"], kind="approved")
    assert notice.title == "อนุมัติครบทุกขั้นแล้ว 2 รายการ"


# --- 4. the return reason on top of the returned item -------------------------------


def test_the_last_return_of_the_current_revision_is_the_reason(people):
    project = project_at_pyp(people)
    item_return(item=project, actor=people["pyp"], reason="รหัส GFMIS ไม่ถูกต้อง")
    project.refresh_from_db()

    returned = last_return(project)

    assert (returned.comment, returned.actor, returned.from_level.role) == (
        "รหัส GFMIS ไม่ถูกต้อง",
        people["pyp"],
        "pyp_officer",
    )


def test_a_returned_project_shows_who_returned_it_and_why_on_top(client, people):
    project = project_at_pyp(people)
    item_return(item=project, actor=people["pyp"], reason="รหัส GFMIS ไม่ถูกต้อง")
    client.force_login(people["staff"])

    detail = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    editor = client.get(reverse("projects:edit", args=[project.pk, "m1"])).content.decode()

    for page in (detail, editor):
        box = page[page.index('id="returned-notice"') :]
        box = box[: box.index("</section>")]
        assert "รหัส GFMIS ไม่ถูกต้อง" in box
        assert str(people["pyp"]) in box
        assert approval_of(project).transitions.last().from_level.name_th in box


def test_a_returned_report_shows_the_reason_on_its_page(client, people, report_at_pyp):
    with freeze(IN_WINDOW):
        item_return(item=report_at_pyp, actor=people["pyp"], reason="ตัวเลขไม่ตรงกับแผน")
        client.force_login(people["staff"])
        page = client.get(report_at_pyp.get_absolute_url()).content.decode()

    assert 'id="returned-notice"' in page and "ตัวเลขไม่ตรงกับแผน" in page


def test_an_item_not_returned_shows_no_return_box(client, people):
    project = project_at_pyp(people)
    client.force_login(people["staff"])

    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()

    assert 'id="returned-notice"' not in page


@pytest.mark.usefixtures("media_root")
def test_a_returned_level3_plan_shows_the_reason_on_its_page(client, people, unit):
    open_level3_window()
    plan = complete_plan(owner_unit=unit("0209"))
    item_submit(item=plan, actor=people["staff"])
    item_approve(item=plan, actor=people["director"])
    item_return(item=plan, actor=people["pyp"], reason="ตัวชี้วัดที่ ๑ ไม่มีค่าเป้าหมายปี 2570")
    client.force_login(people["staff"])

    page = client.get(reverse("projects:level3:detail", args=[plan.pk])).content.decode()

    assert 'id="returned-notice"' in page and "ไม่มีค่าเป้าหมายปี 2570" in page
