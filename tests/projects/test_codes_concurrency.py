"""Project codes stay unique when staff create projects at the same moment (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from orgs.models import OrgUnit
from projects.services.codes import code_prefix, project_code_issue


@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_creators_get_ten_different_running_numbers(committed_reference_data):
    assert connection.vendor == "postgresql"
    unit = OrgUnit.objects.get(code="0209")
    barrier = threading.Barrier(10)
    codes, errors = [], []

    def create():
        try:
            barrier.wait(timeout=10)
            codes.append(project_code_issue(unit=unit, fiscal_year=2568))
        except Exception as exc:  # reported below; a thread cannot fail the test itself
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(codes) == [f"รง 0209-68-{n:04d}" for n in range(1, 11)]


@pytest.mark.django_db
def test_a_unit_without_a_document_code_uses_the_ministry_letters_and_its_code():
    assert code_prefix(OrgUnit.objects.get(code="DOE")) == "รง DOE"
    assert code_prefix(OrgUnit.objects.get(code="0209")) == "รง 0209"
