"""The M6 page as staff meet it: the activity tree in its order, every problem at once."""

from datetime import date, datetime

import pytest

from approvals.models import ItemStatus
from core.clock import freeze
from orgs.models import Role
from tests.factories import ActivityFactory, ProjectFactory, WindowFactory, user_with_role

pytestmark = pytest.mark.django_db
IN_WINDOW = datetime(2024, 1, 10, 10, 0)  # Q1/2567 window: opens 1 Jan, chain deadline 30 Jan


@pytest.fixture
def staff():
    return user_with_role(Role.STAFF, "0209")


@pytest.fixture
def project(unit):
    WindowFactory(fiscal_year=2567, quarter=1)
    project = ProjectFactory(
        owner_unit=unit("0209"),
        status=ItemStatus.APPROVED,
        start_date=date(2023, 10, 1),
        end_date=date(2024, 9, 30),
    )
    first = ActivityFactory(project=project, name="อบรมผู้ประกอบการ", position=0)
    second = ActivityFactory(project=project, name="จัดหางานในพื้นที่", position=1)
    ActivityFactory(project=project, name="ประเมินผลโครงการ", position=2)
    ActivityFactory(project=project, parent=second, name="นัดพบแรงงาน", position=0)
    ActivityFactory(project=project, parent=first, name="รุ่นที่ ๑", position=0)
    return project


def _url(project):
    return f"/reports/{project.pk}/2567/1/"


def test_the_m6_form_lists_each_sub_activity_under_its_activity_with_its_number(
    client, staff, project
):
    client.force_login(staff)

    with freeze(IN_WINDOW):
        client.post(f"{_url(project)}start/")
        rows = client.get(_url(project)).context["activities"]

    assert [(r["number"], r["activity"].name) for r in rows] == [
        ("1", "อบรมผู้ประกอบการ"),
        ("1.1", "รุ่นที่ ๑"),
        ("2", "จัดหางานในพื้นที่"),
        ("2.1", "นัดพบแรงงาน"),
        ("3", "ประเมินผลโครงการ"),
    ]


def test_every_problem_of_the_m6_form_shows_at_once_and_names_its_activity(client, staff, project):
    activity = project.activities.get(name="นัดพบแรงงาน")
    client.force_login(staff)

    with freeze(IN_WINDOW):
        page = client.post(
            _url(project),
            {
                "progress_percent": "abc",
                f"activity-{activity.pk}-progress_percent": "150",
                "result": "ผล",
                "save": "1",
            },
        ).content.decode()

    assert "ความก้าวหน้าของกิจกรรม “นัดพบแรงงาน” ต้องอยู่ระหว่าง ๐ ถึง ๑๐๐" in page
    assert "กรุณากรอกเป็นตัวเลข" in page  # the overall progress, in the same answer
