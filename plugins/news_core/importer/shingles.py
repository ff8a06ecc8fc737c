"""Words and 4-word shingles of a text: how the importer tells whether two texts say the same thing."""

from __future__ import annotations

import re
from collections import Counter

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def shingle_counts(words: list[str], size: int = SHINGLE) -> Counter:
    if len(words) < size:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))
