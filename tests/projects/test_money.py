"""Money in M5 (issue 17, item 9): an amount is read exactly as typed, in Arabic or Thai
digits; more than two decimals is refused with a message naming the row, never rounded;
a European comma is refused, never read as a point."""

from decimal import Decimal

import pytest
from django.urls import reverse

from orgs.models import Role
from projects.forms import parse_number
from projects.inputs import BudgetInput, DetailInput, OtherSourceRow, TargetRow
from projects.models import SourceKind
from tests.factories import ProjectFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed, read",
    [
        ("1,250,000.50", Decimal("1250000.50")),
        ("1250000.5", Decimal("1250000.5")),
        ("๑,๒๕๐,๐๐๐.๕๐", Decimal("1250000.50")),
        ("๑๐๐๐", Decimal("1000")),
        (" 1,000.555 ", Decimal("1000.555")),  # exactly as typed: the rule refuses it
        (".5", Decimal("0.5")),
        ("-5", Decimal("-5")),
    ],
)
def test_a_number_is_read_exactly_as_typed(typed, read):
    assert parse_number(typed) == read and str(parse_number(typed)) == str(read)


@pytest.mark.parametrize(
    "typed", ["1.000,5", "1,00", "10,0000", "12abc", "1e5", "NaN", "Infinity", "", ".", "1 000"]
)
def test_what_is_not_a_number_as_officials_write_it_is_not_read(typed):
    assert parse_number(typed) is None


@pytest.fixture
def post_m5(client):
    client.force_login(user_with_role(Role.STAFF, "0209"))

    def post(project, data):
        return client.post(reverse("projects:edit", args=[project.pk, "m5"]), data)

    return post


def test_three_decimals_in_a_source_are_refused_naming_the_source(post_m5):
    project = ProjectFactory()

    response = post_m5(project, {"source-state_direct": "1,000.555", "plan-2567-1": "1000.55"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "งบประมาณที่หน่วยงานขอโดยตรง: จำนวนเงิน 1,000.555 มีทศนิยมเกิน ๒ ตำแหน่ง" in page
    assert 'value="1,000.555"' in page
    assert not project.budget_sources.exists() and not project.spending_plan.exists()


def test_three_decimals_in_the_plan_are_refused_naming_the_quarter(post_m5):
    project = ProjectFactory()

    page = post_m5(
        project, {"source-state_direct": "1000", "plan-2567-2": "1000.001"}
    ).content.decode()

    assert "แผนการใช้จ่าย ปีงบประมาณ 2567 ไตรมาสที่ 2: จำนวนเงิน 1,000.001" in page
    assert not project.spending_plan.exists()


def test_three_decimals_in_another_source_are_refused_naming_its_row(post_m5):
    project = ProjectFactory()

    page = post_m5(
        project,
        {
            "other": ["k1", "k2"],
            "other-k1-name": "เงินรายได้สะสม",
            "other-k1-amount": "10",
            "other-k2-name": "เงินบริจาค",
            "other-k2-amount": "99.999",
        },
    ).content.decode()

    assert "งบประมาณจากแหล่งอื่นแถวที่ 2 “เงินบริจาค”: จำนวนเงิน 99.999" in page
    assert not project.budget_sources.exists()


def test_a_european_decimal_comma_is_refused_not_read_as_one_baht(post_m5):
    project = ProjectFactory()

    page = post_m5(project, {"source-state_direct": "1.000,5"}).content.decode()

    assert "กรุณากรอกจำนวนเงินเป็นตัวเลข เช่น 1,250,000.50" in page
    assert not project.budget_sources.exists()


def test_thai_digits_are_saved_as_the_amount_they_write(post_m5):
    project = ProjectFactory()

    response = post_m5(project, {"source-state_direct": "๑,๐๐๐,๐๐๐.๕๐", "plan-2567-1": "๑๐๐๐๐๐๐.๕"})

    assert response.status_code == 302
    assert project.budget_sources.get().amount == Decimal("1000000.50")
    assert project.spending_plan.get().amount == Decimal("1000000.50")


def test_two_decimals_are_saved_to_the_satang(post_m5):
    project = ProjectFactory()

    post_m5(project, {"source-state_direct": "1,000.55", "plan-2567-1": "1000.55"})

    assert project.budget_sources.get().amount == Decimal("1000.55")


def test_the_budget_rule_refuses_over_precise_amounts_from_any_caller():
    project = ProjectFactory()
    budget = BudgetInput(
        sources={SourceKind.OWN_REVENUE: Decimal("5.005")},
        others=[OtherSourceRow("เงินบริจาค", Decimal("1.125"))],
        plan={"2567-3": Decimal("0.001")},
    )

    _arguments, problems = budget.for_service(project=project)

    assert problems == {
        "sources.own_revenue": "เงินรายได้ของหน่วยงาน: จำนวนเงิน 5.005 มีทศนิยมเกิน ๒ ตำแหน่ง กรุณากรอกไม่เกิน ๒ ตำแหน่ง (ระบบไม่ปัดเศษให้)",
        "others.0.amount": "งบประมาณจากแหล่งอื่นแถวที่ 1 “เงินบริจาค”: จำนวนเงิน 1.125 มีทศนิยมเกิน ๒ ตำแหน่ง กรุณากรอกไม่เกิน ๒ ตำแหน่ง (ระบบไม่ปัดเศษให้)",
        "plan.2567-3": "แผนการใช้จ่าย ปีงบประมาณ 2567 ไตรมาสที่ 3: จำนวนเงิน 0.001 มีทศนิยมเกิน ๒ ตำแหน่ง กรุณากรอกไม่เกิน ๒ ตำแหน่ง (ระบบไม่ปัดเศษให้)",
    }


def test_a_target_value_with_three_decimals_is_refused_not_rounded(client):
    project = ProjectFactory()
    client.force_login(user_with_role(Role.STAFF, "0209"))

    response = client.post(
        reverse("projects:edit", args=[project.pk, "m3"]),
        {
            "target": ["t1"],
            "target-t1-kind": "kpi",
            "target-t1-description": "ร้อยละผู้มีงานทำ",
            "target-t1-target_value": "33.333",
        },
    )

    assert response.context["targets"][0].errors == {
        "target_value": "ทศนิยมได้ไม่เกิน ๒ ตำแหน่ง (ระบบไม่ปัดเศษให้)"
    }
    assert not project.targets.exists()


def test_the_target_rule_refuses_three_decimals_from_any_caller():
    project = ProjectFactory()
    detail = DetailInput(targets=[TargetRow("kpi", "ร้อยละ", Decimal("33.333"))])

    _arguments, problems = detail.for_service(project=project)

    assert problems == {"targets.0.target_value": "ค่าเป้าหมายมีทศนิยมได้ไม่เกิน ๒ ตำแหน่ง"}
