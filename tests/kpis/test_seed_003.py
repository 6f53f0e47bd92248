"""Seed 003's monthly report (FY 2568, round 2) from the demo data, as the command prints it."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from emenscr.demo import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(db):
    load_demo()
    out = StringIO()
    call_command("kpi_report", "--fiscal-year", "2568", "--month", "2", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_dump(report):
    print(json.dumps(report, ensure_ascii=False, indent=1))
    assert 0
