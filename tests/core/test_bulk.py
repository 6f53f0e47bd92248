"""Many rows saved at once: one UPDATE per set of values they share."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.bulk import update_in_groups
from orgs.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_rows_sharing_their_values_are_saved_by_one_update_per_set(unit):
    rows = [unit("0209"), unit("0206"), unit("DOE")]
    for row in rows[:2]:
        row.is_active, row.sort_order = False, 7
    rows[2].is_active, rows[2].sort_order = False, 8

    with CaptureQueriesContext(connection) as queries:
        sets = update_in_groups(rows, ["is_active", "sort_order"])

    assert sets == 2 and len(queries) == 2
    saved = dict(
        OrgUnit.objects.filter(pk__in=[r.pk for r in rows]).values_list("code", "sort_order")
    )
    assert saved == {"0209": 7, "0206": 7, "DOE": 8}
    assert not OrgUnit.objects.filter(pk__in=[r.pk for r in rows], is_active=True).exists()


def test_a_foreign_key_is_saved_by_its_id(unit):
    child = unit("0209-3")
    child.parent = unit("DOE")

    update_in_groups([child], ["parent"])

    assert OrgUnit.objects.get(pk=child.pk).parent_id == unit("DOE").pk
