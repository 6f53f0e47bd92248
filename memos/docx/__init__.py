"""Memos as Word documents (DOCX): `memo_docx(memo)` → bytes."""

from .memo import memo_docx

__all__ = ["memo_docx"]
