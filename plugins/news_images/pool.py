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
    except Exception as error:  # noqa: BLE001 - a bug or a codec crash on one photo must not stop the build
        return JobFailed(f"{type(error).__name__}: {error}")


def _guarded_chunk(function, chunk):
    return [_guarded(function, job) for job in chunk]


class Pending:
    """Jobs running in the background; `results()` waits for them (in job order) and frees the workers."""

    def __init__(self, function, jobs: list[tuple], processes: int | None, chunk_size: int):
        self._function, self._jobs = function, jobs
        self._pool, self._futures = None, []
        workers = min(processes or os.cpu_count() or 1, len(jobs))
        if workers < 1:
            return
        # Small jobs (share cards take milliseconds) travel in chunks: one round trip per job would cost more.
        chunks = [jobs[start : start + chunk_size] for start in range(0, len(jobs), chunk_size)]
        try:
            self._pool = ProcessPoolExecutor(max_workers=workers)
            self._futures = [(self._pool.submit(_guarded_chunk, function, chunk), len(chunk)) for chunk in chunks]
        except OSError:  # no processes to be had (a locked-down host): results() runs the jobs here
            self._pool, self._futures = None, []

    def results(self) -> list:
        if self._pool is None:
            return [_guarded(self._function, job) for job in self._jobs]
        results = []
        try:
            for future, size in self._futures:
                try:
                    results.extend(future.result())
                except BrokenProcessPool as error:  # e.g. the kernel killed a worker that ran out of memory
                    results.extend([JobFailed(f"the image worker died ({error})")] * size)
        finally:
            self._pool.shutdown()
        return results


def start_all(function, jobs: list[tuple], processes: int | None = None, chunk_size: int = 1) -> Pending:
    """Start `function(*job)` for every job on up to `processes` worker processes (None: all cores), so the
    caller can go on (Pelican writes its pages meanwhile)."""
    return Pending(function, jobs, processes, chunk_size)


def run_all(function, jobs: list[tuple], processes: int | None = None, chunk_size: int = 1) -> list:
    """`function(*job)` for every job, in order, on up to `processes` worker processes (None: all cores),
    `chunk_size` jobs per round trip; a single job runs in this process."""
    workers = min(processes or os.cpu_count() or 1, len(jobs))
    if workers <= 1:
        return [_guarded(function, job) for job in jobs]
    return Pending(function, jobs, processes, chunk_size).results()
