"""The Ministry of Labour's M7 chain is data (DESIGN.md section 6)."""

import pytest

from approvals.models import Chain

pytestmark = pytest.mark.django_db


def test_the_chain_runs_division_department_pyp_cluster_permanent_secretary():
    chain = Chain.objects.get(root_unit__code="MOL")

    assert [level.role for level in chain.levels.all()] == [
        "division_director",
        "department_head",
        "pyp_officer",
        "cluster_head",
        "permanent_secretary",
    ]


def test_divisions_of_the_permanent_secretarys_office_skip_the_department_head():
    level = Chain.objects.get(root_unit__code="MOL").levels.get(role="department_head")

    assert list(level.skip_for_units.values_list("code", flat=True)) == ["OPS"]


def test_only_the_pyp_step_is_a_check():
    chain = Chain.objects.get(root_unit__code="MOL")

    assert [lv.role for lv in chain.levels.filter(is_check=True)] == ["pyp_officer"]
