"""factory_boy factories for the domain model."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.contenttypes.models import ContentType

from approvals.models import Approval, Chain, Notification
from orgs.models import ActingKind, Delegation, OrgUnit, Role, RoleAssignment, UnitKind, User
from projects.models import (
    Activity,
    BudgetSource,
    Level3Indicator,
    Level3IndicatorTarget,
    Level3Plan,
    Level3PlanType,
    PlanLevel,
    PlanNode,
    Project,
    ProjectTarget,
    SourceKind,
    SpendingPlan,
    TargetKind,
)
from reporting.models import QuarterlyReport
from windows.models import Window, WindowKind


def existing_unit(code: str):
    return factory.LazyFunction(lambda: OrgUnit.objects.get(code=code))


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"T{n:04d}")
    parent = existing_unit("OPS")
    kind = UnitKind.DIVISION
    name_th = factory.Sequence(lambda n: f"กองทดสอบที่ {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "ทดสอบ"
    last_name = factory.Sequence(lambda n: f"ผู้ใช้{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@mol.example")
    password = factory.django.Password("pass-1234-ทดสอบ")


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.STAFF
    unit = existing_unit("0209")


def user_with_role(role: str, unit_code: str, **user_fields) -> User:
    """A user holding `role` at the unit with code `unit_code`."""
    user = UserFactory(home_unit=OrgUnit.objects.get(code=unit_code), **user_fields)
    RoleAssignmentFactory(user=user, role=role, unit=OrgUnit.objects.get(code=unit_code))
    return user


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    assignment = factory.SubFactory(RoleAssignmentFactory, role=Role.DIVISION_DIRECTOR)
    delegate = factory.SubFactory(UserFactory)
    kind = ActingKind.ACTING
    starts_on = date(2020, 1, 1)
    ends_on = date(2099, 12, 31)


class PlanNodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanNode

    level = PlanLevel.SUB_PLAN_TARGET
    code = factory.Sequence(lambda n: f"99{n:04d}")
    name_th = factory.Sequence(lambda n: f"เป้าหมายทดสอบ {n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    code = factory.Sequence(lambda n: f"รง 0209-67-{n + 1:04d}")
    name = factory.Sequence(lambda n: f"โครงการทดสอบที่ {n}")
    owner_unit = existing_unit("0209")
    fiscal_year = 2567
    start_date = date(2023, 10, 1)
    end_date = date(2024, 9, 30)


class Level3PlanFactory(factory.django.DjangoModelFactory):
    """A draft action plan of สตป. (0209) for 2566–2570."""

    class Meta:
        model = Level3Plan

    name = factory.Sequence(lambda n: f"แผนปฏิบัติการด้านแรงงาน ระยะที่ {n + 1} (พ.ศ. 2566–2570)")
    plan_type = Level3PlanType.ACTION
    owner_unit = existing_unit("0209")
    start_year = 2566
    end_year = 2570
    announced_on = date(2023, 5, 1)


class Level3IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Level3Indicator

    plan = factory.SubFactory(Level3PlanFactory)
    goal = "แรงงานมีงานทำและมีรายได้มั่นคง"
    name = factory.Sequence(lambda n: f"จำนวนแรงงานที่ได้รับการพัฒนา ตัวชี้วัดที่ {n + 1}")
    unit_of_measure = "คน"
    position = factory.Sequence(int)


class Level3IndicatorTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Level3IndicatorTarget

    indicator = factory.SubFactory(Level3IndicatorFactory)
    year = 2566
    value = Decimal("1000.00")


class ProjectTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectTarget

    project = factory.SubFactory(ProjectFactory)
    kind = TargetKind.OUTPUT
    description = "ผู้เข้าร่วมโครงการ"
    target_value = Decimal(100)
    unit_of_measure = "คน"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"กิจกรรมที่ {n + 1}")
    position = factory.Sequence(int)


class BudgetSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetSource

    project = factory.SubFactory(ProjectFactory)
    kind = SourceKind.STATE_DIRECT
    amount = Decimal("100000.00")


class SpendingPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpendingPlan

    project = factory.SubFactory(ProjectFactory)
    fiscal_year = 2567
    quarter = 1
    amount = Decimal("25000.00")


class WindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Window

    fiscal_year = 2567
    kind = WindowKind.QUARTERLY_REPORT
    quarter = 1
    opens_on = date(2024, 1, 1)
    unit_deadline = date(2024, 1, 16)
    chain_deadline = date(2024, 1, 30)


class QuarterlyReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuarterlyReport

    project = factory.SubFactory(ProjectFactory)
    fiscal_year = 2567
    quarter = 1
    progress_percent = Decimal("50.00")


class ApprovalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Approval

    content_type = factory.LazyAttribute(lambda a: ContentType.objects.get_for_model(a.item))
    object_id = factory.LazyAttribute(lambda a: a.item.pk)
    unit = factory.LazyAttribute(lambda a: a.item.owner_unit)
    chain = factory.LazyFunction(lambda: Chain.objects.get(root_unit__code="MOL"))

    class Params:
        item = factory.SubFactory(ProjectFactory)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "test"
    title = "แจ้งเตือนทดสอบ"


def complete_project(**fields) -> Project:
    """A project with every required field of M1–M5 filled (what submission requires)."""
    from projects.models import ActivityQuarter, OperatingArea
    from projects.services.entry import project_refresh_completeness

    defaults = {
        "director_first_name": "สมชาย",
        "director_last_name": "ใจดี",
        "director_email": "somchai@mol.go.th",
        "director_phone": "0 2232 1403",
        "rationale": "เหตุผล",
        "objectives": "วัตถุประสงค์",
        "expected_results": "ผลที่คาดว่าจะได้รับ",
        "target_groups": "แรงงาน",
    }
    project = ProjectFactory(**{**defaults, **fields})
    project.plan_nodes.add(PlanNode.objects.get(code="110401"))
    for position, kind in enumerate([TargetKind.OUTPUT, TargetKind.OUTCOME, TargetKind.KPI]):
        ProjectTargetFactory(project=project, kind=kind, position=position)
    OperatingArea.objects.create(project=project, level="country")
    activity = ActivityFactory(project=project)
    ActivityQuarter.objects.create(activity=activity, fiscal_year=2567, quarter=1)
    BudgetSourceFactory(project=project, amount=Decimal("100000.00"))
    SpendingPlanFactory(project=project, amount=Decimal("100000.00"))
    return project_refresh_completeness(project=project)
