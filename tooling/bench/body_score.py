"""The article-extraction benchmark's body metric (Scrapinghub/Zyte), written from its description.

Tokens are the `\\w+` runs of a text (Unicode); shingles are runs of 4 consecutive tokens, counted as a
multiset (a text of fewer than 4 tokens is one shingle of all of them). Per page, the shared shingles (tp, the
smaller count of each), the extra predicted ones (fp) and the missed ones (fn) are divided by their sum, so
every page weighs the same; precision and recall are the means over pages of tp/(tp+fp) and tp/(tp+fn), a
page with nothing true and nothing predicted counting 1 for both; F1 is taken from those two means.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


@dataclass(frozen=True)
class PageCounts:
    """One page's shingle counts, normalised so that tp + fp + fn == 1 (all 0 when both texts are empty)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else (1.0 if not self.fp else 0.0)


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    pages: int

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def tokens(text: str) -> list[str]:
    # The benchmark compares tokens as written; lower-casing would hide nothing it counts.
    return _TOKEN.findall(text)


def shingles(text: str, size: int = SHINGLE) -> Counter:
    words = tokens(text)
    if not words:
        return Counter()
    if len(words) < size:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def page_counts(expected: str, predicted: str) -> PageCounts:
    want, got = shingles(expected), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum(got.values()) - tp
    fn = sum(want.values()) - tp
    total = tp + fp + fn
    if not total:
        return PageCounts(0.0, 0.0, 0.0)
    return PageCounts(tp / total, fp / total, fn / total)


def score(pairs: Iterable[tuple[str, str]]) -> Score:
    """`pairs` of (expected body, predicted body), one per page."""
    counts = [page_counts(expected, predicted) for expected, predicted in pairs]
    if not counts:
        return Score(0.0, 0.0, 0)
    precision = sum(page.precision for page in counts) / len(counts)
    recall = sum(page.recall for page in counts) / len(counts)
    return Score(precision, recall, len(counts))
