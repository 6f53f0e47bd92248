"""A pause point for the fault tests (tests/chaos/), off unless the environment asks for it.

With `EMENSCR_CHAOS_PAUSE_AT=<point>` and `EMENSCR_CHAOS_PAUSE_FLAG=<file>`, the first
process that reaches the point writes its pid to the file and sleeps
`EMENSCR_CHAOS_PAUSE_SECONDS` (default 60), so a test can `kill -9` it there; later
runs (the retry after the kill) find the file and go on. Production never sets these
variables: the check is one lookup in os.environ.
"""

import os
import time
from pathlib import Path


def pause_point(name: str) -> None:
    if os.environ.get("EMENSCR_CHAOS_PAUSE_AT") != name:
        return
    flag = Path(os.environ["EMENSCR_CHAOS_PAUSE_FLAG"])
    if flag.exists():
        return
    flag.write_text(str(os.getpid()))
    time.sleep(float(os.environ.get("EMENSCR_CHAOS_PAUSE_SECONDS", "60")))
