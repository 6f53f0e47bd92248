"""Entering a project module by module, and the checks a ป.ย.ป. officer makes."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from approvals.models import ItemStatus
from orgs.models import Role
from projects.duplicates import LikelyDuplicatesFound
from projects.models import CodeSequence, PlanNode, Project
from projects.selectors import split_codes, target_nodes_for_codes
from projects.services.codes import project_code_reserve
from projects.services.entry import (
    ActivityRow,
    project_create,
    project_save_activities,
    project_save_budget,
    project_save_detail,
    project_save_general,
    project_save_links,
)
from tests.factories import ProjectFactory, user_with_role

pytestmark = pytest.mark.django_db

GENERAL = {
    "name": "โครงการพัฒนาทักษะแรงงาน",
    "kind": "project",
    "cycle": "fiscal",
    "programme": "",
    "uses_budget": True,
    "in_house": True,
    "contracted": False,
    "gfmis_code": "",
    "director_title": "นาย",
    "director_first_name": "สมชาย",
    "director_last_name": "ใจดี",
    "director_email": "somchai@mol.go.th",
    "director_email_alt": "",
    "director_phone": "0 2232 1403",
    "director_fax": "",
    "start_date": date(2023, 10, 1),
    "end_date": date(2025, 9, 30),
}


@pytest.fixture
def staff():
    return user_with_role(Role.STAFF, "0209")


@pytest.fixture
def project(staff, unit):
    return project_create(
        user=staff, unit=unit("0209"), fiscal_year=2567, name="ร่างโครงการ", kind="project"
    )


def test_a_new_project_gets_the_units_next_code(staff, unit):
    first = project_create(
        user=staff, unit=unit("0209"), fiscal_year=2567, name="ก", kind="project"
    )
    second = project_create(
        user=staff, unit=unit("0209"), fiscal_year=2567, name="ข", kind="project"
    )

    assert (first.code, second.code) == ("รง 0209-67-0001", "รง 0209-67-0002")


def test_a_reserved_running_number_is_never_issued_again(staff, unit):
    reserved = project_code_reserve(unit=unit("0209"), fiscal_year=2567, number=2)
    again = project_code_reserve(unit=unit("0209"), fiscal_year=2567, number=1)

    created = project_create(
        user=staff, unit=unit("0209"), fiscal_year=2567, name="ก", kind="project"
    )

    assert (reserved, again) == ("รง 0209-67-0002", "รง 0209-67-0001")
    assert created.code == "รง 0209-67-0003"


def test_a_likely_duplicate_refuses_creation_before_a_code_is_issued(staff, unit):
    existing = project_create(
        user=staff, unit=unit("0209"), fiscal_year=2567, name="โครงการจัดหางานเชิงรุก", kind="project"
    )

    with pytest.raises(LikelyDuplicatesFound) as refused:
        project_create(
            user=staff,
            unit=unit("0209"),
            fiscal_year=2567,
            name="จัดหางาน เชิงรุก",
            kind="project",
            distinct_from=[],
        )

    assert [d.project for d in refused.value.found] == [existing]
    assert CodeSequence.objects.get(fiscal_year=2567).last_number == 1


def test_duplicates_confirmed_different_are_recorded_as_reviewed(staff, unit):
    existing = project_create(
        user=staff, unit=unit("0209"), fiscal_year=2567, name="ก", kind="project", gfmis_code="77"
    )

    created = project_create(
        user=staff,
        unit=unit("0209"),
        fiscal_year=2567,
        name="ข",
        kind="project",
        gfmis_code=" 77 ",
        distinct_from=[existing.code],
    )

    assert created.gfmis_code == "77"
    assert created.duplicates_reviewed["codes"] == [existing.code]


def test_a_new_project_starts_as_an_incomplete_draft_listing_every_module(project):
    assert project.status == ItemStatus.DRAFT
    assert not project.is_complete
    assert all(project.missing[m] for m in ["m1", "m2", "m3", "m4", "m5"])


def test_staff_cannot_create_a_project_for_another_unit(staff, unit):
    with pytest.raises(PermissionDenied):
        project_create(user=staff, unit=unit("0206"), fiscal_year=2567, name="ก", kind="project")


def test_staff_cannot_change_a_project_of_another_unit(unit):
    other = ProjectFactory(owner_unit=unit("0206"))

    with pytest.raises(PermissionDenied):
        project_save_general(user=user_with_role(Role.STAFF, "0209"), project=other, data=GENERAL)


def test_the_end_may_not_come_before_the_start(staff, project):
    with pytest.raises(ValidationError) as exc:
        project_save_general(
            user=staff,
            project=project,
            data={**GENERAL, "start_date": date(2024, 9, 30), "end_date": date(2024, 1, 1)},
        )

    assert exc.value.message_dict["end_date"] == ["วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น"]
    assert Project.objects.get(pk=project.pk).start_date is None


def test_general_data_completes_m2(staff, project):
    saved = project_save_general(user=staff, project=project, data=GENERAL)

    assert saved.missing["m2"] == []


def test_a_missing_director_phone_is_listed(staff, project):
    saved = project_save_general(
        user=staff, project=project, data={**GENERAL, "director_phone": ""}
    )

    assert "ยังไม่ได้กรอกโทรศัพท์ของผู้อำนวยการ" in saved.missing["m2"]


def test_linking_a_sub_plan_target_completes_m1(staff, project):
    nodes, unknown = target_nodes_for_codes(split_codes("110401"))

    saved = project_save_links(user=staff, project=project, nodes=nodes, level3_plans=[])

    assert unknown == [] and saved.missing["m1"] == []


def test_a_typed_code_that_is_not_in_the_strategy_tree_is_reported():
    nodes, unknown = target_nodes_for_codes(split_codes("110401; 999999, 010201"))

    assert [n.code for n in nodes] == ["110401", "010201"]
    assert unknown == ["999999"]


def test_a_master_plan_code_is_not_a_target():
    _, unknown = target_nodes_for_codes(["11"])

    assert unknown == ["11"]
    assert PlanNode.objects.filter(code="11").exists()


def test_detail_with_targets_kpi_and_area_completes_m3(staff, project):
    saved = project_save_detail(
        user=staff,
        project=project,
        data={"rationale": "ก", "objectives": "ข", "expected_results": "ค", "target_groups": "ง"},
        targets=[
            {
                "kind": "output",
                "description": "ผู้ผ่านการอบรม",
                "target_value": Decimal(100),
                "unit_of_measure": "คน",
            },
            {
                "kind": "outcome",
                "description": "มีงานทำ",
                "target_value": None,
                "unit_of_measure": "",
            },
            {
                "kind": "kpi",
                "description": "ร้อยละผู้มีงานทำ",
                "target_value": Decimal(80),
                "unit_of_measure": "ร้อยละ",
            },
        ],
        areas=[{"level": "province", "province": "เชียงใหม่"}],
    )

    assert saved.missing["m3"] == []


def test_a_kpi_without_a_target_value_is_listed(staff, project):
    saved = project_save_detail(
        user=staff,
        project=project,
        data={},
        areas=[],
        targets=[
            {
                "kind": "kpi",
                "description": "ร้อยละผู้มีงานทำ",
                "target_value": None,
                "unit_of_measure": "",
            }
        ],
    )

    assert "ตัวชี้วัด “ร้อยละผู้มีงานทำ” ยังไม่มีค่าเป้าหมายหรือหน่วยนับ" in saved.missing["m3"]


def test_activities_form_a_tree_from_their_depths(staff, project):
    project_save_general(user=staff, project=project, data=GENERAL)

    saved = project_save_activities(
        user=staff,
        project=project,
        rows=[
            ActivityRow("เตรียมการ", 0, [(2567, 1)]),
            ActivityRow("ประชุม", 1, [(2567, 1)]),
            ActivityRow("จัดซื้อ", 1, [(2567, 2)]),
            ActivityRow("อบรม", 0, [(2567, 3), (2568, 1)]),
        ],
    )

    tree = {
        (a.name, a.parent.name if a.parent else None, a.position) for a in saved.activities.all()
    }
    assert tree == {
        ("เตรียมการ", None, 1),
        ("ประชุม", "เตรียมการ", 1),
        ("จัดซื้อ", "เตรียมการ", 2),
        ("อบรม", None, 2),
    }
    assert saved.missing["m4"] == []


def test_an_activity_quarter_outside_the_period_is_refused(staff, project):
    project_save_general(user=staff, project=project, data=GENERAL)

    with pytest.raises(ValidationError, match="อยู่นอกระยะเวลาโครงการ"):
        project_save_activities(
            user=staff, project=project, rows=[ActivityRow("อบรม", 0, [(2569, 1)])]
        )


def test_an_activity_cannot_skip_a_level_of_nesting(staff, project):
    with pytest.raises(ValidationError, match="ย่อหน้าได้ครั้งละหนึ่งระดับ"):
        project_save_activities(user=staff, project=project, rows=[ActivityRow("อบรม", 1)])


def test_resaving_activities_keeps_their_identity(staff, project):
    project_save_general(user=staff, project=project, data=GENERAL)
    saved = project_save_activities(
        user=staff, project=project, rows=[ActivityRow("อบรม", 0, [(2567, 1)])]
    )
    first = saved.activities.get()

    saved = project_save_activities(
        user=staff,
        project=project,
        rows=[ActivityRow("อบรมเชิงปฏิบัติการ", 0, [(2567, 2)], id=first.pk)],
    )

    again = saved.activities.get()
    assert again.pk == first.pk and again.name == "อบรมเชิงปฏิบัติการ"
    assert [(q.fiscal_year, q.quarter) for q in again.quarters.all()] == [(2567, 2)]


def budget(amount: str, plan: dict):
    return {
        "sources": [{"kind": "state_direct", "source_name": "", "amount": Decimal(amount)}],
        "plan": {key: Decimal(v) for key, v in plan.items()},
    }


def test_a_spending_plan_equal_to_the_sources_completes_m5(staff, project):
    project_save_general(user=staff, project=project, data=GENERAL)

    saved = project_save_budget(
        user=staff, project=project, **budget("1000", {(2567, 1): "400", (2568, 4): "600"})
    )

    assert saved.missing["m5"] == []


def test_a_spending_plan_that_differs_from_the_sources_is_listed(staff, project):
    project_save_general(user=staff, project=project, data=GENERAL)

    saved = project_save_budget(user=staff, project=project, **budget("1000", {(2567, 1): "400"}))

    assert saved.missing["m5"] == [
        "ยอดรวมแผนการใช้จ่าย (400.00 บาท) ไม่เท่ากับยอดรวมแหล่งเงิน (1,000.00 บาท)"
    ]


def test_negative_amounts_are_refused(staff, project):
    project_save_general(user=staff, project=project, data=GENERAL)

    with pytest.raises(ValidationError, match="ต้องไม่ติดลบ"):
        project_save_budget(user=staff, project=project, **budget("-5", {}))


def test_a_project_without_budget_may_not_have_sources(staff, project):
    project_save_general(user=staff, project=project, data={**GENERAL, "uses_budget": False})

    with pytest.raises(ValidationError, match="ไม่ใช้งบประมาณต้องไม่มีแหล่งเงิน"):
        project_save_budget(user=staff, project=project, **budget("1000", {(2567, 1): "1000"}))


def test_a_project_without_budget_completes_m5_with_no_sources(staff, project):
    saved = project_save_general(
        user=staff, project=project, data={**GENERAL, "uses_budget": False}
    )

    assert saved.missing["m5"] == []


def test_spending_outside_the_period_is_refused(staff, project):
    project_save_general(user=staff, project=project, data=GENERAL)

    with pytest.raises(ValidationError, match="นอกระยะเวลาโครงการ"):
        project_save_budget(user=staff, project=project, **budget("1000", {(2566, 4): "1000"}))


def test_shortening_the_period_under_scheduled_activities_is_refused(staff, project):
    project_save_general(user=staff, project=project, data=GENERAL)
    project_save_activities(user=staff, project=project, rows=[ActivityRow("อบรม", 0, [(2568, 2)])])

    with pytest.raises(ValidationError, match="2/2568"):
        project_save_general(
            user=staff, project=project, data={**GENERAL, "end_date": date(2024, 9, 30)}
        )


def test_a_submitted_project_cannot_be_edited(staff, project):
    Project.objects.filter(pk=project.pk).update(status=ItemStatus.SUBMITTED)

    with pytest.raises(ValidationError, match="อยู่ระหว่างการอนุมัติ"):
        project_save_general(user=staff, project=project, data=GENERAL)


def test_editing_an_approved_project_opens_a_new_revision(staff, project):
    Project.objects.filter(pk=project.pk).update(status=ItemStatus.APPROVED)

    saved = project_save_general(user=staff, project=project, data=GENERAL)

    assert (saved.status, saved.revision) == (ItemStatus.DRAFT, 2)
