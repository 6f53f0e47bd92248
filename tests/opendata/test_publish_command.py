"""Projects approved before the portal existed are published by the command."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from approvals.models import ItemStatus
from tests.factories import QuarterlyReportFactory, complete_project

pytestmark = pytest.mark.django_db


def test_the_command_publishes_approved_projects_only(client):
    old = complete_project(name="โครงการที่อนุมัติก่อนมีหน้าข้อมูลเปิด", status=ItemStatus.APPROVED)
    complete_project(name="โครงการร่างเดิม")

    call_command("publish_open_data", stdout=io.StringIO())
    text = client.get(reverse("open:projects")).content.decode()

    assert "โครงการที่อนุมัติก่อนมีหน้าข้อมูลเปิด" in text
    assert "โครงการร่างเดิม" not in text
    assert reverse("open:project", args=[old.pk]) in text


def test_the_command_publishes_the_latest_approved_quarter_and_no_draft_report(client):
    project = complete_project(status=ItemStatus.APPROVED)
    QuarterlyReportFactory(project=project, quarter=1, status=ItemStatus.APPROVED, result="ผลหนึ่ง")
    QuarterlyReportFactory(project=project, quarter=2, status=ItemStatus.APPROVED, result="ผลสอง")
    QuarterlyReportFactory(project=project, quarter=3, result="ผลร่างไตรมาสสาม")

    call_command("publish_open_data", stdout=io.StringIO())
    text = client.get(reverse("open:project", args=[project.pk])).content.decode()

    assert "ผลสอง" in text
    assert "ผลหนึ่ง" not in text and "ผลร่างไตรมาสสาม" not in text
