"""One content hash per file and build, where Pelican computes several.

With CHECK_MODIFIED_METHOD = "md5" (set by news_cache: content, not mtime, decides), Pelican opens and hashes
every article up to four times a build: its generator asks for a stamp before and after reading although
that cache layer is off, and its reader cache asks again before and after. On a disk where opening a file
costs 50-100 microseconds that is a tenth of a cold build's system time at 1,000 articles.
- The generator layer never stores or compares its stamps while it is off, so it gets a constant stamp.
- The reader layer's stamps are memoised, keyed by the file's size, modification and change times and
  inode (as git keys its index): the stamp it stores is still the content hash, so a file whose bytes
  changed is read again. The memo is kept for the next build (CACHE_PATH/news_cache/stamps-*.pickle), which
  then hashes only the files that changed (0.4 s of reading and hashing at 10,000 articles). A restored or
  copied file has a new change time (no program can set it), so it is hashed again; a file hashed within
  2 seconds of its last change is not kept, since a second change in the same clock tick could keep every
  time as it was.
"""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

from news_core.files import atomic_dump, replacing
from news_pelican import gaps

from . import journal
from .settings import CACHE_FOLDER

# How long before its hash a file's last change must be for the hash to be kept: more than the coarsest time
# a common file system records (FAT: 2 s), so a second change can never share the first one's times.
_SETTLED_NS = 2_000_000_000


def _no_stamp(filename) -> bytes:
    return b""


def skip_unused_stamps(generator) -> None:
    """On article/page generator init: no hashing for Pelican's generator-level cache when it is off."""
    if gaps.generator_cache_is_off(generator):
        gaps.set_generator_stamp(generator, _no_stamp)


def memoise_reader_stamps(generator) -> None:
    """On article/page generator init: the reader cache hashes each file once, and again only once it
    changed; the hashes are kept for the next build when the reader cache is saved."""
    readers = getattr(generator, "readers", None)
    stamp = gaps.reader_stamp(readers)
    if stamp is None or isinstance(stamp, MemoisedStamp):
        return
    store = Path(generator.settings["CACHE_PATH"]) / CACHE_FOLDER / f"stamps-{type(generator).__name__}.pickle"
    memo = MemoisedStamp(stamp, store)
    gaps.set_reader_stamp(readers, memo)
    save_cache = getattr(readers, "save_cache", None)
    if save_cache is not None:

        def save_cache_and_stamps():
            save_cache()
            memo.save()

        readers.save_cache = save_cache_and_stamps


class MemoisedStamp:
    def __init__(self, stamp, store: Path | None = None):
        self._stamp = stamp
        self._store = store
        # file -> (size, mtime_ns, inode, ctime_ns), its stamp, when it was hashed
        self._known: dict[str, tuple[tuple, object, int]] = _load(store) if store is not None else {}
        # file -> its stamp in this build. A reader belongs to one build, and asks twice for every file it
        # reads (before and after) and once more for a file news_parallel looked at ahead: the first answer
        # stands, as the reader result it is stored with was read after it.
        self._seen: dict[str, object] = {}
        self._hashed = False

    def __call__(self, filename):
        if filename in self._seen:
            return self._seen[filename]
        status = os.stat(filename)  # raises OSError for a vanished file, as the wrapped stamp would
        identity = (status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns)
        known = self._known.get(filename)
        if known is not None and known[0] == identity:
            value = known[1]
        else:
            hashed_at = time.time_ns()
            value = self._stamp(filename)
            self._known[filename] = (identity, value, hashed_at)
            self._hashed = True
        self._seen[filename] = value
        return value

    def save(self) -> None:
        """Keep the stamps of this build's files for the next one, but those of files that changed within
        _SETTLED_NS of being hashed (their times cannot tell a second change in the same tick)."""
        if self._store is None or not self._seen or not (self._hashed or self._seen.keys() != self._known.keys()):
            return  # nothing new; or nothing asked, as when the dev server keeps the reader results itself
        kept = {
            name: entry
            for name, entry in self._known.items()
            if name in self._seen and max(entry[0][1], entry[0][3]) < entry[2] - _SETTLED_NS
        }
        try:
            atomic_dump(self._store, kept)
        except OSError:
            pass  # a read-only cache folder: the next build hashes every file, as Pelican would
        self._hashed = False


def _load(store: Path) -> dict:
    try:
        with open(store, "rb") as stream:
            known = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return {}  # none yet, or left unreadable: every file is hashed
    return known if isinstance(known, dict) else {}


# Set on a generator's Readers whose cache was not loaded when it was made (LOAD_CONTENT_CACHE off while the
# generators are made: tooling.build, when the last build's finished site may spare reading any article).
LOAD_LATE = "news_cache_load_late"


def load_late(readers) -> bool:
    """Load the reader cache that was left unloaded when `readers` was made (entries read since stay as they
    are); False when there is none to load this way."""
    loader = getattr(readers, LOAD_LATE, None)
    if loader is None:
        return False
    loader()
    return True


def save_only_when_changed(generator) -> None:
    """On article/page generator init: Pelican writes its reader cache at the end of every build, all of it
    (0.8 s at 10,000 articles); when no article was read afresh, the file on disk already holds exactly that,
    and when a few were, their entries go to a journal beside it (journal.py). When the cache is written,
    it is written beside and renamed, so a killed build never leaves half of it. A cache not loaded when the
    generator was made (LOAD_CONTENT_CACHE off) can be loaded later (load_late)."""
    readers = getattr(generator, "readers", None)
    if readers is not None:
        gaps.write_reader_cache_atomically(readers, replacing)
    cache_data, save_cache = getattr(readers, "cache_data", None), getattr(readers, "save_cache", None)
    if cache_data is None or save_cache is None or getattr(save_cache, "only_when_changed", False):
        return
    cache = gaps.reader_cache(readers)
    loads = generator.settings.get("LOAD_CONTENT_CACHE", True)
    journalled = journal.merge(*cache) if cache is not None and loads else set()
    changed: set[str] = set()

    if cache is not None and not loads:

        def load_cache_late():
            nonlocal journalled
            setattr(readers, LOAD_LATE, None)
            entries, cache_file = cache
            read_since = {name: entries[name] for name in changed if name in entries}
            entries.update(_load_cache_file(cache_file))
            journalled = journal.merge(entries, cache_file)
            entries.update(read_since)

        setattr(readers, LOAD_LATE, load_cache_late)

    def cache_and_note(filename, data):
        changed.add(filename)
        return cache_data(filename, data)

    def save_if_changed():
        nonlocal journalled
        if not changed:
            return
        if cache is None:
            save_cache()
        elif journal.keep(*cache, journalled | changed, save_cache):
            journalled = journalled | changed
        else:
            journalled = set()
        changed.clear()

    save_if_changed.only_when_changed = True
    readers.cache_data, readers.save_cache = cache_and_note, save_if_changed


def _load_cache_file(cache_file: str) -> dict:
    """The entries of Pelican's reader cache file, read as Pelican reads it (none when it cannot be read)."""
    try:
        with open(cache_file, "rb") as stream:
            entries = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, ImportError):
        return {}
    return entries if isinstance(entries, dict) else {}
