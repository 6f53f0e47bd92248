"""Statistics of approved projects by fiscal year and department (open data).

Aggregated in SQL: each project's department is found by a subquery (the department
whose unit path starts the project unit's path), counts in one grouped query and
budget totals in another.
"""

from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Sum
from django.db.models.lookups import StartsWith
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response

from approvals.models import ItemStatus
from core.api import OpenDataOrAuthenticated
from orgs.api import ERRORS, YEAR, query_params, year_field
from orgs.models import OrgUnit, UnitKind, User

from ..models import Project
from ..selectors import projects_visible_to
from .serializers import StatisticsSerializer


def _department(path_ref: str, field: str) -> Subquery:
    """The code or name of the department above the unit whose path `path_ref` reaches."""
    departments = OrgUnit.objects.filter(
        StartsWith(OuterRef(path_ref), F("path")), kind=UnitKind.DEPARTMENT
    ).order_by("-depth")
    return Subquery(departments.values(field)[:1])


def project_statistics(*, projects: QuerySet[Project]) -> dict:
    """Counts and budget totals of the approved `projects` per fiscal year and department."""
    approved = projects.filter(status=ItemStatus.APPROVED)
    counts = (
        approved.annotate(
            dept=_department("owner_unit__path", "code"),
            dept_name=_department("owner_unit__path", "name_th"),
        )
        .values("fiscal_year", "dept", "dept_name")
        .annotate(n=Count("pk"), budget=Sum("budget_total"))
    )
    rows = [
        {
            "fiscal_year": c["fiscal_year"],
            "department_code": c["dept"],
            "department_name": c["dept_name"],
            "projects": c["n"],
            "budget_total": c["budget"],
        }
        for c in counts
    ]
    rows.sort(key=lambda r: (-r["fiscal_year"], r["department_code"] or ""))
    return {
        "rows": rows,
        "total_projects": sum(r["projects"] for r in rows),
        "total_budget": sum((r["budget_total"] for r in rows), start=Decimal(0)),
    }


def statistics_scope(user: User) -> QuerySet[Project]:
    """Open data covers every project; otherwise only those the user may see."""
    if settings.OPEN_DATA:
        return Project.objects.all()
    return projects_visible_to(user)


class StatisticsQuerySerializer(serializers.Serializer):
    fiscal_year = year_field()


class ProjectStatisticsView(generics.GenericAPIView):
    """สถิติโครงการที่อนุมัติแล้ว รายปีงบประมาณและรายกรม"""

    serializer_class = StatisticsSerializer
    permission_classes = [OpenDataOrAuthenticated]
    pagination_class = None
    filter_backends: list = []

    @extend_schema(
        summary="สถิติโครงการรายปีและรายกรม",
        description=(
            "จำนวนและงบประมาณรวมของโครงการที่อนุมัติแล้ว แยกตามปีงบประมาณและกรม "
            "เป็นข้อมูลเปิดเมื่อระบบเปิดข้อมูล (นับทุกโครงการ) มิฉะนั้นนับเฉพาะโครงการที่ผู้ใช้มีสิทธิ์ดู"
        ),
        parameters=[OpenApiParameter("fiscal_year", YEAR, description="ปีงบประมาณ (พ.ศ.)")],
        responses={200: StatisticsSerializer, 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403]},
    )
    def get(self, request):
        params = query_params(StatisticsQuerySerializer, request)
        projects = statistics_scope(request.user)
        if year := params.get("fiscal_year"):
            projects = projects.filter(fiscal_year=year)
        return Response(StatisticsSerializer(project_statistics(projects=projects)).data)
