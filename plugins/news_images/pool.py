"""Run independent jobs on every core; a job that raises (or a worker that dies) becomes an error result.

One job per photo, not per output file: a photo is decoded once and all its derivatives come from it.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


class JobFailed:
    """Stands in for a job's result when it raised; `message` says what went wrong."""

    def __init__(self, message: str):
        self.message = message


def _guarded(function, args):
    try:
        return function(*args)
    except Exception as error:  # a bug or a codec crash on one photo must not stop the build
        return JobFailed(f"{type(error).__name__}: {error}")


def run_all(function, jobs: list[tuple], processes: int | None = None) -> list:
    """`function(*job)` for every job, in order, on up to `processes` worker processes (None: all cores)."""
    workers = min(processes or os.cpu_count() or 1, len(jobs))
    if workers <= 1:
        return [_guarded(function, job) for job in jobs]
    results = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_guarded, function, job) for job in jobs]
        for future in futures:
            try:
                results.append(future.result())
            except BrokenProcessPool as error:  # e.g. the kernel killed a worker that ran out of memory
                results.append(JobFailed(f"the image worker died ({error})"))
    return results
