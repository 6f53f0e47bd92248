"""make backup / make restore: the real scripts (pg_dump, pg_restore) in a round trip
from the test database into a scratch database of this test's own, compared by the
row counts of the main tables and a checksum of the approval trail."""

import os
import subprocess
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from approvals.models import ChainLevel, ItemStatus
from approvals.services.transitions import item_submit, item_withdraw, items_bulk_approve
from orgs.models import OrgUnit, Role
from projects.revisions import project_freeze_revision
from tests.factories import ApprovalFactory, ProjectFactory, user_with_role

ROOT = Path(__file__).resolve().parents[2]
TABLES = [
    "orgs_orgunit",
    "orgs_user",
    "orgs_roleassignment",
    "projects_plannode",
    "projects_project",
    "projects_projectrevision",
    "approvals_chainlevel",
    "approvals_approval",
    "approvals_transition",
    "approvals_notification",
    "reporting_window",
]
TRAIL_CHECKSUM = (
    "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM approvals_transition t"
)


def url_of(name: str) -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def admin_sql(sql: str) -> None:
    """CREATE/DROP DATABASE, as the application's role (it has CREATEDB)."""
    conn = psycopg2.connect(url_of("postgres"))
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql)
    finally:
        conn.close()


def figures(url: str) -> dict:
    with psycopg2.connect(url) as conn, conn.cursor() as cursor:
        counts = {}
        for table in TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]
        cursor.execute(TRAIL_CHECKSUM)
        checksum = cursor.fetchone()[0]
    conn.close()
    return {"counts": counts, "trail": checksum}


def script(name: str, *args: str, database_url: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ROOT / "scripts" / name), *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def scratch_database(committed_reference_data):
    """An empty database of this test's own, dropped at the end."""
    name = f"{connection.settings_dict['NAME']}_restore"[:63]
    admin_sql(f'DROP DATABASE IF EXISTS "{name}"')
    admin_sql(f'CREATE DATABASE "{name}"')
    yield url_of(name)
    admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def some_approvals() -> None:
    """Projects at every stage of the chain, with their trail (committed)."""
    staff = user_with_role(Role.STAFF, "0209")
    ps = user_with_role(Role.PERMANENT_SECRETARY, "MOL")
    level = ChainLevel.objects.get(chain__root_unit__code="MOL", role="permanent_secretary")
    unit = OrgUnit.objects.get(code="0209")
    waiting = [
        ApprovalFactory(item=p, status=ItemStatus.SUBMITTED, current_level=level)
        for p in ProjectFactory.create_batch(6, owner_unit=unit, status=ItemStatus.SUBMITTED)
    ]
    items_bulk_approve(approval_ids=[a.pk for a in waiting], actor=ps, comment="อนุมัติ")
    project_freeze_revision(project=waiting[0].item)
    return staff


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_another_database_has_the_same_rows_and_trail(
    scratch_database, open_entry_windows, tmp_path
):
    from tests.factories import complete_project

    staff = some_approvals()
    project = complete_project(
        owner_unit=OrgUnit.objects.get(code="0209"), name="พัฒนาทักษะแรงงานสูงอายุในชุมชนชายแดนใต้"
    )
    item_submit(item=project, actor=staff, comment="ส่งครั้งแรก")
    item_withdraw(item=project, actor=staff)
    media = tmp_path / "media"
    (media / "level3").mkdir(parents=True)
    (media / "level3" / "แผน.pdf").write_bytes(b"%PDF-1.7 plan")
    source = url_of(connection.settings_dict["NAME"])

    backup = script(
        "backup.sh",
        database_url=source,
        BACKUP_DIR=str(tmp_path / "backups"),
        MEDIA_ROOT=str(media),
    )
    assert backup.returncode == 0, backup.stderr
    dump = Path(backup.stdout.strip().splitlines()[-1])
    archive = Path(str(dump).removesuffix(".dump") + "-media.tar.gz")
    restored_media = tmp_path / "restored-media"
    restore = script(
        "restore.sh",
        str(dump),
        str(archive),
        database_url=scratch_database,
        MEDIA_ROOT=str(restored_media),
    )

    assert restore.returncode == 0, restore.stderr
    original, copy = figures(source), figures(scratch_database)
    assert copy == original
    assert (
        original["counts"]["approvals_transition"] == 8
    )  # 6 bulk approvals, a submit, a withdrawal
    assert (restored_media / "level3" / "แผน.pdf").read_bytes() == b"%PDF-1.7 plan"


@pytest.mark.django_db(transaction=True)
def test_the_restored_trail_still_refuses_changes_and_a_second_restore_replaces_the_first(
    scratch_database, tmp_path
):
    some_approvals()
    source = url_of(connection.settings_dict["NAME"])
    backup = script("backup.sh", database_url=source, BACKUP_DIR=str(tmp_path))
    dump = backup.stdout.strip().splitlines()[-1]

    for _ in range(2):
        restore = script("restore.sh", dump, database_url=scratch_database)
        assert restore.returncode == 0, restore.stderr

    assert figures(scratch_database) == figures(source)
    conn = psycopg2.connect(scratch_database)
    try:
        with conn.cursor() as cursor, pytest.raises(psycopg2.Error, match="append-only"):
            cursor.execute("UPDATE approvals_transition SET comment = 'แก้ไขย้อนหลัง'")
    finally:
        conn.close()


def test_restore_refuses_to_run_without_an_explicit_file():
    result = script("restore.sh", database_url="postgres://nobody@127.0.0.1:1/none")

    assert result.returncode == 2
    assert "ต้องระบุไฟล์สำรอง" in result.stderr


def test_backup_refuses_a_database_that_is_not_postgresql(tmp_path):
    result = script(
        "backup.sh", database_url="sqlite:///var/emenscr.sqlite3", BACKUP_DIR=str(tmp_path)
    )

    assert result.returncode == 2
    assert not list(tmp_path.iterdir())
