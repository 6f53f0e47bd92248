"""The load test's CPU per tier counts every process of the tier, also one that ends."""

import subprocess
import sys

from bench.load import cpu_per_tier

# A server whose worker has used 0.3 s of CPU before the run, then uses 0.3 s more and
# ends while the server lives on: as a PostgreSQL backend closed mid-run (CONN_MAX_AGE)
# ends under its postmaster.
WORKER = """
import sys, time
def burn():
    t = time.process_time()
    while time.process_time() - t < 0.3: pass
burn()
print("ready", flush=True)
sys.stdin.readline()
burn()
"""
SERVER = f"""
import subprocess, sys
worker = subprocess.Popen([sys.executable, "-c", {WORKER!r}], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True)
print(worker.stdout.readline(), end="", flush=True)
sys.stdin.readline()
worker.communicate("go\\n")
print("worker ended", flush=True)
sys.stdin.readline()
"""


def test_a_worker_that_ends_during_the_run_counts_its_cpu_of_the_run_only():
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout.readline() == "ready\n"
        with cpu_per_tier(server.pid) as used:
            server.stdin.write("go\n")
            server.stdin.flush()
            assert server.stdout.readline() == "worker ended\n"
        assert 250 <= used["web"] < 450
    finally:
        server.communicate("end\n")
