"""Frozen copies of M1–M5 and what changed between two of them.

A revision's content is plain JSON with Thai labels, so the approved version
stays readable after the project moves on, and a diff needs no old rows.
"""

from django.db import transaction

from approvals.revisions import Change, content_diff  # noqa: F401  (projects' diffs)
from core import fiscal

from .models import Project, ProjectRevision


def project_content(project: Project) -> dict:
    """M1–M5 of a project (related rows prefetched) as labelled JSON."""
    return {
        "M1 ความเชื่อมโยงกับแผน": {
            "เป้าหมาย": sorted(f"{n.code} {n.name_th}".strip() for n in project.plan_nodes.all()),
            "แผนระดับที่ ๓": sorted(p.name for p in project.level3_plans.all()),
        },
        "M2 ข้อมูลทั่วไป": {
            "ชื่อโครงการ": project.name,
            "ลักษณะ": project.get_kind_display(),
            "ภายใต้แผนงาน": project.programme,
            "ใช้งบประมาณ": "ใช้" if project.uses_budget else "ไม่ใช้",
            "วิธีการดำเนินงาน": " และ ".join(
                label
                for flag, label in [
                    (project.in_house, "ดำเนินการเอง"),
                    (project.contracted, "จัดจ้าง"),
                ]
                if flag
            ),
            "รหัส GFMIS": project.gfmis_code,
            "ผู้อำนวยการ": f"{project.director_name} {project.director_email} {project.director_phone}".strip(),
            "ระยะเวลา": f"{fiscal.format_thai_date(project.start_date, style='month_year')}"
            f" – {fiscal.format_thai_date(project.end_date, style='month_year')}",
        },
        "M3 รายละเอียด": {
            "หลักการและเหตุผล": project.rationale,
            "วัตถุประสงค์": project.objectives,
            "ผลที่คาดว่าจะได้รับ": project.expected_results,
            "กลุ่มเป้าหมาย": project.target_groups,
            "เป้าหมายและตัวชี้วัด": [
                f"{t.get_kind_display()}: {t.description} {t.target_value or ''} {t.unit_of_measure}".strip()
                for t in project.targets.all()
            ],
            "พื้นที่ดำเนินการ": [
                " ".join(
                    x
                    for x in [
                        a.get_level_display(),
                        a.province,
                        a.district,
                        a.subdistrict,
                        a.village,
                        a.detail,
                    ]
                    if x
                )
                for a in project.areas.all()
            ],
        },
        "M4 กิจกรรม": [_activity_line(a) for a in project.activities.all()],
        "M5 งบประมาณ": {
            "แหล่งเงิน": [
                f"{s.get_kind_display()}{f' ({s.source_name})' if s.source_name else ''}: {fiscal.format_baht(s.amount)}"
                for s in project.budget_sources.all()
            ],
            "แผนการใช้จ่าย": [
                f"ไตรมาส {p.quarter}/{p.fiscal_year}: {fiscal.format_baht(p.amount)}"
                for p in project.spending_plan.all()
            ],
        },
    }


def _activity_line(activity) -> str:
    quarters = ", ".join(f"{q.quarter}/{q.fiscal_year}" for q in activity.quarters.all())
    prefix = "  " if activity.parent_id else ""
    return f"{prefix}{activity.name} [{quarters}]"


def project_freeze_revision(*, project: Project, approved_at=None, user=None) -> ProjectRevision:
    """Store the project's current revision as JSON (once; later calls return it)."""
    from .selectors import with_modules

    fresh = with_modules(Project.objects.filter(pk=project.pk)).get()
    with transaction.atomic():
        revision, created = ProjectRevision.objects.get_or_create(
            project=fresh,
            number=fresh.revision,
            defaults={
                "content": project_content(fresh),
                "approved_at": approved_at,
                "created_by": user,
            },
        )
    return revision


def projects_freeze_revisions(*, projects: list[Project], approved_at, user=None) -> None:
    """Freeze many approved projects at once (bulk approval): a fixed number of queries.
    `approved_at`: one moment for all, or a dict of project pk → moment."""
    from .selectors import with_modules

    fresh = with_modules(Project.objects.filter(pk__in=[p.pk for p in projects]))
    existing = set(
        ProjectRevision.objects.filter(project__in=projects).values_list("project_id", "number")
    )
    ProjectRevision.objects.bulk_create(
        [
            ProjectRevision(
                project=p,
                number=p.revision,
                content=project_content(p),
                approved_at=approved_at.get(p.pk) if isinstance(approved_at, dict) else approved_at,
                created_by=user,
            )
            for p in fresh
            if (p.pk, p.revision) not in existing
        ]
    )
