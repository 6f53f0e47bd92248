"""Project codes: `รง 0209-67-0001` = the unit's document code, the two-digit
fiscal year, and a running number per unit and year."""

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
