"""The admin's project and level-3 plan pages show and read dates in พ.ศ., as the
product's own forms do (core.forms.ThaiDateAdminMixin)."""

import pytest
from django.urls import reverse

from tests.factories import Level3PlanFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_admin_edits_a_projects_dates_with_the_buddhist_era_widget(admin_client):
    project = ProjectFactory()  # 1 October 2023 to 30 September 2024

    page = admin_client.get(reverse("admin:projects_project_change", args=[project.pk]))

    html = page.content.decode()
    assert '<input type="text" name="start_date" value="1 ต.ค. 2566"' in html
    assert '<input type="text" name="end_date" value="30 ก.ย. 2567"' in html


def test_the_admin_edits_a_plans_announcement_date_with_the_buddhist_era_widget(admin_client):
    plan = Level3PlanFactory()  # announced on 1 May 2023

    page = admin_client.get(reverse("admin:projects_level3plan_change", args=[plan.pk]))

    assert '<input type="text" name="announced_on" value="1 พ.ค. 2566"' in page.content.decode()
