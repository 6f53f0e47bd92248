"""The public portal shows approved revisions and frozen rounds only, and no official.

Given approved, revised, drafted and submitted projects, an approved report and a
frozen round, when an anonymous visitor walks every page and download linked from
/open/ and from the catalogue, then nothing but approved and frozen data appears."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse

from approvals.models import ChainLevel, ItemStatus
from approvals.services.records import item_record_imported_submission
from approvals.services.transitions import items_bulk_approve
from orgs.models import Role, User
from projects.models import Project
from projects.services.entry import project_save_general
from tests.factories import ApprovalFactory, complete_project, user_with_role

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"#]+)"')


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def walk(client) -> dict[str, str]:
    """Every /open/ URL reachable from the portal's home and its catalogue: URL → text."""
    catalog = client.get(reverse("open:catalog")).json()
    downloads = [d["downloadURL"] for ds in catalog["dataset"] for d in ds["distribution"]]
    queue, seen = [reverse("open:home"), reverse("open:catalog"), *downloads], {}
    while queue:
        url = queue.pop()
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen or not parts.path.startswith("/open/"):
            continue
        response = client.get(path)
        assert response.status_code == 200, f"{path}: {response.status_code}"
        seen[path] = body(response)
        if response["Content-Type"].startswith("text/html"):
            queue += [urljoin(path, h.replace("&amp;", "&")) for h in HREF.findall(seen[path])]
    return seen


def test_an_anonymous_walk_finds_only_approved_data_and_no_official(
    client, approved, approve_report, freeze, pyp
):
    shown = approved(name="โครงการพัฒนาทักษะแรงงานที่อนุมัติแล้ว")
    revised = approved(name="โครงการส่งเสริมการมีงานทำฉบับอนุมัติ")
    approve_report(shown, result="ฝึกอบรมแรงงานแล้ว ๕๐๐ คน")
    freeze()
    staff = user_with_role(Role.STAFF, "0209", first_name="เจ้าหน้าที่ลับ", last_name="นามสกุลซ่อน")
    project_save_general(user=staff, project=revised, data={"name": "ชื่อฉบับร่างที่ยังไม่อนุมัติ"})
    complete_project(name="โครงการร่างที่ยังไม่ส่ง")
    waiting = complete_project(name="โครงการที่รอการพิจารณา")
    item_record_imported_submission(item=waiting, unit=waiting.owner_unit, actor=staff, comment="")

    pages = walk(client)
    text = "\n".join(pages.values())

    assert any(p.startswith("/open/projects/") and p.endswith("/") for p in pages)
    assert any(p.startswith("/open/rounds/2567/1/") for p in pages)
    assert {"/open/projects.csv", "/open/rounds.xlsx", "/open/linkage.json"} <= {
        p.split("?")[0] for p in pages
    }
    assert shown.name in text and "ฝึกอบรมแรงงานแล้ว" in text
    assert "โครงการส่งเสริมการมีงานทำฉบับอนุมัติ" in text
    for secret in ["ชื่อฉบับร่างที่ยังไม่อนุมัติ", "โครงการร่างที่ยังไม่ส่ง", "โครงการที่รอการพิจารณา"]:
        assert secret not in text
    # complete_project's responsible director, and every account in the database.
    for secret in ["สมชาย", "ใจดี", "somchai@mol.go.th", "2232 1403"]:
        assert secret not in text
    for user in User.objects.all():
        for secret in [user.username, user.last_name, user.get_full_name(), user.email]:
            if secret:
                assert secret not in text, f"{secret!r} of a user is on a public page"


def test_a_revised_project_shows_its_last_approved_revision_until_the_next_is_approved(
    client, submit_and_approve, open_entry_windows
):
    staff = user_with_role(Role.STAFF, "0209")
    project = submit_and_approve(complete_project(name="ชื่อที่อนุมัติครั้งแรก"), staff)
    page = reverse("open:project", args=[project.pk])

    project_save_general(user=staff, project=project, data={"name": "ชื่อฉบับแก้ไขครั้งที่สอง"})
    draft = client.get(page).content.decode()
    project.refresh_from_db()
    submit_and_approve(project, staff)
    approved_again = client.get(page).content.decode()

    assert "ชื่อที่อนุมัติครั้งแรก" in draft and "ชื่อฉบับแก้ไขครั้งที่สอง" not in draft
    assert "ชื่อฉบับแก้ไขครั้งที่สอง" in approved_again


def test_a_project_waiting_in_the_chain_is_not_published(client, open_entry_windows):
    staff = user_with_role(Role.STAFF, "0209")
    project = complete_project(name="โครงการระหว่างอนุมัติ")
    item_record_imported_submission(item=project, unit=project.owner_unit, actor=staff, comment="")

    assert client.get(reverse("open:project", args=[project.pk])).status_code == 404
    assert "โครงการระหว่างอนุมัติ" not in client.get(reverse("open:projects")).content.decode()


def test_only_frozen_rounds_appear(client, approved, approve_report, freeze):
    approve_report(approved(), quarter=1)
    round_page = reverse("open:round", args=[2567, 1])

    before = client.get(round_page).status_code
    listed_before = round_page in client.get(reverse("open:rounds")).content.decode()
    freeze(2567, 1)

    assert (before, listed_before) == (404, False)
    assert client.get(round_page).status_code == 200
    assert round_page in client.get(reverse("open:rounds")).content.decode()


def test_the_latest_approved_quarter_is_shown(client, approved, approve_report):
    project = approved()
    approve_report(project, quarter=2, progress="60.00", result="ผลไตรมาสสอง")
    approve_report(project, quarter=1, progress="30.00", result="ผลไตรมาสหนึ่ง")

    text = client.get(reverse("open:project", args=[project.pk])).content.decode()

    assert "ผลไตรมาสสอง" in text and "60.00" in text
    assert "ผลไตรมาสหนึ่ง" not in text


def test_search_and_filters_narrow_the_list(client, approved):
    approved(name="โครงการฝึกอาชีพช่างเชื่อม")
    approved(name="โครงการจัดหางานผู้สูงอายุ")

    found = client.get(reverse("open:projects"), {"q": "ช่างเชื่อม", "target": "110401"})
    wrong_year = client.get(reverse("open:projects"), {"fiscal_year": "2400"})

    assert "ช่างเชื่อม" in found.content.decode()
    assert "ผู้สูงอายุ" not in found.content.decode()
    assert "ไม่มีโครงการที่เผยแพร่ในปีงบประมาณนี้" in wrong_year.content.decode()


def test_the_login_page_links_to_the_portal(client):
    assert f'href="{reverse("open:home")}"' in client.get(reverse("login")).content.decode()


def test_a_bulk_approval_publishes_every_project_it_approves(
    client, django_capture_on_commit_callbacks
):
    level = ChainLevel.objects.get(chain__root_unit__code="MOL", role=Role.PERMANENT_SECRETARY)
    projects = [complete_project(name=f"โครงการอนุมัติพร้อมกันที่ {n}") for n in range(3)]
    waiting = [
        ApprovalFactory(item=p, status=ItemStatus.SUBMITTED, current_level=level) for p in projects
    ]
    Project.objects.filter(pk__in=[p.pk for p in projects]).update(status=ItemStatus.SUBMITTED)
    client.get(reverse("open:projects"))  # cached while they wait

    with django_capture_on_commit_callbacks(execute=True):
        items_bulk_approve(
            approval_ids=[a.pk for a in waiting],
            actor=user_with_role(Role.PERMANENT_SECRETARY, "MOL"),
        )

    text = client.get(reverse("open:projects")).content.decode()
    assert all(p.name in text for p in projects)
