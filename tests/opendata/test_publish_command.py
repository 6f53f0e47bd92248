"""Projects approved before the portal existed are published by the command."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from approvals.models import ItemStatus
from tests.factories import complete_project

pytestmark = pytest.mark.django_db


def test_the_command_publishes_approved_projects_only(client):
    old = complete_project(name="โครงการที่อนุมัติก่อนมีหน้าข้อมูลเปิด")
    old.status = ItemStatus.APPROVED
    old.save(update_fields=["status"])
    complete_project(name="โครงการร่างเดิม")

    call_command("publish_open_data", stdout=None)
    text = client.get(reverse("open:projects")).content.decode()

    assert "โครงการที่อนุมัติก่อนมีหน้าข้อมูลเปิด" in text
    assert "โครงการร่างเดิม" not in text
