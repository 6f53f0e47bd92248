"""The inbox, the action buttons' endpoint and bulk approval pages."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from approvals.models import Approval, ChainLevel, ItemStatus
from orgs.models import OrgUnit, Role
from projects.models import Project
from tests.conftest import queries_of
from tests.factories import ApprovalFactory, ProjectFactory, complete_project, user_with_role

pytestmark = pytest.mark.django_db


def waiting(role: str, unit_code: str, count: int = 1) -> list[Approval]:
    level = ChainLevel.objects.get(chain__root_unit__code="MOL", role=role)
    unit = OrgUnit.objects.get(code=unit_code)
    return [
        ApprovalFactory(
            item=ProjectFactory(owner_unit=unit, status=ItemStatus.SUBMITTED),
            status=ItemStatus.SUBMITTED,
            current_level=level,
        )
        for _ in range(count)
    ]


def action_url(project: Project) -> str:
    return reverse(
        "approvals:item_action", args=[ContentType.objects.get_for_model(Project).pk, project.pk]
    )


def test_the_inbox_lists_only_what_waits_at_my_step_in_my_units(client):
    mine = waiting("division_director", "0209", 2)
    waiting("division_director", "0206")
    waiting("pyp_officer", "0209")
    client.force_login(user_with_role(Role.DIVISION_DIRECTOR, "0209"))

    page = client.get(reverse("approvals:inbox")).context["page"]

    assert {a.pk for a in page} == {a.pk for a in mine}


def test_staff_have_an_empty_inbox(client):
    waiting("division_director", "0209")
    client.force_login(user_with_role(Role.STAFF, "0209"))

    assert client.get(reverse("approvals:inbox")).context["total"] == 0


def test_the_inbox_runs_the_same_queries_for_5_or_50_items(client):
    client.force_login(user_with_role(Role.PERMANENT_SECRETARY, "MOL"))
    waiting("permanent_secretary", "0209", 5)
    client.get(reverse("approvals:inbox"))
    few = queries_of(lambda: client.get(reverse("approvals:inbox")))
    waiting("permanent_secretary", "DOE", 45)

    assert queries_of(lambda: client.get(reverse("approvals:inbox"))) == few


def test_approving_from_the_item_page_moves_it_on(client, unit):
    staff = user_with_role(Role.STAFF, "0209")
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    project = complete_project(owner_unit=unit("0209"))
    client.force_login(staff)
    client.post(action_url(project), {"action": "submit"})
    client.force_login(director)

    response = client.post(action_url(project), {"action": "approve"}, follow=True)

    assert "อนุมัติแล้ว" in response.content.decode()
    assert Approval.objects.get().current_level.role == "pyp_officer"


def test_an_approver_who_may_not_see_the_item_gets_404(client, unit):
    project = complete_project(owner_unit=unit("0209"))
    client.force_login(user_with_role(Role.DIVISION_DIRECTOR, "0206"))

    assert client.post(action_url(project), {"action": "approve"}).status_code == 404


def test_returning_without_a_reason_is_refused_with_a_thai_message(client, unit):
    project = complete_project(owner_unit=unit("0209"))
    client.force_login(user_with_role(Role.STAFF, "0209"))
    client.post(action_url(project), {"action": "submit"})
    client.force_login(user_with_role(Role.DIVISION_DIRECTOR, "0209"))

    page = client.post(
        action_url(project), {"action": "return", "comment": ""}, follow=True
    ).content.decode()

    assert "กรุณาระบุเหตุผลที่ส่งกลับแก้ไข" in page
    project.refresh_from_db()
    assert project.status == ItemStatus.SUBMITTED


def test_the_second_of_two_approvers_on_a_stale_page_is_told_clearly(client, unit):
    project = complete_project(owner_unit=unit("0209"))
    client.force_login(user_with_role(Role.STAFF, "0209"))
    client.post(action_url(project), {"action": "submit"})
    seen = Approval.objects.get().current_level_id
    client.force_login(user_with_role(Role.DIVISION_DIRECTOR, "0209"))
    client.post(action_url(project), {"action": "approve", "expected_level": seen})

    client.force_login(user_with_role(Role.DIVISION_DIRECTOR, "0209"))
    page = client.post(
        action_url(project), {"action": "approve", "expected_level": seen}, follow=True
    )

    assert "มีผู้ดำเนินการไปแล้ว" in page.content.decode()


def test_bulk_preview_counts_by_unit_and_approves_all_in_the_filter(client):
    waiting("permanent_secretary", "0209", 3)
    waiting("permanent_secretary", "DOE", 2)
    client.force_login(user_with_role(Role.PERMANENT_SECRETARY, "MOL"))

    preview = client.post(reverse("approvals:bulk_preview"), {"scope": "all"})
    ids = preview.context["ids"]
    assert len(ids) == 5
    assert {(r["unit__abbr"], r["count"]) for r in preview.context["by_unit"]} == {
        ("สตป.", 3),
        ("กกจ.", 2),
    }

    response = client.post(reverse("approvals:bulk_approve"), {"approval": ids}, follow=True)

    assert "อนุมัติแล้ว 5 รายการ" in response.content.decode()
    assert Approval.objects.filter(status=ItemStatus.APPROVED).count() == 5


def test_bulk_preview_with_a_unit_filter_takes_only_that_unit(client, unit):
    waiting("permanent_secretary", "0209", 3)
    waiting("permanent_secretary", "DOE", 2)
    client.force_login(user_with_role(Role.PERMANENT_SECRETARY, "MOL"))

    preview = client.post(
        reverse("approvals:bulk_preview"), {"scope": "all", "unit": unit("DOE").pk}
    )

    assert len(preview.context["ids"]) == 2


def test_the_item_page_offers_only_the_buttons_the_user_may_use(client, unit):
    project = complete_project(owner_unit=unit("0209"))
    client.force_login(user_with_role(Role.STAFF, "0209"))
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert 'data-action="submit"' in page and 'data-action="approve"' not in page

    client.force_login(user_with_role(Role.CLUSTER_HEAD, "CL-POLICY"))
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "data-action" not in page


def test_notifications_are_listed_and_marked_read_when_seen(client, unit):
    staff = user_with_role(Role.STAFF, "0209")
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    client.force_login(staff)
    client.post(action_url(complete_project(owner_unit=unit("0209"))), {"action": "submit"})
    client.force_login(director)

    assert client.get(reverse("home")).context["unread_notifications"] == 1
    page = client.get(reverse("approvals:notifications")).content.decode()

    assert "มีรายการรอพิจารณา 1 รายการ" in page
    assert client.get(reverse("home")).context["unread_notifications"] == 0


def test_the_director_holding_a_submitted_item_is_not_offered_withdraw(unit):
    from approvals.selectors import actions_for
    from approvals.services.transitions import item_submit

    staff = user_with_role(Role.STAFF, "0209")
    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")
    project = complete_project(owner_unit=unit("0209"))
    item_submit(item=project, actor=staff)
    project.refresh_from_db()

    assert actions_for(director, project).can_withdraw is False
    assert actions_for(staff, project).can_withdraw is True


def test_the_inbox_lists_quarterly_reports_in_the_same_queries_for_few_or_many(client, unit):
    from tests.factories import QuarterlyReportFactory

    director = user_with_role(Role.DIVISION_DIRECTOR, "0209")

    def add(n):
        for _ in range(n):
            report = QuarterlyReportFactory(
                project=ProjectFactory(owner_unit=unit("0209"), status="approved"),
                status="submitted",
            )
            ApprovalFactory(
                item=report,
                status="submitted",
                current_level=ChainLevel.objects.get(
                    chain__root_unit__code="MOL", role=Role.DIVISION_DIRECTOR
                ),
            )

    client.force_login(director)
    add(2)
    few = queries_of(lambda: client.get(reverse("approvals:inbox")))
    add(20)

    assert queries_of(lambda: client.get(reverse("approvals:inbox"))) == few


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example"])
def test_after_a_move_the_page_never_sends_the_user_off_the_site(client, unit, target):
    project = complete_project(owner_unit=unit("0209"))
    client.force_login(user_with_role(Role.STAFF, "0209"))

    response = client.post(action_url(project), {"action": "submit", "next": target})

    assert response.url == reverse("projects:detail", args=[project.pk])
