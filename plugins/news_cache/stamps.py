"""One content hash per file and build, where Pelican computes several.

With CHECK_MODIFIED_METHOD = "md5" (set by news_cache: content, not mtime, decides), Pelican opens and hashes
every article up to four times a build: its generator asks for a stamp before and after reading although
that cache layer is off, and its reader cache asks again before and after. On a disk where opening a file
costs 50-100 microseconds that is a tenth of a cold build's system time at 1,000 articles.
- The generator layer never stores or compares its stamps while it is off, so it gets a constant stamp.
- The reader layer's stamps are memoised for the build, keyed by the file's size, modification time and
  inode: the stamp it stores is still the content hash, so the next build compares contents as before.
"""

from __future__ import annotations

import os

from news_core.files import replacing
from news_pelican import gaps


def _no_stamp(filename) -> bytes:
    return b""


def skip_unused_stamps(generator) -> None:
    """On article/page generator init: no hashing for Pelican's generator-level cache when it is off."""
    if gaps.generator_cache_is_off(generator):
        gaps.set_generator_stamp(generator, _no_stamp)


def memoise_reader_stamps(generator) -> None:
    """On article/page generator init: the reader cache hashes each unchanged file once per build."""
    readers = getattr(generator, "readers", None)
    stamp = gaps.reader_stamp(readers)
    if stamp is None or isinstance(stamp, MemoisedStamp):
        return
    gaps.set_reader_stamp(readers, MemoisedStamp(stamp))


class MemoisedStamp:
    def __init__(self, stamp):
        self._stamp = stamp
        self._known: dict[str, tuple[tuple, object]] = {}

    def __call__(self, filename):
        status = os.stat(filename)  # raises OSError for a vanished file, as the wrapped stamp would
        identity = (status.st_size, status.st_mtime_ns, status.st_ino)
        known = self._known.get(filename)
        if known is not None and known[0] == identity:
            return known[1]
        value = self._stamp(filename)
        self._known[filename] = (identity, value)
        return value


def save_only_when_changed(generator) -> None:
    """On article/page generator init: Pelican writes its reader cache at the end of every build, all of it
    (0.8 s at 10,000 articles); when no article was read afresh, the file on disk already holds exactly that.
    When it is written, it is written beside and renamed, so a killed build never leaves half of it."""
    readers = getattr(generator, "readers", None)
    if readers is not None:
        gaps.write_reader_cache_atomically(readers, replacing)
    cache_data, save_cache = getattr(readers, "cache_data", None), getattr(readers, "save_cache", None)
    if cache_data is None or save_cache is None or getattr(save_cache, "only_when_changed", False):
        return
    changed = [False]

    def cache_and_note(filename, data):
        changed[0] = True
        return cache_data(filename, data)

    def save_if_changed():
        if changed[0]:
            save_cache()

    save_if_changed.only_when_changed = True
    readers.cache_data, readers.save_cache = cache_and_note, save_if_changed
