"""Which text on a saved page is the article: trafilatura's main-content extraction, used as a guide.

Finding the main content of an unknown page is a generic job that trafilatura does better than any rule of
ours (README: Importing saved HTML pages, figures measured on the real-page benchmark). It returns plain text
and drops what a news article needs besides its prose (captions and credits, read-more links with their URLs,
sign-offs, pull quotes), so we never import its output: the walker reads the page's own blocks and html_select
keeps those whose text trafilatura found.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from .shingles import SHINGLE, shingle_counts, tokens

# favor_precision: leaves out more teasers and boilerplate at the same recall on real pages; comments are never
# the article. Tables stay: their rows are text of the article.
_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "deduplicate": False,
    "with_metadata": False,
}


def main_text(html: str) -> str:
    """trafilatura's main-content text of a page ("" when it finds none or fails on the page)."""
    import trafilatura  # imported here: text dumps never pay for loading it

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its per-page notes are not the editor's concern
    try:
        return trafilatura.extract(html, **_OPTIONS) or ""
    except Exception:  # noqa: BLE001 - a library failure on one odd page means "no guide", never a lost import
        return ""


class Guide:
    """The guide text as counted shingles; `take(text)` says whether a block is part of it, consuming what it
    matched so that a second copy of the same text (a teaser repeating a paragraph) is not taken twice."""

    MATCH = 0.5  # share of a block's shingles the guide must hold
    WRAPPER_SHINGLES, WRAPPER_SHARE = 50, 0.2  # how much of the guide an element must hold to be its wrapper

    def __init__(self, text: str):
        words = tokens(text)
        self.size = len(words)
        self._shingles: Counter = shingle_counts(words)
        self._taken: set[str] = set()
        # Short blocks (a heading, a list item) must be a whole line of the guide: "DW" the logo is not the
        # "DW" inside a sentence.
        self._short_lines = Counter(
            " ".join(tokens(line)) for line in text.splitlines() if 0 < len(tokens(line)) < SHINGLE
        )

    def __bool__(self) -> bool:
        return self.size > 0

    def holds(self, text: str) -> bool:
        """True when `text` contains a fair part of the guide (an element wrapping the article)."""
        if not self.size:
            return False
        shingles = shingle_counts(tokens(text))
        found = sum(min(count, max(0, self._shingles[shingle])) for shingle, count in shingles.items())
        return found >= min(self.WRAPPER_SHINGLES, self.WRAPPER_SHARE * self.size)

    def take(self, text: str) -> bool:
        words = tokens(text)
        if not words:
            return False
        if len(words) < SHINGLE:
            key = " ".join(words)
            if self._short_lines[key] <= 0:
                return False
            self._short_lines[key] -= 1
            return True
        key = " ".join(words)
        if key in self._taken:
            return False  # a second copy: trafilatura kept one; html_select decides about repeats
        wanted = shingle_counts(words)
        held = {shingle: min(count, self._shingles[shingle]) for shingle, count in wanted.items()}
        if sum(held.values()) < self.MATCH * sum(wanted.values()):
            return False
        self._shingles.subtract(held)
        self._taken.add(key)
        return True
