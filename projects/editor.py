"""The editor's pages, one per module: parse the POST, call the service, and on
any error re-render exactly what the user typed with the messages beside it."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from approvals.forms import ChecklistForm
from approvals.models import ItemStatus
from approvals.selectors import actions_for, next_steps, trail_for
from core import fiscal
from orgs.models import Role, RoleAssignment
from orgs.permissions import can

from .completeness import MODULES
from .duplicates import unreviewed_duplicates
from .forms import (
    AREA_FIELDS,
    TARGET_FIELDS,
    BudgetPage,
    DetailForm,
    GeneralForm,
    LinksForm,
    PostedRow,
    clean_activities,
    clean_areas,
    clean_budget,
    clean_targets,
    new_row_key,
)
from .inputs import FIXED_SOURCES
from .level3.selectors import level3_plans_for_project
from .models import AreaLevel, PlanLevel, PlanNode, Project, SourceKind, TargetKind
from .provinces import PROVINCES
from .revisions import content_diff, project_content
from .services import modules
from .services.entry import draft_delete_problems

NON_FIELD = "__all__"
# The typed inputs name a row's quarters "quarters"; the page's checkboxes post "q".
ROW_FIELDS = {"quarters": "q"}


@dataclass
class ModulePage:
    saved: bool = False
    context: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _save(page: ModulePage, request, project: Project, data, place, parsed: bool) -> None:
    """Save `data` through the one write path; every refusal goes to `place` (field path
    → messages) beside what was typed. Input that did not parse is not saved, but the
    typed input's rules still speak, so the page shows every message at once."""
    if not parsed:
        place(_problems(data, project))
        return
    try:
        modules.project_save_module(user=request.user, project=project, data=data)
    except ValidationError as exc:
        place(exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD: exc.messages})
    else:
        page.saved = True


def _problems(data, project: Project) -> dict[str, list[str]]:
    return {path: [message] for path, message in data.for_service(project=project)[1].items()}


def _placer(page: ModulePage, form, rows: dict | None = None):
    """Messages to the form's fields, a table's rows ("targets.0.kind"), or the page.
    A field or row cell keeps the first message it got (the parser's, if any)."""
    rows = rows or {}

    def place(errors: dict[str, list[str]]) -> None:
        for path, messages in errors.items():
            group, _, rest = path.partition(".")
            if group in rows and rest:
                _place_in_row(rows[group], rest, messages)
            elif form is not None and path in form.fields:
                if path not in form.errors:
                    form.add_error(path, messages)
            else:
                page.errors.extend(messages)

    return place


def _place_in_row(rows: list[PostedRow], rest: str, messages: list[str]) -> None:
    number, _, name = rest.partition(".")
    if number.isdigit() and int(number) < len(rows):
        rows[int(number)].errors.setdefault(ROW_FIELDS.get(name, name), messages[0])


def m1_links(request, project: Project) -> ModulePage:
    page = ModulePage()
    form = LinksForm(
        request.POST or None,
        initial=LinksForm.initial_for(project),
        level3_plans=level3_plans_for_project(project=project),
    )
    if request.method == "POST":
        parsed = form.is_valid()
        _save(page, request, project, form.links_input(), _placer(page, form), parsed)
    page.context = {
        "form": form,
        "strategies": PlanNode.objects.filter(level=PlanLevel.STRATEGY).order_by("code"),
        "master_plans": PlanNode.objects.filter(level=PlanLevel.MASTER_PLAN).order_by("code"),
        "linked": [n for n in project.plan_nodes.all() if n.level != PlanLevel.REFORM_AREA],
    }
    return page


DIRECTOR_FIELDS = [
    "director_title",
    "director_first_name",
    "director_last_name",
    "director_email",
    "director_phone",
]


def m2_general(request, project: Project) -> ModulePage:
    page = ModulePage()
    proposal = {} if request.method == "POST" else director_proposal(project)
    form = GeneralForm(request.POST or None, instance=project, initial=proposal)
    if request.method == "POST":
        parsed = form.is_valid()
        _save(page, request, project, form.general_input(), _placer(page, form), parsed)
    page.context = {"form": form, "director_proposal": proposal}
    return page


