"""Project codes: `รง 0209-67-0001` = the unit's document code, the two-digit
fiscal year, and a running number per unit and year."""

import re
from collections.abc import Iterable

from django.db import IntegrityError, transaction

from orgs.models import OrgUnit

from ..models import CodeSequence


def code_prefix(unit: OrgUnit) -> str:
    """The unit's document code (`รง 0209`), or the ministry's code and the unit's."""
    if unit.doc_code:
        return unit.doc_code
    ministry = unit.ancestors().filter(parent__isnull=True).first()
    letters = ministry.doc_code if ministry and ministry.doc_code else ""
    return f"{letters} {unit.code}".strip()


def project_code(*, prefix: str, fiscal_year: int, number: int) -> str:
    """`รง 0209-67-0001` from the prefix, the fiscal year and the running number."""
    return f"{prefix}-{fiscal_year % 100:02d}-{number:04d}"


def project_code_issue(*, unit: OrgUnit, fiscal_year: int) -> str:
    """The next code for the unit and year; two callers never get the same one.

    The sequence row is locked (select_for_update) for the rest of the
    caller's transaction, so concurrent creators queue on it.
    """
    prefix = code_prefix(unit)
    with transaction.atomic():
        sequence = _locked_sequence(prefix, fiscal_year)
        sequence.last_number += 1
        sequence.save(update_fields=["last_number"])
    return project_code(prefix=prefix, fiscal_year=fiscal_year, number=sequence.last_number)


def project_code_reserve(*, unit: OrgUnit, fiscal_year: int, number: int) -> str:
    """The unit's code with running number `number` (the demo's fixed codes, safe to ask
    again); the sequence moves past it, so project_code_issue never hands it out."""
    prefix = code_prefix(unit)
    with transaction.atomic():
        sequence = _locked_sequence(prefix, fiscal_year)
        if sequence.last_number < number:
            sequence.last_number = number
            sequence.save(update_fields=["last_number"])
    return project_code(prefix=prefix, fiscal_year=fiscal_year, number=number)


CODE = re.compile(r"^(?P<prefix>.+)-(?P<year>\d{2})-(?P<number>\d{4,})$")


def project_codes_advance(*, codes: Iterable[tuple[str, int]]) -> None:
    """Move the sequences past codes made outside project_code_issue (a workbook's):
    (code, fiscal year) pairs; a code not of the product's shape (prefix of at most 32
    characters), or of another year, moves nothing. Three queries, whatever the number of codes."""
    highest: dict[tuple[str, int], int] = {}
    for code, fiscal_year in codes:
        found = CODE.match(code)
        if found is None or int(found["year"]) != fiscal_year % 100 or len(found["prefix"]) > 32:
            continue
        key = (found["prefix"], fiscal_year)
        highest[key] = max(highest.get(key, 0), int(found["number"]))
    if not highest:
        return
    with transaction.atomic():
        CodeSequence.objects.bulk_create(
            [CodeSequence(prefix=prefix, fiscal_year=year) for prefix, year in highest],
            ignore_conflicts=True,
        )
        sequences = CodeSequence.objects.select_for_update().filter(
            prefix__in={prefix for prefix, _ in highest},
            fiscal_year__in={year for _, year in highest},
        )
        behind = []
        for sequence in sequences:
            number = highest.get((sequence.prefix, sequence.fiscal_year), 0)
            if sequence.last_number < number:
                sequence.last_number = number
                behind.append(sequence)
        CodeSequence.objects.bulk_update(behind, ["last_number"])


def _locked_sequence(prefix: str, fiscal_year: int) -> CodeSequence:
    found = CodeSequence.objects.select_for_update().filter(prefix=prefix, fiscal_year=fiscal_year)
    sequence = found.first()
    if sequence is not None:
        return sequence
    try:
        with transaction.atomic():
            CodeSequence.objects.create(prefix=prefix, fiscal_year=fiscal_year)
    except IntegrityError:  # another creator made the row first: lock theirs
        pass
    return found.get()
