"""A deterministic national-scale data set for `make bench` (issue 10).

Builds on the real unit tree and strategy tree loaded by the migrations: adds
generated divisions under the real departments up to `units`, users with roles,
approved projects (plan links to real Y1 targets, budget sources, a spending
plan, a few activities), four quarters of reports spread over the five bands,
and Approval rows with Transition trails consistent with every status. Q4
reports wait at the Permanent Secretary's step for `inbox` items, so
`bench_ps` has an inbox of that size. Rows are written with `bulk_create`.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from approvals.models import Action, Approval, Chain, ItemStatus, Transition
from approvals.selectors import levels_for
from core.clock import today
from core.fiscal import Quarter
from orgs.models import OrgUnit, Role, RoleAssignment, UnitKind, User, rebuild_paths
from projects.models import (
    Activity,
    ActivityQuarter,
    BudgetSource,
    PlanLevel,
    PlanNode,
    Project,
    SourceKind,
    SpendingPlan,
)
from reporting.models import QuarterlyReport
from windows.models import Window, WindowKind

FISCAL_YEAR = 2568
CODE_PREFIX = "BENCH-"
BATCH = 5000
BANDS = [(100, 100), (75, 99), (50, 74), (25, 49), (0, 24)]


@dataclass(frozen=True)
class Scale:
    name: str
    projects: int
    units: int
    users: int
    inbox: int


SCALES = {
    "small": Scale("small", projects=10_000, units=100, users=500, inbox=1_000),
    "full": Scale("full", projects=100_000, units=1_000, users=5_000, inbox=10_000),
}


def dataset_size() -> int:
    return Project.objects.filter(code__startswith=CODE_PREFIX).count()


def dataset_present(scale: Scale) -> bool:
    return dataset_size() == scale.projects


def generate(scale: Scale, *, seed: int = 10, prefix: str = CODE_PREFIX) -> None:
    """`prefix` starts the codes of its units and projects, and (in lower case) its users'
    names: a second data set with another prefix adds to the first (the page-query test)."""
    rng = random.Random(seed)
    with transaction.atomic():
        divisions = _units(scale, rng, prefix)
        people = _users(scale, divisions, rng, prefix.lower().rstrip("-") + "_")
        windows = _windows()
        projects = _projects(scale, divisions, people, rng, prefix)
        _project_details(projects, rng)
        _project_approvals(projects, people)
        _reports(scale, projects, windows, people, rng)


def publish(*, fiscal_year: int = FISCAL_YEAR) -> None:
    """What the product would have made of the data set by now: every approved project
    published (opendata's backfill), and the rounds before the one being reported frozen,
    as the deadline task freezes them, from two years before the data set's year to the
    year after, but the data set's fourth quarter: that one stays live, the busy round
    the board, the five-band page and the comparison count live.
    Idempotent; the generator's bulk inserts bypass the engine that publishes."""
    from opendata.models import PublishedProject
    from opendata.publishing import publish_all
    from reporting.selectors import current_round
    from reporting.snapshots import round_snapshot_take

    if not PublishedProject.objects.exists():
        with transaction.atomic():
            publish_all()
    being_reported = Quarter(*current_round(today()))
    for year in range(fiscal_year - 2, fiscal_year + 2):
        for quarter in (1, 2, 3, 4):
            round_ = Quarter(year, quarter)
            if round_ != Quarter(fiscal_year, 4) and round_ < being_reported:
                round_snapshot_take(fiscal_year=year, quarter=quarter, reason="ข้อมูลทดสอบสมรรถนะ")


def _units(scale: Scale, rng: random.Random, prefix: str) -> list[OrgUnit]:
    """Generated divisions under the real departments until the tree has `units` units."""
    departments = list(OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT).order_by("path"))
    missing = scale.units - OrgUnit.objects.count()
    new = [
        OrgUnit(
            code=f"{prefix}U{i:05d}",
            parent=departments[i % len(departments)],
            kind=UnitKind.DIVISION,
            abbr=f"กท.{i}",
            name_th=f"กองทดสอบสมรรถนะที่ {i}",
            sort_order=1000 + i,
        )
        for i in range(max(missing, 0))
    ]
    OrgUnit.objects.bulk_create(new, batch_size=BATCH)
    rebuild_paths(OrgUnit)
    return list(OrgUnit.objects.filter(kind=UnitKind.DIVISION).order_by("path"))