def director_proposal(project: Project) -> dict[str, str]:
    """While M2's director is blank: the official who holds the division-director role
    at the project's unit (or the nearest unit above it), as values the page proposes
    (nothing is saved until the user saves M2)."""
    if any(getattr(project, name) for name in DIRECTOR_FIELDS):
        return {}
    assignment = (
        RoleAssignment.objects.active()
        .filter(
            role=Role.DIVISION_DIRECTOR,
            unit__in=project.owner_unit.ancestors(),
            user__is_active=True,
        )
        .select_related("user")
        .order_by("-unit__depth", "pk")
        .first()
    )
    if assignment is None:
        return {}
    user = assignment.user
    values = {
        "director_title": user.title,
        "director_first_name": user.first_name,
        "director_last_name": user.last_name,
        "director_email": user.email,
        "director_phone": user.phone,
    }
    return {name: value for name, value in values.items() if value}


def m3_detail(request, project: Project) -> ModulePage:
    page = ModulePage()
    form = DetailForm(request.POST or None, instance=project)
    if request.method == "POST":
        targets, target_values = clean_targets(request.POST)
        areas, area_values = clean_areas(request.POST)
        parsed = form.is_valid() and not any(r.errors for r in targets + areas)
        place = _placer(page, form, {"targets": targets, "areas": areas})
        _save(page, request, project, form.detail_input(target_values, area_values), place, parsed)
    else:
        targets = [_row(t, TARGET_FIELDS[1:]) for t in project.targets.all()]
        areas = [_row(a, AREA_FIELDS[1:]) for a in project.areas.all()]
    page.context = {
        "form": form,
        "targets": targets,
        "areas": areas,
        "target_kinds": TargetKind.choices,
        "area_levels": AreaLevel.choices,
        "provinces": PROVINCES,
    }
    return page


def _row(obj, names: list[str]) -> PostedRow:
    values = {n: "" if getattr(obj, n) is None else str(getattr(obj, n)) for n in names}
    return PostedRow(new_row_key(), {"id": str(obj.pk), **values})


def m4_activities(request, project: Project) -> ModulePage:
    page = ModulePage()
    quarters = _project_quarters(project)
    if request.method == "POST":
        rows, data = clean_activities(request.POST)
        parsed = not any(r.errors for r in rows)
        place = _placer(page, None, {"activities": rows})
        _save(page, request, project, data, place, parsed)
    else:
        rows = _activity_rows(project)
    page.context = {"rows": rows, "quarters": quarters, "years": _years(quarters)}
    return page


def _activity_rows(project: Project) -> list[PostedRow]:
    activities = list(project.activities.all())
    children: dict = {}
    for activity in activities:
        children.setdefault(activity.parent_id, []).append(activity)
    rows: list[PostedRow] = []

    def walk(parent_id, depth):
        for activity in sorted(children.get(parent_id, []), key=lambda a: a.position):
            keys = [fiscal.Quarter(q.fiscal_year, q.quarter).key for q in activity.quarters.all()]
            rows.append(
                PostedRow(
                    new_row_key(),
                    {"id": str(activity.pk), "name": activity.name, "depth": str(depth), "q": keys},
                )
            )
            walk(activity.pk, depth + 1)

    walk(None, 0)
    return rows


def m5_budget(request, project: Project) -> ModulePage:
    page = ModulePage()
    quarters = _project_quarters(project)
    if request.method == "POST":
        budget, data = clean_budget(request.POST, quarters)
        parsed = not budget.errors and not any(r.errors for r in budget.others)
        _save(page, request, project, data, _budget_placer(page, budget), parsed)
    else:
        budget = _budget_from(project, quarters)
    page.context = {
        "budget": budget,
        "quarters": quarters,
        "grid": _grid(quarters),
        "fixed_sources": [(k, SourceKind(k).label) for k in FIXED_SOURCES],
    }
    return page


