"""Read the second half of the articles in a forked copy of the build while this process reads the first.

Pelican reads articles one by one (Python-Markdown is most of a cold build's reading time). Before its loop
starts, the articles our reader will render and the reader cache lacks are split: the copy renders the
second half, and when Pelican's loop reaches the first of those, the copy's results are taken in its place.
"""

from __future__ import annotations

import logging
import os

from pelican.utils import file_suffix

from news_core.forked import ForkedWorker, WorkerFailed

logger = logging.getLogger(__name__)


class PrefetchedReads:
    """`reader.read_now(path)` for `paths`, done by a forked copy; take(path) gives what read() would."""

    def __init__(self, read_now, paths: list[str]):
        self._read_now = read_now
        self._waiting = set(paths)
        self._order = list(paths)
        self._worker = ForkedWorker(read_now, self._order)
        self._results: dict | None = None

    def __contains__(self, path: str) -> bool:
        return path in self._waiting

    def take(self, path: str):
        self._waiting.discard(path)
        if self._results is None:
            try:
                self._results = dict(zip(self._order, self._worker.results()))
            except WorkerFailed as failure:
                logger.warning("news_parallel: %s; reading its articles in this one", failure)
                self._results = {}
        result = self._results.pop(path, None)
        return self._read_now(path) if result is None else result.get()


def _reads_ahead(reader) -> bool:
    """A reader that takes reads done ahead (news_import's: `read_now(path)` and a `prefetched` slot); known by
    what it offers, not by its class, so this plugin never imports that one."""
    return callable(getattr(reader, "read_now", None)) and hasattr(reader, "prefetched")


def prefetch_articles(generator, min_items: int) -> None:
    """Before the first article is read: start the copy for every reader of ours with enough unread articles."""
    settings, readers = generator.settings, generator.readers
    unread: dict[int, list[str]] = {}
    for name in generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]):
        path = os.path.abspath(os.path.join(generator.path, name))  # as Readers.read_file spells it
        reader = readers.readers.get(file_suffix(path))
        if _reads_ahead(reader) and readers.get_cached_data(path, None) is None:
            unread.setdefault(id(reader), []).append(path)
    for reader in {id(reader): reader for reader in readers.readers.values()}.values():
        paths = unread.get(id(reader), [])
        if len(paths) >= min_items:
            reader.prefetched = PrefetchedReads(reader.read_now, paths[(len(paths) + 1) // 2 :])
