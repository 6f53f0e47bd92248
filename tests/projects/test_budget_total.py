"""A project's budget total is its M5 sources added up, kept by the database (projects/0012)
whichever way the sources are written: the list sorts on it and the comparisons count it."""

import importlib
import sqlite3
from decimal import Decimal

import pytest
from django.db import connection

from projects.models import BudgetSource, Project, SourceKind
from tests.factories import BudgetSourceFactory, ProjectFactory

pytestmark = pytest.mark.django_db

trigger_sql = importlib.import_module("projects.migrations.0012_project_budget_total")


def total_of(project) -> Decimal:
    return Project.objects.values_list("budget_total", flat=True).get(pk=project.pk)


def test_adding_changing_and_removing_sources_keeps_the_total():
    project = ProjectFactory()
    assert total_of(project) == 0

    first = BudgetSourceFactory(project=project, amount=Decimal("1250000.50"))
    BudgetSourceFactory(project=project, kind=SourceKind.OTHER, amount=Decimal("200.00"))
    assert total_of(project) == Decimal("1250200.50")

    first.amount = Decimal("1000.00")
    first.save()
    assert total_of(project) == Decimal("1200.00")

    first.delete()
    assert total_of(project) == Decimal("200.00")


def test_bulk_writes_of_the_import_keep_the_totals():
    projects = ProjectFactory.create_batch(3)
    BudgetSource.objects.bulk_create(
        BudgetSource(project=p, kind=SourceKind.STATE_DIRECT, amount=Decimal(100 * (i + 1)))
        for i, p in enumerate(projects)
    )
    assert [total_of(p) for p in projects] == [Decimal(100), Decimal(200), Decimal(300)]

    BudgetSource.objects.filter(project=projects[0]).update(amount=Decimal("5.50"))
    BudgetSource.objects.filter(project=projects[1]).delete()
    assert [total_of(p) for p in projects] == [Decimal("5.50"), Decimal(0), Decimal(300)]


def test_a_source_moved_to_another_project_counts_there_only():
    before, after = ProjectFactory.create_batch(2)
    source = BudgetSourceFactory(project=before, amount=Decimal(700))
    source.project = after
    source.save()
    assert (total_of(before), total_of(after)) == (Decimal(0), Decimal(700))


def test_saving_a_project_read_before_its_sources_changed_keeps_the_sum():
    project = ProjectFactory()
    stale = Project.objects.get(pk=project.pk)  # budget_total 0
    BudgetSourceFactory(project=project, amount=Decimal(900))

    stale.name = "ชื่อใหม่"
    stale.save()  # writes every column, budget_total 0 among them
    assert total_of(project) == Decimal(900)
    assert Project.objects.get(pk=project.pk).name == "ชื่อใหม่"


def test_a_project_saved_with_a_total_of_its_own_starts_at_its_sources():
    copy = ProjectFactory.build(budget_total=Decimal(555))
    copy.save()
    assert total_of(copy) == 0


def test_the_sqlite_triggers_of_make_run_keep_the_total_too():
    db = sqlite3.connect(":memory:")
    db.executescript(
        "CREATE TABLE projects_project (id integer PRIMARY KEY, name text,"
        " budget_total decimal NOT NULL DEFAULT 0);"
        "CREATE TABLE projects_budgetsource (id integer PRIMARY KEY, project_id integer,"
        " amount decimal NOT NULL);"
    )
    for sql in trigger_sql.SQLITE:
        db.execute(sql)
    total = "SELECT budget_total FROM projects_project WHERE id = ?"
    db.execute("INSERT INTO projects_project (id, name, budget_total) VALUES (1, 'ก', 555)")
    db.execute("INSERT INTO projects_project (id, name) VALUES (2, 'ข')")
    assert db.execute(total, (1,)).fetchone() == (0,)

    db.execute("INSERT INTO projects_budgetsource (project_id, amount) VALUES (1, '100.50')")
    db.execute("INSERT INTO projects_budgetsource (project_id, amount) VALUES (1, '20')")
    assert db.execute(total, (1,)).fetchone() == (120.5,)

    db.execute("UPDATE projects_project SET name = 'ค', budget_total = 0 WHERE id = 1")
    assert db.execute(total, (1,)).fetchone() == (120.5,)

    db.execute("UPDATE projects_budgetsource SET project_id = 2 WHERE amount = 20")
    db.execute("DELETE FROM projects_budgetsource WHERE amount = 100.5")
    assert db.execute(total, (1,)).fetchone() == (0,)
    assert db.execute(total, (2,)).fetchone() == (20,)


def test_the_postgresql_triggers_are_installed():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'projects_%budget%' ORDER BY 1"
        )
        assert [name for (name,) in cursor.fetchall()] == [
            "projects_budgetsource_total",
            "projects_project_budget_total",
        ]
