"""Saving many rows of one model at once."""

from collections.abc import Iterable, Sequence

from django.db.models import Model
from django.utils.hashable import make_hashable

BATCH = 5000


def update_in_groups(objs: Sequence[Model], fields: Iterable[str]) -> int:
    """Save `fields` of `objs` (all of one model) with one UPDATE per distinct set of their
    values and per BATCH rows; returns the number of sets.

    Rows moved together share a few sets of values (a bulk approval: the same status,
    level and moment for all), where Django's bulk_update writes one CASE WHEN per row and
    field, which the ORM takes seconds to compile at a thousand rows."""
    if not objs:
        return 0
    model = type(objs[0])
    names = [model._meta.get_field(name).attname for name in fields]
    groups: dict[object, tuple[dict, list]] = {}
    for obj in objs:
        values = {name: getattr(obj, name) for name in names}
        key = make_hashable(values)
        groups.setdefault(key, (values, []))[1].append(obj.pk)
    for values, pks in groups.values():
        for start in range(0, len(pks), BATCH):
            model._base_manager.filter(pk__in=pks[start : start + BATCH]).update(**values)
    return len(groups)
