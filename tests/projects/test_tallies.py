"""The list counts its pages from the project tallies the database keeps (projects/0013):
whatever writes a project, the count equals the rows the list shows, at once."""

import importlib
import sqlite3

import pytest
from django.db import connection

from approvals.models import ItemStatus
from approvals.services.transitions import item_submit
from orgs.models import Role
from projects.models import Project, ProjectTally
from projects.selectors import project_list_count, project_list_rows
from projects.services.tallies import compact_tallies
from tests.factories import ProjectFactory, UserFactory, complete_project, user_with_role

pytestmark = pytest.mark.django_db

trigger_sql = importlib.import_module("projects.migrations.0013_project_tally")


def assert_counts_agree(user, **filters):
    rows = project_list_rows(user=user, filters=filters).count()
    assert project_list_count(user=user, filters=filters) == rows, filters
    return rows


def test_the_count_follows_new_moved_changed_and_deleted_projects(unit):
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")
    a = ProjectFactory(owner_unit=unit("0209"), fiscal_year=2568)
    b = ProjectFactory(owner_unit=unit("0209-1"), fiscal_year=2568)
    ProjectFactory(owner_unit=unit("0206"), fiscal_year=2567)
    assert assert_counts_agree(pyp, unit=unit("0209"), fiscal_year=2568) == 2

    b.owner_unit = unit("0206")
    b.save()
    a.fiscal_year = 2567
    a.save()
    assert assert_counts_agree(pyp, unit=unit("0209"), fiscal_year=2568) == 0
    assert assert_counts_agree(pyp, unit=unit("0206")) == 2
    assert assert_counts_agree(pyp, fiscal_year=2567) == 2

    a.delete()
    assert assert_counts_agree(pyp, fiscal_year=2567) == 1
    assert assert_counts_agree(pyp) == 2


def test_a_submitted_project_leaves_the_drafts_count_for_the_submitted(unit, open_entry_windows):
    staff = user_with_role(Role.STAFF, "0209")
    project = complete_project(owner_unit=unit("0209"))
    assert assert_counts_agree(staff, status=ItemStatus.DRAFT) == 1
    assert assert_counts_agree(staff, complete="yes") == 1

    item_submit(item=project, actor=staff)

    assert assert_counts_agree(staff, status=ItemStatus.DRAFT) == 0
    assert assert_counts_agree(staff, status=ItemStatus.SUBMITTED) == 1


def test_a_staff_count_holds_only_the_projects_they_may_see(unit):
    ProjectFactory.create_batch(2, owner_unit=unit("0209-1"))
    ProjectFactory(owner_unit=unit("0206"))
    staff = user_with_role(Role.STAFF, "0209-1")

    assert assert_counts_agree(staff) == 2
    assert assert_counts_agree(staff, unit=unit("0206")) == 0
    assert assert_counts_agree(staff, unit=unit("OPS")) == 2


def test_a_user_without_a_role_counts_no_project(unit):
    ProjectFactory(owner_unit=unit("0209"))

    assert assert_counts_agree(UserFactory()) == 0


def test_bulk_writes_of_the_import_keep_the_count(unit):
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")
    made = ProjectFactory.build_batch(5, owner_unit=unit("0209"), fiscal_year=2569)
    for i, project in enumerate(made):
        project.code = f"BULK-{i}"
    Project.objects.bulk_create(made)
    assert assert_counts_agree(pyp, fiscal_year=2569) == 5

    Project.objects.filter(code__in=["BULK-0", "BULK-1"]).update(status=ItemStatus.APPROVED)
    Project.objects.filter(code="BULK-4").delete()
    assert assert_counts_agree(pyp, fiscal_year=2569, status=ItemStatus.APPROVED) == 2
    assert assert_counts_agree(pyp, fiscal_year=2569, status=ItemStatus.DRAFT) == 2


def test_a_search_is_counted_from_the_projects_themselves(unit):
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")
    ProjectFactory(owner_unit=unit("0209"), name="ฝึกอบรมฝีมือแรงงาน")
    ProjectFactory(owner_unit=unit("0209"), name="จ้างงานผู้สูงอายุ")

    assert assert_counts_agree(pyp, q="ฝึกอบรม") == 1


def test_folding_keeps_each_count_in_one_row_and_drops_those_left_at_zero(unit):
    pyp = user_with_role(Role.PYP_OFFICER, "MOL")
    gone = ProjectFactory(owner_unit=unit("0206"), fiscal_year=2566)
    for project in ProjectFactory.create_batch(3, owner_unit=unit("0209"), fiscal_year=2568):
        project.status = ItemStatus.APPROVED
        project.save()
    gone.delete()

    compact_tallies()

    assert assert_counts_agree(pyp, fiscal_year=2568, status=ItemStatus.APPROVED) == 3
    assert list(ProjectTally.objects.filter(fiscal_year=2568).values_list("status", "n")) == [
        (ItemStatus.APPROVED, 3)
    ]
    assert not ProjectTally.objects.filter(fiscal_year=2566).exists()
    assert compact_tallies() == 0  # nothing left to fold


def test_the_sqlite_triggers_of_make_run_keep_the_tallies_too():
    db = sqlite3.connect(":memory:")
    db.executescript(
        "CREATE TABLE projects_project (id integer PRIMARY KEY, name text, owner_unit_id int,"
        " fiscal_year int, status text, is_complete bool);"
        "CREATE TABLE projects_projecttally (id integer PRIMARY KEY, owner_unit_id int,"
        " fiscal_year int, status text, is_complete bool, n int);"
    )
    for sql in trigger_sql.SQLITE:
        db.execute(sql)

    def tallies():
        return db.execute(
            "SELECT owner_unit_id, fiscal_year, status, sum(n) FROM projects_projecttally"
            " GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3"
        ).fetchall()

    db.execute("INSERT INTO projects_project VALUES (1, 'ก', 7, 2568, 'draft', 0)")
    db.execute("INSERT INTO projects_project VALUES (2, 'ข', 7, 2568, 'draft', 0)")
    db.execute("UPDATE projects_project SET name = 'ค' WHERE id = 1")  # moves nothing
    assert tallies() == [(7, 2568, "draft", 2)]
    assert db.execute("SELECT count(*) FROM projects_projecttally").fetchone() == (2,)

    db.execute("UPDATE projects_project SET status = 'approved' WHERE id = 1")
    db.execute("UPDATE projects_project SET owner_unit_id = 8 WHERE id = 2")
    assert tallies() == [(7, 2568, "approved", 1), (8, 2568, "draft", 1)]

    db.execute("DELETE FROM projects_project WHERE id = 2")
    assert tallies() == [(7, 2568, "approved", 1)]


def test_the_postgresql_triggers_are_installed():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'projects_project_tally%' ORDER BY 1"
        )
        assert [name for (name,) in cursor.fetchall()] == [
            "projects_project_tally_delete",
            "projects_project_tally_insert",
            "projects_project_tally_update",
        ]


def test_the_fold_runs_on_a_real_worker(celery_worker_thread, unit):
    from projects.tasks import tallies_compact
    from tests.conftest import wait_until

    project = ProjectFactory(owner_unit=unit("0209"))
    project.status = ItemStatus.APPROVED
    project.save()
    assert ProjectTally.objects.count() == 3  # +1 draft, -1 draft, +1 approved

    tallies_compact.delay()

    assert wait_until(lambda: ProjectTally.objects.count() == 1)
    assert ProjectTally.objects.get().n == 1
