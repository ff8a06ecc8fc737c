"""Which "updated" time is real: only a `modified` an editor wrote, never the file's mtime.

With DEFAULT_DATE = "fs" Pelican fills `modified` from the file's modification time when the front
matter has none; that would show every article as "Updated" on the day it was last saved.
"""

from __future__ import annotations

import datetime as dt
import os


def file_mtime(path: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(os.stat(path).st_mtime)
    except OSError:
        return None


def known_update(date: dt.datetime | None, modified: dt.datetime | None, source_mtime: dt.datetime | None):
    """`modified` when it was written by someone and differs from the publication date, else None."""
    if modified is None or modified == date:
        return None
    if source_mtime is not None and modified.replace(tzinfo=None) == source_mtime:
        return None
    return modified
