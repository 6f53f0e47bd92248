import pytest


@pytest.fixture(autouse=True)
def _entry_windows(open_entry_windows):
    """The chain's tests submit project entries: keep an entry window open."""
