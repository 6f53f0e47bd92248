"""The load test's CPU per tier counts every process of the tier, also one that ends."""

import os
import subprocess
import sys
import time

from bench.load import process_cpu_ms


def test_a_process_that_ends_during_the_run_still_counts_its_cpu():
    """A PostgreSQL backend closed mid-run (CONN_MAX_AGE) must not take its CPU away."""
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; sys.stdin.read(1); t = time.process_time()\n"
            "while time.process_time() - t < 0.3: pass",
        ],
        stdin=subprocess.PIPE,
    )
    time.sleep(0.2)  # the interpreter has started: some CPU is already counted
    tier = [child.pid, os.getpid()]  # the child and the parent that reaps it
    before = sum(process_cpu_ms(pid) for pid in tier)

    child.communicate(b"x")  # it burns 0.3 s of CPU and ends; the parent waits for it

    used = sum(process_cpu_ms(pid) for pid in tier) - before
    assert used >= 250
