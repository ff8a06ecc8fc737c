"""A memo of the importer's pure step, convert(raw bytes) -> Markdown, kept between builds.

convert() depends only on its arguments and the importer's code, and the memo lives in the cache folder
whose name is keyed by that code (see __init__.py), so a hit returns exactly what convert() would. Each
result is copied out, because import_file() appends to a result's warnings. Failures are not memoised:
a broken raw file is converted, and reported, on every build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

MEMO_NAME = "import-memo.pickle"


class ConvertMemo:
    def __init__(self, folder: Path, convert, result_class):
        self.path = folder / MEMO_NAME
        self._convert = convert
        self._result_class = result_class
        self._entries = self._load()
        self._used: dict[tuple, tuple] = {}

    def __call__(self, data: bytes, source: str, site_timezone=None, slug: str | None = None):
        key = (hashlib.sha256(data).hexdigest(), source, str(site_timezone), slug)
        entry = self._entries.get(key)
        if entry is None:
            result = self._convert(data, source, site_timezone, slug=slug)
            entry = (result.markdown, result.slug, tuple(result.warnings))
        self._used[key] = entry
        return self._result_class(entry[0], entry[1], list(entry[2]))

    def save(self) -> None:
        """Keep only this build's entries, so the memo never grows past the corpus."""
        if not self._used or self._used == self._entries:
            return
        temporary = self.path.with_suffix(".tmp")
        with open(temporary, "wb") as stream:
            pickle.dump(self._used, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)
        self._entries = dict(self._used)

    def _load(self) -> dict:
        try:
            with open(self.path, "rb") as stream:
                entries = pickle.load(stream)
            return entries if isinstance(entries, dict) else {}
        except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
            return {}


def for_convert(folder: Path) -> ConvertMemo | None:
    try:
        from news_import.convert import Conversion, convert
    except ImportError:  # news_import not installed: nothing to memoise
        return None
    return ConvertMemo(folder, convert, Conversion)