def _budget_placer(page: ModulePage, budget: BudgetPage):
    """ "sources.<kind>", "plan.<quarter>" and "via_agency" beside their boxes, "others.0.name"
    on the row, the rest to the page."""
    rows = _placer(page, None, {"others": budget.others})

    def place(errors: dict[str, list[str]]) -> None:
        rest = {}
        for path, messages in errors.items():
            group, _, name = path.partition(".")
            if group in ("sources", "plan") and name or path == "via_agency":
                budget.errors.setdefault(name or path, messages[0])
            else:
                rest[path] = messages
        rows(rest)

    return place


def _budget_from(project: Project, quarters) -> BudgetPage:
    fixed = {k: "" for k in FIXED_SOURCES}
    via, others = "", []
    for source in project.budget_sources.all():
        if source.kind == SourceKind.OTHER:
            others.append(
                PostedRow(new_row_key(), {"name": source.source_name, "amount": str(source.amount)})
            )
        else:
            fixed[source.kind] = str(source.amount)
            via = source.source_name if source.kind == SourceKind.STATE_VIA_AGENCY else via
    plan = {
        fiscal.Quarter(p.fiscal_year, p.quarter).key: str(p.amount)
        for p in project.spending_plan.all()
    }
    return BudgetPage(fixed=fixed, via_agency=via, others=others, plan=plan)


def _project_quarters(project: Project) -> list[fiscal.Quarter]:
    if not (project.start_date and project.end_date):
        return []
    return fiscal.quarters_between(project.start_date, project.end_date)


def _years(quarters: list[fiscal.Quarter]) -> list[tuple[int, list[fiscal.Quarter]]]:
    years: dict[int, list] = {}
    for q in quarters:
        years.setdefault(q.fiscal_year, []).append(q)
    return list(years.items())


def _grid(quarters: list[fiscal.Quarter]) -> list[tuple[int, list]]:
    """Each fiscal year of the period with its four quarters (None outside the period)."""
    return [
        (year, [next((q for q in qs if q.quarter == n), None) for n in (1, 2, 3, 4)])
        for year, qs in _years(quarters)
    ]


MODULE_PAGES = {
    "m1": m1_links,
    "m2": m2_general,
    "m3": m3_detail,
    "m4": m4_activities,
    "m5": m5_budget,
}


def module_marks(project: Project) -> list[dict]:
    missing = project.missing or {}
    return [
        {"key": k, "label": label, "missing": missing.get(k, []), "complete": not missing.get(k)}
        for k, label in MODULES.items()
    ]


def edit_context(user, project: Project, module: str, page: ModulePage) -> dict:
    keys = list(MODULES)
    index = keys.index(module)
    return {
        "project": project,
        "module": module,
        "module_label": MODULES[module],
        "marks": module_marks(project),
        "next_module": keys[index + 1] if index + 1 < len(keys) else "",
        "page_errors": page.errors,
        "duplicates": unreviewed_duplicates(project) if module == "m2" else [],
        **_item_actions(user, project),
        **page.context,
    }


def _item_actions(user, project: Project) -> dict:
    """What approvals/partials/actions.html needs (submit, withdraw, decide), and
    whether the user may delete the project as a mistaken draft."""
    return {
        "item": project,
        "actions": actions_for(user, project),
        "content_type_id": ContentType.objects.get_for_model(Project).pk,
        "checklist": ChecklistForm(),
        "can_delete": can(user, "project.edit", project) and not draft_delete_problems(project),
    }


def detail_context(user, project: Project) -> dict:
    approved = project.revisions.filter(
        approved_at__isnull=False, number__lt=project.revision
    ).first()
    return {
        "project": project,
        "marks": module_marks(project),
        "trail": trail_for(project),
        "duplicates": unreviewed_duplicates(project),
        "next_steps": next_steps(project),
        **_item_actions(user, project),
        "approved_revision": approved,
        "changes": content_diff(approved.content, project_content(project)) if approved else [],
        "can_edit": can(user, "project.edit", project) and project.status != ItemStatus.SUBMITTED,
        "quarters": _project_quarters(project),
        "activity_rows": _activity_rows(project),
        "budget_total": sum(s.amount for s in project.budget_sources.all()),
        "plan_total": sum(p.amount for p in project.spending_plan.all()),
    }
