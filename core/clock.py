"""The one clock: every rule and task asks here for "now", so tests can move time.

Set `EMENSCR_FROZEN_NOW` (ISO datetime) in the settings or the environment to
pin it, e.g. for a demo on a window's last day; tests use `freeze()`.
"""

from contextlib import contextmanager
from datetime import date, datetime

from django.conf import settings
from django.utils import timezone

_frozen: datetime | None = None


def now() -> datetime:
    if _frozen is not None:
        return _frozen
    pinned = getattr(settings, "EMENSCR_FROZEN_NOW", None)
    if pinned:
        value = datetime.fromisoformat(pinned)
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.now()


def today() -> date:
    return timezone.localdate(now())


@contextmanager
def freeze(moment: datetime):
    """Pin now() inside the block (the tests' time machine)."""
    global _frozen
    previous = _frozen
    _frozen = moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    try:
        yield
    finally:
        _frozen = previous
