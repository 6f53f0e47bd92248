"""Folding the project tallies (projects/0013): each key's rows into one row, its sum.

The rows a statement deletes are the rows it returns, read in one snapshot (PostgreSQL)
or under SQLite's one writer, so a row a trigger adds meanwhile stays for the next fold
and no project is lost or counted twice; two folds at once each fold what they deleted.
"""

from collections import Counter

from django.db import connections, transaction

from ..models import ProjectTally

_KEY = ", ".join(ProjectTally.KEY)
_TABLE = ProjectTally._meta.db_table
_FOLD = (
    f"DELETE FROM {_TABLE} WHERE ({_KEY}) IN "
    f"(SELECT {_KEY} FROM {_TABLE} GROUP BY {_KEY} HAVING count(*) > 1) "
    f"RETURNING {_KEY}, n"
)


def compact_tallies() -> int:
    """Fold every key that has more than one row; a key whose projects all left goes.
    Returns how many rows were folded."""
    using = ProjectTally.objects.db
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        cursor.execute(_FOLD)
        folded = cursor.fetchall()
        sums = Counter()
        for *key, n in folded:
            sums[tuple(key)] += n
        ProjectTally.objects.bulk_create(
            ProjectTally(**dict(zip(ProjectTally.KEY, key, strict=True)), n=n)
            for key, n in sums.items()
            if n
        )
    return len(folded)
