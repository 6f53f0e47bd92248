"""A plan's links to level-1/2 targets and its indicators with a target per year:
what is refused, with Thai messages beside the fields, and nothing typed lost."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from orgs.models import Role
from projects.level3.forms import PlanForm
from projects.level3.services import (
    IndicatorInput,
    PlanInput,
    level3_plan_create,
    level3_plan_update,
)
from projects.models import Level3Plan, PlanLevel, PlanNode
from tests.factories import user_with_role
from tests.projects.level3_factories import media_root  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def staff():
    return user_with_role(Role.STAFF, "0209")


def form_data(**fields) -> dict:
    data = {
        "name": "แผนปฏิบัติการด้านแรงงานนอกระบบ ระยะที่ ๑ (พ.ศ. 2567–2570)",
        "plan_type": "action",
        "start_year": "2567",
        "end_year": "2570",
        "target_codes": "110401",
    }
    return {**data, **fields}


def plan_form(unit, **fields) -> PlanForm:
    """The new-plan form for สตป. (0209), bound to `fields`."""
    return PlanForm(form_data(unit=unit("0209").pk, **fields), units=unit("0209").descendants())


def indicator_post(key="a1", goal="แรงงานนอกระบบมีหลักประกัน", name="จำนวนผู้สมัครกองทุน", **years):
    data = {
        "ind": key,
        f"ind-{key}-goal": goal,
        f"ind-{key}-name": name,
        f"ind-{key}-unit_of_measure": "คน",
    }
    data.update({f"ind-{key}-{field}": value for field, value in years.items()})
    return data


def test_a_code_that_is_not_in_the_strategy_tree_is_refused(unit):
    form = plan_form(unit, target_codes="110401; 999999")

    assert not form.is_valid()
    assert form.errors["target_codes"] == ["ไม่พบรหัสเป้าหมาย 999999 ในยุทธศาสตร์ชาติ"]


def test_a_code_of_a_sub_plan_rather_than_a_target_is_refused(unit):
    form = plan_form(unit, target_codes="1104")

    assert not form.is_valid()
    assert "ไม่ใช่เป้าหมายของแผนระดับที่ ๑ หรือ ๒" in form.errors["target_codes"][0]


def test_typed_target_codes_and_reform_areas_are_linked(staff, unit):
    reform = PlanNode.objects.filter(level=PlanLevel.REFORM_AREA).first()
    form = plan_form(unit, target_codes="110401, 010201", reform_areas=[reform.pk])
    assert form.is_valid(), form.errors

    plan = level3_plan_create(user=staff, unit=unit("0209"), data=form.plan_input([]))

    assert sorted(plan.plan_nodes.values_list("code", flat=True)) == [
        "010201",
        "110401",
        reform.code,
    ]


def test_the_service_refuses_a_node_that_is_not_a_level_1_or_2_target(staff, unit):
    strategy = PlanNode.objects.get(level=PlanLevel.STRATEGY, code="3")
    data = PlanInput(
        name="แผน", plan_type="action", start_year=2567, end_year=2567, nodes=[strategy]
    )

    with pytest.raises(ValidationError) as refused:
        level3_plan_create(user=staff, unit=unit("0209"), data=data)

    assert "ไม่ใช่เป้าหมายของแผนระดับที่ ๑ หรือ ๒" in refused.value.message_dict["target_codes"][0]
    assert not Level3Plan.objects.exists()


def test_a_period_that_ends_before_it_starts_is_refused(unit):
    form = plan_form(unit, start_year="2570", end_year="2567")

    assert not form.is_valid()
    assert form.errors["end_year"] == ["ปีสิ้นสุดต้องไม่ก่อนปีเริ่มต้น"]


def test_a_christian_era_year_is_refused_with_a_hint(unit):
    form = plan_form(unit, start_year="2024")

    assert not form.is_valid()
    assert "พ.ศ." in form.errors["start_year"][0]


def test_the_service_refuses_a_target_year_outside_the_period(staff, unit):
    data = PlanInput(
        name="แผน",
        plan_type="action",
        start_year=2567,
        end_year=2568,
        indicators=[IndicatorInput(goal="เป้าหมาย", name="ตัวชี้วัด", targets={2569: Decimal(5)})],
    )

    with pytest.raises(ValidationError) as refused:
        level3_plan_create(user=staff, unit=unit("0209"), data=data)

    assert "2569" in refused.value.message_dict["indicators"][0]


def test_a_target_year_typed_outside_the_period_is_shown_back_with_its_error(client, staff, unit):
    client.force_login(staff)
    data = form_data(unit=unit("0209").pk, start_year="2567", end_year="2568")
    data.update(indicator_post(y2567="100", y2568="200", y2569="300"))

    response = client.post(reverse("projects:level3:create"), data)

    assert response.status_code == 200
    assert not Level3Plan.objects.exists()
    row = response.context["rows"][0]
    assert row.values["y2569"] == "300"
    assert row.errors["y2569"] == "ปีนี้อยู่นอกระยะเวลาของแผน"
    assert 2569 in [year for year, _ in response.context["year_columns"]]
    assert "อยู่นอกระยะเวลาของแผน" in response.content.decode()


def test_everything_typed_stays_on_the_page_when_a_field_is_wrong(client, staff, unit):
    client.force_login(staff)
    data = form_data(unit=unit("0209").pk, target_codes="999999", name="แผนที่พิมพ์ไว้")
    data.update(indicator_post(y2567="12.5", goal="เป้าหมายที่พิมพ์ไว้"))

    response = client.post(reverse("projects:level3:create"), data)

    page = response.content.decode()
    assert "แผนที่พิมพ์ไว้" in page
    assert "เป้าหมายที่พิมพ์ไว้" in page
    assert 'value="12.5"' in page
    assert "ไม่พบรหัสเป้าหมาย 999999" in page


def test_an_indicator_without_its_name_gets_a_message_on_its_row(client, staff, unit):
    client.force_login(staff)
    data = form_data(unit=unit("0209").pk)
    data.update(indicator_post(name="", y2567="1"))

    response = client.post(reverse("projects:level3:create"), data)

    assert response.context["rows"][0].errors["name"] == "กรุณากรอกตัวชี้วัด"
    assert not Level3Plan.objects.exists()


def test_a_plan_is_created_with_indicators_and_a_value_for_each_year(client, staff, unit):
    client.force_login(staff)
    data = form_data(unit=unit("0209").pk, start_year="2567", end_year="2568")
    data.update(indicator_post(y2567="1,000", y2568="1500.50"))
    data["announced_on"] = "15 มี.ค. 2567"

    response = client.post(reverse("projects:level3:create"), data)

    plan = Level3Plan.objects.get()
    assert response.status_code == 302
    assert plan.announced_on.isoformat() == "2024-03-15"
    assert plan.created_by == staff
    targets = plan.indicators.get().targets.values_list("year", "value")
    assert sorted(targets) == [(2567, Decimal("1000.00")), (2568, Decimal("1500.50"))]


def test_editing_keeps_the_ids_of_indicators_that_stay_and_drops_removed_ones(client, staff, unit):
    plan = level3_plan_create(
        user=staff,
        unit=unit("0209"),
        data=PlanInput(
            name="แผน",
            plan_type="action",
            start_year=2567,
            end_year=2567,
            indicators=[
                IndicatorInput(goal="ก", name="ตัวชี้วัดที่คงไว้", targets={2567: Decimal(1)}),
                IndicatorInput(goal="ข", name="ตัวชี้วัดที่ลบ", targets={2567: Decimal(2)}),
            ],
        ),
    )
    kept = plan.indicators.get(name="ตัวชี้วัดที่คงไว้")
    client.force_login(staff)
    data = form_data(start_year="2567", end_year="2567")
    data.update(indicator_post(goal="ก", name="ตัวชี้วัดที่คงไว้ (แก้ไข)", y2567="3"))
    data["ind-a1-id"] = str(kept.pk)

    client.post(reverse("projects:level3:edit", args=[plan.pk]), data)

    assert list(plan.indicators.values_list("pk", "name")) == [(kept.pk, "ตัวชี้วัดที่คงไว้ (แก้ไข)")]


def test_the_owner_is_never_listed_among_its_own_co_responsible_units(staff, unit):
    data = PlanInput(
        name="แผน",
        plan_type="annual",
        start_year=2567,
        end_year=2567,
        co_units=[unit("0209"), unit("0206")],
    )

    plan = level3_plan_create(user=staff, unit=unit("0209"), data=data)

    assert list(plan.co_units.values_list("code", flat=True)) == ["0206"]


def test_a_plan_in_the_chain_cannot_be_edited(staff, unit):
    from approvals.services.transitions import item_submit
    from tests.projects.level3_factories import complete_plan, open_level3_window

    open_level3_window()
    plan = complete_plan(owner_unit=unit("0209"))
    item_submit(item=plan, actor=staff)

    with pytest.raises(ValidationError, match="อยู่ระหว่างการอนุมัติ"):
        level3_plan_update(
            user=staff,
            plan=plan,
            data=PlanInput(name="x", plan_type="action", start_year=2567, end_year=2567),
        )


def test_the_edit_page_starts_from_the_plans_saved_values(client, staff, unit):
    from tests.projects.level3_factories import complete_plan

    plan = complete_plan(owner_unit=unit("0209"), name="แผนที่บันทึกไว้", co_units=[unit("0206")])
    client.force_login(staff)

    response = client.get(reverse("projects:level3:edit", args=[plan.pk]))

    form = response.context["form"]
    assert form["name"].value() == "แผนที่บันทึกไว้"
    assert form["start_year"].value() == 2566
    assert form["target_codes"].value() == "110401"
    assert [r.values["name"] for r in response.context["rows"]] == [plan.indicators.get().name]
    assert 'value="3566.00"' in response.content.decode()


def test_the_edit_page_shows_the_announcement_date_in_the_shared_buddhist_era_field(
    client, staff, unit
):
    from tests.projects.level3_factories import complete_plan

    plan = complete_plan(owner_unit=unit("0209"), announced_on=date(2023, 5, 1))
    client.force_login(staff)

    html = client.get(reverse("projects:level3:edit", args=[plan.pk])).content.decode()

    assert '<input type="text" name="announced_on" value="1 พ.ค. 2566"' in html
    assert 'name="announced_on" value="2023-05-01" class="thai-date-iso"' in html


def test_an_announcement_date_typed_in_christian_era_is_refused_with_a_hint(unit):
    form = plan_form(unit, announced_on="1/5/2023")

    assert not form.is_valid()
    assert form.errors["announced_on"] == ["กรุณากรอกปีเป็น พ.ศ. (เช่น 2566 แทน 2023)"]
