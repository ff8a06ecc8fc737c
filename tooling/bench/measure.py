"""Run one build in a child process and measure it: wall time and that child's own peak memory.

Peak memory comes from os.wait4(), which reports the rusage of exactly the child we waited for (and any
grandchildren it reaped), so alternating runs in one process tree never blur into each other the way a
cumulative getrusage(RUSAGE_CHILDREN) would.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


class BuildFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float
    cpu_seconds: float = 0.0  # user + system time of the child and the children it waited for


def timed_child(argv: list[str], cwd: Path, env: dict | None = None) -> Run:
    """Run argv to completion; raise BuildFailed with its output when it exits non-zero."""
    log = cwd / "bench-child.log"
    with open(log, "wb") as output:
        start = time.perf_counter()
        child = subprocess.Popen(
            argv, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    if child.returncode != 0:
        raise BuildFailed(
            f"`{' '.join(argv)}` in {cwd} exited {child.returncode}:\n{log.read_text(errors='replace')[-4000:]}"
        )
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)  # ru_maxrss: KiB on Linux
