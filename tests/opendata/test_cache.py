"""Cached public pages change exactly when an approval or a freeze changes them."""

import pytest
from django.urls import reverse

from approvals.services.records import item_record_imported_submission
from opendata.cache import generation
from orgs.models import Role
from projects.services.entry import project_save_general
from tests.factories import complete_project, user_with_role

pytestmark = pytest.mark.django_db


def test_an_approval_shows_on_the_cached_list(client, approved):
    list_url = reverse("open:projects")
    first = client.get(list_url).content.decode()

    approved(name="โครงการที่เพิ่งได้รับอนุมัติ")

    assert "โครงการที่เพิ่งได้รับอนุมัติ" not in first
    assert "โครงการที่เพิ่งได้รับอนุมัติ" in client.get(list_url).content.decode()


def test_an_approved_report_shows_on_the_cached_project_page(client, approved, approve_report):
    project = approved()
    page = reverse("open:project", args=[project.pk])
    client.get(page)

    approve_report(project, result="ผลที่เพิ่งอนุมัติ")

    assert "ผลที่เพิ่งอนุมัติ" in client.get(page).content.decode()


def test_a_freeze_shows_on_the_cached_rounds_page(client, approved, approve_report, freeze):
    approve_report(approved())
    client.get(reverse("open:rounds"))

    freeze(2567, 1)

    assert (
        reverse("open:round", args=[2567, 1]) in client.get(reverse("open:rounds")).content.decode()
    )


def test_drafts_and_submissions_keep_the_cache(
    client, approved, django_capture_on_commit_callbacks
):
    project = approved(name="โครงการในแคช")
    page = reverse("open:project", args=[project.pk])
    cached = client.get(page).content
    before = generation()
    staff = user_with_role(Role.STAFF, "0209")

    with django_capture_on_commit_callbacks(execute=True):
        project_save_general(user=staff, project=project, data={"name": "ร่างใหม่"})
        other = complete_project()
        item_record_imported_submission(item=other, unit=other.owner_unit, actor=staff, comment="")

    assert generation() == before
    assert client.get(page).content == cached


def test_a_cached_page_is_served_without_the_database(client, approved, django_assert_num_queries):
    approved()
    client.get(reverse("open:projects"))

    with django_assert_num_queries(0):
        assert client.get(reverse("open:projects")).status_code == 200