def _users(scale: Scale, divisions: list[OrgUnit], rng: random.Random, name: str) -> dict:
    """Staff and a director per division, a head per department and cluster, one
    ป.ย.ป. officer and the Permanent Secretary; the rest are staff."""
    ministry = OrgUnit.objects.get(code="MOL")
    seats = [(Role.PERMANENT_SECRETARY, ministry), (Role.PYP_OFFICER, ministry)]
    seats += [(Role.CLUSTER_HEAD, u) for u in OrgUnit.objects.filter(kind=UnitKind.CLUSTER)]
    seats += [(Role.DEPARTMENT_HEAD, u) for u in OrgUnit.objects.filter(kind=UnitKind.DEPARTMENT)]
    seats += [(Role.DIVISION_DIRECTOR, d) for d in divisions]
    seats += [(Role.STAFF, d) for d in divisions]
    while len(seats) < scale.users:
        seats.append((Role.STAFF, rng.choice(divisions)))
    users = [
        User(
            username=f"{name}{i:05d}" if i else f"{name}ps",
            first_name="ผู้ทดสอบ",
            last_name=str(i),
            home_unit=unit,
            password="!",
        )
        for i, (_, unit) in enumerate(seats[: scale.users])
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    users = list(User.objects.filter(username__startswith=name).order_by("pk"))
    by_name = {u.username: u for u in users}
    ordered = [by_name[f"{name}ps"]] + [by_name[f"{name}{i:05d}"] for i in range(1, len(users))]
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user=u, role=r, unit=unit)
            for u, (r, unit) in zip(ordered, seats, strict=False)
        ],
        batch_size=BATCH,
    )
    staff = {}
    for u, (r, unit) in zip(ordered, seats, strict=False):
        if r == Role.STAFF:
            staff.setdefault(unit.pk, u)
    holders = {(r, unit.pk): u for u, (r, unit) in zip(ordered, seats, strict=False)}
    return {"staff": staff, "holders": holders, "ps": ordered[0], "any": ordered}


def _windows() -> dict[int, Window]:
    windows = {}
    for q in range(1, 5):
        quarter = Quarter(FISCAL_YEAR, q)
        windows[q], _ = Window.objects.get_or_create(
            fiscal_year=FISCAL_YEAR,
            kind=WindowKind.QUARTERLY_REPORT,
            quarter=q,
            defaults={
                "name": f"รายงานไตรมาส {q}/{FISCAL_YEAR}",
                "opens_on": quarter.end - timedelta(days=14),
                "unit_deadline": quarter.end + timedelta(days=20),
                "chain_deadline": quarter.end + timedelta(days=30),
            },
        )
    return windows


def _projects(scale: Scale, divisions, people, rng: random.Random, prefix: str) -> list[Project]:
    year = Quarter(FISCAL_YEAR, 1).start, Quarter(FISCAL_YEAR, 4).end
    rows = []
    for i in range(scale.projects):
        unit = divisions[i % len(divisions)]
        # one in ten runs only the first half of the year: not due in Q3 and Q4
        end = year[1] if i % 10 else Quarter(FISCAL_YEAR, 2).end
        rows.append(
            Project(
                code=f"{prefix}{FISCAL_YEAR}-{i:06d}",
                name=f"โครงการทดสอบสมรรถนะลำดับที่ {i}",
                owner_unit=unit,
                fiscal_year=FISCAL_YEAR,
                status=ItemStatus.APPROVED,
                start_date=year[0],
                end_date=end,
                gfmis_code=f"G{i:08d}",
                created_by=people["staff"].get(unit.pk),
                is_complete=True,
            )
        )
    Project.objects.bulk_create(rows, batch_size=BATCH)
    return list(
        Project.objects.filter(code__startswith=prefix).select_related("owner_unit").order_by("pk")
    )


def _project_details(projects: list[Project], rng: random.Random) -> None:
    targets = list(
        PlanNode.objects.filter(level=PlanLevel.SUB_PLAN_TARGET).values_list("pk", flat=True)
    )
    Link = Project.plan_nodes.through
    links, sources, plans, activities = [], [], [], []
    for p in projects:
        for node in rng.sample(targets, k=min(2, len(targets))):
            links.append(Link(project_id=p.pk, plannode_id=node))
        amount = Decimal(rng.randrange(100_000, 50_000_000, 1000))
        sources.append(BudgetSource(project=p, kind=SourceKind.STATE_DIRECT, amount=amount))
        for q in range(1, 5):
            plans.append(
                SpendingPlan(project=p, fiscal_year=FISCAL_YEAR, quarter=q, amount=amount / 4)
            )
        for n in range(3):
            activities.append(Activity(project=p, position=n, name=f"กิจกรรมที่ {n + 1}"))
    Link.objects.bulk_create(links, batch_size=BATCH)
    BudgetSource.objects.bulk_create(sources, batch_size=BATCH)
    SpendingPlan.objects.bulk_create(plans, batch_size=BATCH)
    Activity.objects.bulk_create(activities, batch_size=BATCH)
    ActivityQuarter.objects.bulk_create(
        [
            ActivityQuarter(activity=a, fiscal_year=FISCAL_YEAR, quarter=a.position + 1)
            for a in activities
        ],
        batch_size=BATCH,
    )


def _unit_steps(projects: list[Project], people) -> dict[int, list[tuple]]:
    """Per unit: its chain's steps, each with the user who acts there."""
    chain = Chain.objects.get(root_unit__code="MOL")
    steps = {}
    for unit in {p.owner_unit_id: p.owner_unit for p in projects}.values():
        ancestors = {a.kind: a for a in unit.ancestors()}
        steps[unit.pk] = [
            (
                level,
                _holder(people, level.role, ancestors.get(level.approver_unit_kind or "ministry")),
            )
            for level in levels_for(unit=unit, chain=chain)
        ]
    return steps


