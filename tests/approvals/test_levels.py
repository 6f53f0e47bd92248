"""Which steps of the chain apply to an item, decided by its unit."""

import pytest

from approvals.models import Chain
from approvals.selectors import levels_by_unit, levels_for
from orgs.models import OrgUnit

pytestmark = pytest.mark.django_db


def roles(levels):
    return [level.role for level in levels]


def test_a_division_of_the_permanent_secretarys_office_skips_the_department_head(unit):
    assert roles(levels_for(unit=unit("0209"))) == [
        "division_director",
        "pyp_officer",
        "cluster_head",
        "permanent_secretary",
    ]


def test_a_group_inside_a_division_has_the_same_chain_as_its_division(unit):
    assert roles(levels_for(unit=unit("0209-2"))) == roles(levels_for(unit=unit("0209")))


def test_a_departments_own_item_has_no_division_director(unit):
    assert roles(levels_for(unit=unit("DOE"))) == [
        "department_head",
        "pyp_officer",
        "cluster_head",
        "permanent_secretary",
    ]


def test_a_unit_outside_any_cluster_has_no_cluster_head_step(unit):
    assert roles(levels_for(unit=unit("OSHI"))) == [
        "department_head",
        "pyp_officer",
        "permanent_secretary",
    ]


def test_the_batched_levels_are_those_of_levels_for_for_every_unit():
    chain = Chain.objects.get(root_unit__code="MOL")
    units = list(OrgUnit.objects.filter(path__startswith=chain.root_unit.path))

    batched = levels_by_unit((u, chain.pk) for u in units)

    assert len(units) > 20
    for unit in units:
        assert batched[(unit.pk, chain.pk)] == levels_for(unit=unit, chain=chain), unit.code
