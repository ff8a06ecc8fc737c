"""The reader cache entries read afresh, kept beside Pelican's reader cache instead of writing it all again.

Pelican pickles its whole reader cache (every article's rendered body and metadata) whenever one article
was read afresh: 0.27 s at 10,000 articles for an edit of one. The entries read afresh are written to a
journal beside it instead (`<cache file>.journal`), and merged into the cache when the next build loads it.
Once the journal holds more than JOURNAL_LIMIT entries, the whole cache is written again and the journal
removed. Pelican uses a cached entry only while its stamp (the file's content hash) matches the file, so a
journal older or newer than the cache beside it can never serve a stale page.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable

from news_core.files import atomic_dump

JOURNAL_SUFFIX = ".journal"
JOURNAL_LIMIT = 200  # entries: writing them costs a fiftieth of writing a 10,000-article cache


def merge(entries: dict, cache_file: str) -> set[str]:
    """Add the journal's entries to the loaded cache; returns their names (kept in the next journal)."""
    try:
        with open(cache_file + JOURNAL_SUFFIX, "rb") as stream:
            journal = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, ImportError):
        return set()  # none, or left unreadable: the files are read again where their entries are stale
    if not isinstance(journal, dict):
        return set()
    entries.update(journal)
    return set(journal)


def keep(entries: dict, cache_file: str, names: set[str], save_cache: Callable[[], None]) -> bool:
    """Keep the entries of `names` (read afresh, or journalled before) in the journal; or, when they are
    too many or there is no cache file beside which to keep them, write the whole cache and drop the
    journal. Returns True when the journal was written."""
    journal = {name: entries[name] for name in names if name in entries}
    if len(journal) <= JOURNAL_LIMIT and os.path.exists(cache_file):
        try:
            atomic_dump(cache_file + JOURNAL_SUFFIX, journal)
            return True
        except OSError:
            pass  # a read-only cache folder: Pelican's save reports it
    save_cache()
    try:
        os.unlink(cache_file + JOURNAL_SUFFIX)
    except OSError:
        pass
    return False
