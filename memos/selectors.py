"""Reading memos: the archive a user may see, filtered; one memo by id."""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet
from django.http import Http404

from core.fiscal import arabic_digits, thai_digits
from orgs.models import User
from orgs.permissions import can, require
from windows.models import Window, WindowKind

from .models import Memo, MemoStatus
from .permissions import managed_kinds, readable_kinds

# "75", "๗๕", "รง 0214/75", "รง ๐๒๑๔/ว ๗๗๖": the running number at the end of a reference.
REFERENCE = re.compile(r"^(?:(?P<prefix>.*?)\s*/)?\s*(?P<circular>ว\s*)?(?P<number>\d+)$")


def memo_for(*, user: User, pk: int) -> Memo:
    """A memo the user may read: 403 without `memo.view`, 404 for a draft to a reader
    who may not draft (drafts are ป.ย.ป.'s working papers)."""
    if not can(user, "memo.manage"):
        require(user, "memo.view")
    memo = Memo.objects.select_related("created_by", "issued_by", "window").filter(pk=pk).first()
    if memo is None or not _may_read(user, memo):
        raise Http404("ไม่พบบันทึกข้อความ")
    return memo


def _may_read(user: User, memo: Memo) -> bool:
    """A draft to its kind's writers; an issued memo to its kind's readers (a memo of a
    kind the user does not read is as missing, as a draft is to a reader)."""
    if can(user, "memo.manage", memo):
        return True
    return memo.is_issued and can(user, "memo.view", memo)


def _search(text: str) -> Q:
    text = text.strip()
    arabic = arabic_digits(text)
    q = Q(subject__icontains=text) | Q(subject__icontains=thai_digits(arabic))
    if match := REFERENCE.match(arabic):
        by_number = Q(number=match["number"].lstrip("0") or "0")
        if match["prefix"]:
            by_number &= Q(doc_prefix__iexact=re.sub(r"\s+", " ", match["prefix"]).strip())
        if match["circular"]:
            by_number &= Q(is_circular=True)
        q |= by_number
    return q


def _window(pk: int) -> Q:
    """A window's memos; a quarterly report window also holds its round's quarterly memos."""
    window = Window.objects.filter(pk=pk).first()
    if window is None:
        return Q(pk__in=[])
    q = Q(window=window)
    if window.kind == WindowKind.QUARTERLY_REPORT and window.quarter:
        q |= Q(fiscal_year=window.fiscal_year, quarter=window.quarter)
    return q


def memo_archive(*, user: User, filters: dict) -> QuerySet[Memo]:
    """The memos the user may see (readers: issued ones only), newest first, filtered by
    fiscal year, kind, window, status and a search on the subject or the number."""
    memos = Memo.objects.select_related("created_by", "window")
    # Drafts of the kinds the user writes, issued memos of the kinds the user reads.
    memos = memos.filter(
        Q(kind__in=managed_kinds(user)) | Q(kind__in=readable_kinds(user), status=MemoStatus.ISSUED)
    )
    if year := filters.get("fiscal_year"):
        memos = memos.filter(fiscal_year=year)
    if kind := filters.get("kind"):
        memos = memos.filter(kind=kind)
    if status := filters.get("status"):
        memos = memos.filter(status=status)
    if window := filters.get("window"):
        memos = memos.filter(_window(window))
    if text := filters.get("q"):
        memos = memos.filter(_search(text))
    return memos.order_by("-created_at", "-pk")


def archive_windows() -> list[Window]:
    return list(Window.objects.order_by("-fiscal_year", "opens_on", "kind"))
