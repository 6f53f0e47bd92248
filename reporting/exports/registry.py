"""The kinds of export: what each is called, who may ask for it, and what writes it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from core.xlsx import OfficialWorkbook
    from orgs.models import User
    from reporting.models import ExportJob

    from .progress import Progress


@dataclass(frozen=True)
class ExportKind:
    """One kind of export.

    - `action`: the rule asked as `can(user, action, subject(params))` when the
      export is requested and again when it runs;
    - `clean(params, user)`: the parameters as stored on the job (JSON), or a
      ValidationError with a Thai message;
    - `write(job, params, sheetbook, progress)`: fills the workbook;
    - `describe(params)`: what the file holds, in Thai, for the job pages.
    """

    key: str
    title: str
    action: str
    clean: Callable[[dict, User], dict]
    write: Callable[[ExportJob, dict, OfficialWorkbook, Progress], None]
    subject: Callable[[dict], Any] = lambda params: None
    describe: Callable[[dict], str] = lambda params: ""
    filename: str = "emenscr-export"


_KINDS: dict[str, ExportKind] = {}


def register(kind: ExportKind) -> ExportKind:
    if kind.key in _KINDS:
        raise ValueError(f"export kind {kind.key!r} registered twice")
    _KINDS[kind.key] = kind
    return kind


def export_kind(key: str) -> ExportKind:
    """The kind named `key`, or a Thai ValidationError."""
    from . import kinds  # noqa: F401  (fills the registry)

    try:
        return _KINDS[key]
    except KeyError:
        raise ValidationError("ไม่รู้จักประเภทไฟล์ส่งออกนี้") from None


def export_kinds() -> list[ExportKind]:
    from . import kinds  # noqa: F401

    return list(_KINDS.values())
