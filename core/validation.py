"""Checks a service applies before a row reaches PostgreSQL."""

from django.core.exceptions import ValidationError
from django.db import models

NUL_MESSAGE = "ข้อความมีอักขระควบคุม NUL ซึ่งบันทึกไม่ได้ กรุณาลบออก"


def has_nul(value) -> bool:
    return isinstance(value, str) and "\x00" in value


def refuse_nul_characters(instance: models.Model) -> None:
    """A ValidationError naming each text field of `instance` that holds a NUL character.

    Django's form fields refuse NUL but model fields do not, and PostgreSQL answers a
    NUL with a ValueError (a 500): so services check every row they are about to save.
    """
    errors = {
        f.name: NUL_MESSAGE
        for f in instance._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField))
        and has_nul(getattr(instance, f.attname))
    }
    if errors:
        raise ValidationError(errors)