def _holder(people, role: str, unit: OrgUnit | None) -> User:
    return people["holders"].get((role, unit.pk if unit else None), people["ps"])


@dataclass
class Trail:
    """Approvals and their transitions, written in two bulk inserts."""

    approvals: list
    moves: list

    def add(self, approval: Approval, submitter: User, steps: list[tuple], *, upto: int | None):
        """Submitted, then approved at every step before `upto` (all steps when None)."""
        at = steps[upto][0] if upto is not None else None
        approval.status = ItemStatus.SUBMITTED if at else ItemStatus.APPROVED
        approval.current_level = at
        approval.submitted_by = submitter
        approval.submitted_at = timezone.now()
        approval.finished_at = None if at else approval.submitted_at
        moves = [
            (Action.SUBMIT, ItemStatus.DRAFT, ItemStatus.SUBMITTED, None, steps[0][0], submitter)
        ]
        done = steps if upto is None else steps[:upto]
        for n, (level, actor) in enumerate(done):
            nxt = steps[n + 1][0] if n + 1 < len(steps) else None
            action = Action.CHECK if level.is_check else Action.APPROVE
            to = ItemStatus.SUBMITTED if nxt else ItemStatus.APPROVED
            moves.append((action, ItemStatus.SUBMITTED, to, level, nxt, actor))
        self.approvals.append(approval)
        self.moves.append(moves)

    def save(self) -> None:
        Approval.objects.bulk_create(self.approvals, batch_size=BATCH)
        rows = [
            Transition(
                approval=a,
                action=act,
                from_status=fs,
                to_status=ts,
                from_level=fl,
                to_level=tl,
                actor=actor,
                checklist={"linkage": True} if act == Action.CHECK else {},
            )
            for a, moves in zip(self.approvals, self.moves, strict=True)
            for act, fs, ts, fl, tl, actor in moves
        ]
        Transition.objects.bulk_create(rows, batch_size=BATCH)


def _project_approvals(projects: list[Project], people) -> None:
    steps = _unit_steps(projects, people)
    chain = Chain.objects.get(root_unit__code="MOL")
    ct = ContentType.objects.get_for_model(Project)
    trail = Trail([], [])
    for p in projects:
        approval = Approval(content_type=ct, object_id=p.pk, unit_id=p.owner_unit_id, chain=chain)
        trail.add(
            approval,
            people["staff"].get(p.owner_unit_id, people["ps"]),
            steps[p.owner_unit_id],
            upto=None,
        )
    trail.save()


def _progress(rng: random.Random) -> Decimal:
    low, high = rng.choice(BANDS)
    return Decimal(rng.randint(low, high))


def _reports(scale: Scale, projects, windows, people, rng: random.Random) -> None:
    """Q1–Q3 approved; Q4: `inbox` waiting for the Permanent Secretary, the rest
    spread over drafts, earlier steps and approved; some projects have no Q4 report."""
    steps = _unit_steps(projects, people)
    chain = Chain.objects.get(root_unit__code="MOL")
    waiting = set([i for i in range(len(projects)) if i % 10][: scale.inbox])
    reports, plans = [], []
    for q in range(1, 5):
        for i, p in enumerate(projects):
            if p.end_date < Quarter(FISCAL_YEAR, q).start or (
                q == 4 and i % 7 == 3 and i not in waiting
            ):
                continue
            plan = _report_plan(q, i in waiting, i, len(steps[p.owner_unit_id]))
            reports.append(
                QuarterlyReport(
                    project=p,
                    fiscal_year=FISCAL_YEAR,
                    quarter=q,
                    window=windows[q],
                    progress_percent=_progress(rng),
                    disbursed=Decimal(rng.randrange(0, 1_000_000)),
                    result="ดำเนินการตามแผน",
                    problems="" if i % 4 else "งบประมาณล่าช้า",
                    created_by=people["staff"].get(p.owner_unit_id),
                    status=ItemStatus.DRAFT,
                )
            )
            plans.append((p, plan))
    QuarterlyReport.objects.bulk_create(reports, batch_size=BATCH)
    ct = ContentType.objects.get_for_model(QuarterlyReport)
    trail = Trail([], [])
    for report, (p, plan) in zip(reports, plans, strict=True):
        if plan == "draft":
            continue
        approval = Approval(
            content_type=ct,
            object_id=report.pk,
            unit_id=p.owner_unit_id,
            chain=chain,
            window_id=report.window_id,
        )
        trail.add(
            approval,
            people["staff"].get(p.owner_unit_id, people["ps"]),
            steps[p.owner_unit_id],
            upto=plan,
        )
    trail.save()
    for status in (ItemStatus.SUBMITTED, ItemStatus.APPROVED):
        ids = [a.object_id for a in trail.approvals if a.status == status]
        for start in range(0, len(ids), BATCH):
            QuarterlyReport.objects.filter(pk__in=ids[start : start + BATCH]).update(status=status)


def _report_plan(q: int, waiting: bool, i: int, n_steps: int):
    """'draft', a step index to wait at, or None (approved)."""
    if q < 4:
        return None
    if waiting:
        return n_steps - 1
    return ["draft", 0, 1, None][i % 4] if n_steps > 1 else None
