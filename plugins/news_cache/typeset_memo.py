"""The typeset text of every front-matter field, kept between builds.

news_theme typesets each article's headline, standfirst, captions and "Read more" titles on every build
(curly quotes, dashes, non-breaking spaces: news_core.markdown.typography), 34,000 fields and 0.5 s at
10,000 articles, though an edit changes a handful. typeset() depends only on its text and the code, so its
results are kept in CACHE_PATH/news_cache/typeset-memo.pickle, which news_cache drops with the rest of its
records whenever its key (code, templates, settings, library versions) changes. Each build keeps exactly the
texts it typeset, so the memo never grows past the site's fields.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

from news_core.files import atomic_dump

MEMO_NAME = "typeset-memo.pickle"


class TypesetMemo:
    def __init__(self, path: Path, typeset: Callable[[str], str]):
        self.path = path
        self._typeset = typeset
        self._known: dict[str, str] | None = None  # read on first use: a build that typesets nothing never loads it
        self._used: dict[str, str] = {}

    def __call__(self, text) -> str:
        if not isinstance(text, str):
            return self._typeset(text)
        value = self._used.get(text)
        if value is None:
            value = self._load().get(text)
            if value is None:
                value = self._typeset(text)
            self._used[text] = value
        return value

    def save(self) -> None:
        """Keep this build's texts, when they are not exactly the ones kept already."""
        if not self._used or self._used == self._load():
            return
        try:
            atomic_dump(self.path, dict(self._used))
        except OSError:
            pass  # a read-only cache folder: the next build typesets every field, as without the memo
        self._known, self._used = dict(self._used), {}

    def _load(self) -> dict[str, str]:
        if self._known is None:
            try:
                with open(self.path, "rb") as stream:
                    known = pickle.load(stream)
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
                known = {}
            self._known = known if isinstance(known, dict) else {}
        return self._known
