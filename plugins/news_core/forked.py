"""Hand part of a batch to a forked copy of this process, so a build uses the second core.

Why fork rather than a process pool: the copy starts with everything this process has built so far (settings,
compiled templates, the context of 1,000 articles) at no cost, and sends back only its results; a fresh
interpreter would have to rebuild all of that first. The copy never returns into the caller's code: it works
through its items, sends each item's result (or exception) and the log records the item produced through a
pipe, and leaves with os._exit, so no atexit handler or buffered output of ours runs twice.

Log records are re-emitted here, in this process, when the caller takes the item's result: messages keep
their order per item and every handler (the build's error count among them) sees them exactly once.
Nothing here knows Pelican; the importer uses it too.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import signal
import sys
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


class WorkerFailed(RuntimeError):
    """The forked copy ended without sending its results (killed, out of memory, unpicklable result)."""


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS has no affinity call
        return os.cpu_count() or 1


def can_fork() -> bool:
    return hasattr(os, "fork") and cores() > 1


@dataclass
class ItemResult:
    value: Any = None
    error: BaseException | None = None
    records: list[logging.LogRecord] = field(default_factory=list)

    def get(self) -> Any:
        """The item's value, after its log records are handled here; raises the item's exception."""
        records, self.records = self.records, []  # a second get() must not log them twice
        for record in records:
            logging.getLogger(record.name).handle(record)
        if self.error is not None:
            raise self.error
        return self.value


class ForkedWorker:
    """A forked copy of this process applying `function` to each of `items` (in order)."""

    def __init__(self, function: Callable[[Any], Any], items: Sequence[Any]):
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # or the copy would inherit, and later print, what is buffered now
        read_end, write_end = os.pipe()
        # The copy shares this process's memory page by page until either writes to a page. A garbage
        # collection in the copy would write to every object it visits, so what exists now is frozen out of
        # the copy's collections (this process collects it again, as before).
        gc.freeze()
        pid = os.fork()
        if pid == 0:  # the copy
            os.close(read_end)
            _work_and_exit(function, items, write_end)
        gc.unfreeze()
        os.close(write_end)
        logging.getLogger(__name__).debug(
            "news_parallel: %s over %d items in process %d", getattr(function, "__name__", "work"), len(items), pid
        )
        self.pid, self._read_end, self._count = pid, read_end, len(items)
        self._results: list[ItemResult] | None = None
        # A worker whose results are never taken (the build stopped first) must not outlive it, or in a
        # long-running dev server stay blocked on a full pipe for good.
        self._abandon = weakref.finalize(self, _stop, pid, read_end, os.getpid())

    def results(self) -> list[ItemResult]:
        """Wait for the copy; one ItemResult per item, or WorkerFailed when it sent nothing usable."""
        if self._results is None:
            self._abandon.detach()
            results: list = []
            with os.fdopen(self._read_end, "rb") as stream:
                unpickler = pickle.Unpickler(stream)  # one at a time: never all the pickled bytes at once
                try:
                    while len(results) < self._count:
                        results.append(unpickler.load())
                except Exception:  # noqa: BLE001 - an empty or cut-off stream: the copy died
                    pass
            _, status = os.waitpid(self.pid, 0)
            if len(results) != self._count:
                raise WorkerFailed(
                    f"the second process ended without its results "
                    f"(exit status {os.waitstatus_to_exitcode(status)}, "
                    f"{len(results)} of {self._count} sent)"
                )
            self._results = results
        return self._results


def _stop(pid: int, read_end: int, parent: int) -> None:
    if os.getpid() != parent:
        return  # a later copy of this process holds the object too; the worker is not its child
    os.close(read_end)
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def map_on_two_cores(
    function: Callable[[Any], Any], items: Sequence[Any], min_items: int | None = 2
) -> list[ItemResult]:
    """function(item) for every item: the second half in a forked copy, the first half here, at the same time.

    Below `min_items` (None: never split), or where fork or a second core is missing, everything runs here. A copy
    that dies is not fatal: its half is done here afterwards. The caller takes values (and log records) with
    .get()."""
    items = list(items)
    if min_items is None or len(items) < max(2, min_items) or not can_fork():
        return [_run_here(function, item) for item in items]
    middle = (len(items) + 1) // 2
    worker = ForkedWorker(function, items[middle:])
    mine = [_run_here(function, item) for item in items[:middle]]
    try:
        theirs = worker.results()
    except WorkerFailed as failure:
        logging.getLogger(__name__).warning("%s; doing its share in this one", failure)
        theirs = [_run_here(function, item) for item in items[middle:]]
    return mine + theirs


def in_own_process(function: Callable[[], Any], enabled: bool = True) -> Any:
    """function() in a forked copy, for work that leaves much garbage behind: freed, the memory would stay
    with this process's allocator for the rest of the build. Its value (and log records) come back here;
    where fork is missing, when not enabled, or if the copy dies, it runs here instead."""
    return beside(function, enabled)()


def beside(function: Callable[[], Any], enabled: bool = True) -> Callable[[], Any]:
    """function() started in a forked copy while this process goes on; the callable returned waits for its
    value (and log records). Where fork is missing, when not enabled, or if the copy dies, function() runs
    here when the value is asked for. A copy whose value is never asked for is stopped once the callable
    is gone."""
    if not (enabled and hasattr(os, "fork")):
        return function

    def call(_):
        return function()

    call.__name__ = getattr(function, "__name__", call.__name__)  # the copy's log line names the work
    worker = ForkedWorker(call, [None])

    def value() -> Any:
        try:
            result = worker.results()[0]
        except WorkerFailed as failure:
            logging.getLogger(__name__).warning("%s; running it in this one", failure)
            return function()
        return result.get()

    return value


def _run_here(function: Callable[[Any], Any], item: Any) -> ItemResult:
    try:
        return ItemResult(value=function(item))
    except Exception as error:  # noqa: BLE001 - handed to the caller by .get(), as the copy's are
        return ItemResult(error=error)


_BASIC_FIELDS = (
    "name",
    "msg",
    "levelname",
    "levelno",
    "pathname",
    "filename",
    "module",
    "lineno",
    "funcName",
    "created",
    "msecs",
    "relativeCreated",
    "process",
    "processName",
    "thread",
    "threadName",
)


class _Capture(logging.Handler):
    """In the copy: keeps every record that reaches the root logger, ready to pickle."""

    def __init__(self) -> None:
        super().__init__(level=logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        portable = _portable_record(record)
        try:
            pickle.dumps(portable)
        except Exception:  # noqa: BLE001 - a filter's extra attribute that will not pickle: keep the basics
            portable = logging.makeLogRecord({name: getattr(portable, name) for name in _BASIC_FIELDS})
        self.records.append(portable)


def _portable_record(record: logging.LogRecord) -> logging.LogRecord:
    """The record with its message formatted (its arguments may not pickle) and no traceback object; an error
    logged while an exception is handled keeps that exception's text, as our build's error lines show it."""
    message = record.getMessage()
    reason = (record.exc_info or sys.exc_info())[1] if record.levelno >= logging.ERROR else None
    if reason is not None and str(reason) and str(reason) not in message:
        message = f"{message}: {' '.join(str(reason).split())}"
    portable = logging.makeLogRecord(record.__dict__)
    portable.msg, portable.args, portable.exc_info, portable.exc_text = message, None, None, None
    return portable


def _portable_error(error: BaseException) -> BaseException:
    """The exception itself when it survives pickling, else a RuntimeError with the same text (and the
    file and line a template error names)."""
    try:
        return pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - any exception type may refuse to pickle
        stand_in = RuntimeError(f"{type(error).__name__}: {error}")
        for name in ("filename", "lineno"):
            if getattr(error, name, None) is not None:
                setattr(stand_in, name, getattr(error, name))
        return stand_in


def _work_and_exit(function: Callable[[Any], Any], items: Sequence[Any], write_end: int) -> None:
    try:
        capture = _Capture()
        root = logging.getLogger()
        root.handlers = [capture]  # printing happens in the parent, when it takes each result
        results = []
        for item in items:
            capture.records = []
            try:
                results.append(ItemResult(value=function(item), records=capture.records))
            except Exception as error:  # noqa: BLE001 - sent to the parent, raised there by .get()
                results.append(ItemResult(error=_portable_error(error), records=capture.records))
        with os.fdopen(write_end, "wb") as stream:
            pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)  # shared objects sent once
            for result in results:
                pickler.dump(result)
    finally:
        os._exit(0)  # never back into the caller's code; results not sent read as WorkerFailed
