"""A memo of the importer's pure step, convert(raw bytes) -> Markdown, kept between builds.

convert() depends only on its arguments and the code, and the memo stores a key of the plugin code and
library versions: a memo written by other code is ignored, so a hit returns exactly what convert() would.
Each result is copied out, because import_all() appends to a result's warnings. Failures are not memoised:
a broken raw file is converted, and reported, on every import. Used by the start-up import of a `pelican`
run (news_import asks news_core.services for it) and by `invoke import` / `invoke build` (tooling/importing.py).
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from news_core.files import atomic_dump

from .fingerprint import files_key, versions_key
from .settings import CACHE_FOLDER

MEMO_NAME = "import-memo.pickle"


class ConvertMemo:
    def __init__(self, path: Path, key: str, convert, result_class):
        self.path = path
        self.key = key
        self._convert = convert
        self._result_class = result_class
        self._entries: dict | None = None  # read on first use: a process that never imports never loads them
        self._used: dict[tuple, tuple] = {}

    def __call__(self, data: bytes, source: str, site_timezone=None, slug: str | None = None):
        key = _key(hashlib.sha256(data).hexdigest(), source, site_timezone, slug)
        entry = self._known().get(key)
        if entry is None:
            result = self._convert(data, source, site_timezone, slug=slug)
            entry = (result.markdown, result.slug, tuple(result.warnings))
        self._used[key] = entry
        return self._result_class(entry[0], entry[1], list(entry[2]))

    def remember(self, data_sha256: str, source: str, site_timezone, result) -> None:
        """Keep a result computed elsewhere (news_parallel's forked copy, whose memo did not come back)."""
        key = _key(data_sha256, source, site_timezone, None)
        self._used.setdefault(key, (result.markdown, result.slug, tuple(result.warnings)))

    def save(self) -> None:
        """Keep this import's entries (all of them when it imported everything, as builds do)."""
        if not self._used:
            # Nothing converted here: the build process, whose import ran in a process of its own that saved
            # the memo. Loading the file only to compare would put every article's Markdown on its heap.
            return
        known = self._known()
        if self._used == known:
            return
        entries = self._used if len(self._used) * 2 >= len(known) else {**known, **self._used}
        atomic_dump(self.path, {"key": self.key, "entries": entries})  # streamed: never all its bytes at once
        self._entries = dict(entries)

    def release(self) -> None:
        """Forget the entries once saved: the import is over, and they would stay in memory for the build."""
        self._entries, self._used = {}, {}

    def _known(self) -> dict:
        if self._entries is None:
            self._entries = self._load()
        return self._entries

    def _load(self) -> dict:
        try:
            with open(self.path, "rb") as stream:
                stored = pickle.load(stream)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError, ImportError):
            return {}
        if not isinstance(stored, dict) or stored.get("key") != self.key:
            return {}
        return stored.get("entries") or {}


def _key(data_sha256: str, source: str, site_timezone, slug: str | None) -> tuple:
    return data_sha256, source, str(site_timezone), slug


def for_settings(settings: dict) -> ConvertMemo | None:
    """The memo for a site, or None when news_cache is not in PLUGINS, is off, or news_import is absent."""
    if not settings.get("NEWS_CACHE", True) or "news_cache" not in (settings.get("PLUGINS") or []):
        return None
    try:
        from news_core.importer.convert import Conversion, convert
    except ImportError:
        return None
    code = files_key([Path(path) for path in settings.get("PLUGIN_PATHS") or []])
    path = Path(settings["CACHE_PATH"]) / CACHE_FOLDER / MEMO_NAME
    return ConvertMemo(path, f"{code[:16]}-{versions_key()[:16]}", convert, Conversion)
