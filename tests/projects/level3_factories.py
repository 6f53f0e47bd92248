"""Factories and helpers for the level-3 plan tests (tests/projects/test_level3*.py)."""

import io
from datetime import date
from decimal import Decimal

import pydyf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from projects.level3.services import level3_sync_co_unit_grants
from projects.models import (
    Level3IndicatorTarget,
    Level3Plan,
    Level3PlanDocument,
    PlanNode,
)
from tests.factories import Level3IndicatorFactory, Level3PlanFactory
from windows.models import Window, WindowKind


def pdf_bytes() -> bytes:
    """A real (one blank page) PDF."""
    pdf = pydyf.PDF()
    pdf.add_page(
        pydyf.Dictionary(
            {
                "Type": "/Page",
                "Parent": pdf.pages.reference,
                "MediaBox": pydyf.Array([0, 0, 595, 842]),
            }
        )
    )
    output = io.BytesIO()
    pdf.write(output)
    return output.getvalue()


def pdf_upload(name: str = "แผนปฏิบัติการ.pdf", content: bytes | None = None):
    return SimpleUploadedFile(name, content or pdf_bytes(), content_type="application/pdf")


def add_document(plan: Level3Plan, *, version: int = 1) -> Level3PlanDocument:
    document = Level3PlanDocument(plan=plan, version=version, original_name="แผน.pdf")
    document.file.save(f"plan-{plan.pk}-v{version}.pdf", pdf_upload(), save=False)
    document.size = document.file.size
    document.save()
    return document


def complete_plan(*, co_units=(), indicators: int = 1, **fields) -> Level3Plan:
    """A plan with everything submission needs: a target, indicators with yearly
    targets, and a document."""
    plan = Level3PlanFactory(**fields)
    plan.plan_nodes.add(PlanNode.objects.get(code="110401"))
    for _ in range(indicators):
        indicator = Level3IndicatorFactory(plan=plan)
        for year in range(plan.start_year, plan.end_year + 1):
            Level3IndicatorTarget.objects.create(
                indicator=indicator, year=year, value=Decimal(1000 + year)
            )
    add_document(plan)
    if co_units:
        plan.co_units.set(co_units)
        level3_sync_co_unit_grants(plan=plan)
    return plan


def open_level3_window(**fields) -> Window:
    values = {
        "fiscal_year": 2567,
        "kind": WindowKind.LEVEL3_PLAN,
        "name": "นำเข้าแผนระดับที่ ๓ ปี พ.ศ. 2567",
        "opens_on": date(2020, 1, 1),
        "unit_deadline": date(2099, 1, 1),
        "chain_deadline": date(2099, 12, 31),
    }
    return Window.objects.create(**{**values, **fields})


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded plan documents go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path
