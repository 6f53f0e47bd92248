"""Fixtures of the memo tests: the ป.ย.ป. officer who drafts them is the reporting tests' one."""

from tests.reporting.conftest import pyp  # noqa: F401
