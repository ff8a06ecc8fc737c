"""Body-text fidelity of the HTML importer: word-level precision and recall against hand-written expectations.

Each fixture `NAME.html` has `NAME.expected.yaml` whose `fields.standfirst` and `body` (paragraphs, `## `
headings, `- ` list items, `> ` block-quote paragraphs, in order; `> [!PULLQUOTE]` lines are display
duplicates and not counted) are the text a reader should get. Words are compared as multisets
(lowercased, punctuation ignored), as in the Zyte article-extraction benchmark: precision = share of the
extracted words that belong to the article, recall = share of the article's words that were extracted.

`measure(directory)` scores our importer and, when the `trafilatura` package is importable, trafilatura's
own body text on the same pages, so the decision whether to depend on it can be rerun:
`python -m news_import.html_fidelity tests/fixtures/html`.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from .article import Article, BlockQuote, BulletList, Heading, Paragraph
from .errors import ImportProblem
from .html_parse import parse_html

_WORD = re.compile(r"\w+")
OURS = "news_import"
TRAFILATURA = "trafilatura"


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True)
class FixtureScore:
    fixture: str
    extractor: str
    score: Score


def words(text: str) -> Counter:
    return Counter(word.lower() for word in _WORD.findall(text))


def word_score(expected: str, extracted: str) -> Score:
    want, got = words(expected), words(extracted)
    overlap = sum((want & got).values())
    precision = overlap / sum(got.values()) if got else 0.0
    recall = overlap / sum(want.values()) if want else 1.0
    return Score(precision, recall)


def article_body_text(article: Article) -> str:
    """What a reader reads as the article: standfirst, headings, paragraphs, list items (not captions,
    pull-quote duplicates, related links or the sign-off)."""
    parts = [article.standfirst]
    for block in article.body:
        if isinstance(block, (Paragraph, Heading)):
            parts.append(block.text)
        elif isinstance(block, BulletList):
            parts.extend(block.items)
        elif isinstance(block, BlockQuote):
            parts.extend(block.paragraphs)
    return "\n".join(parts)


def expected_body_text(expected: dict) -> str:
    parts = [expected.get("fields", {}).get("standfirst") or ""]
    for line in expected.get("body", []):
        if not line.startswith("> [!PULLQUOTE]"):  # a pull quote repeats body text; it is not counted twice
            parts.append(re.sub(r"^(?:## |- |> )", "", line))
    return "\n".join(parts)


def fixture_pairs(directory: Path) -> list[tuple[Path, dict]]:
    pairs = []
    for expected in sorted(directory.glob("*.expected.yaml")):
        page = expected.with_name(expected.name.removesuffix(".expected.yaml") + ".html")
        pairs.append((page, yaml.safe_load(expected.read_text(encoding="utf-8"))))
    return pairs


def extract_ours(data: bytes) -> str:
    try:
        article, _ = parse_html(data)
    except ImportProblem:
        return ""
    return article_body_text(article)


def trafilatura_extractor():
    """trafilatura's body text as a function of the page bytes, or None when it is not installed."""
    try:
        import trafilatura
    except ImportError:
        return None

    def extract(data: bytes) -> str:
        return trafilatura.extract(data, include_comments=False, include_tables=True) or ""

    return extract


def measure(directory: Path) -> list[FixtureScore]:
    extractors = {OURS: extract_ours}
    other = trafilatura_extractor()
    if other is not None:
        extractors[TRAFILATURA] = other
    rows = []
    for page, expected in fixture_pairs(directory):
        data = page.read_bytes()
        reference = expected_body_text(expected)
        for name, extract in extractors.items():
            rows.append(FixtureScore(page.stem, name, word_score(reference, extract(data))))
    return rows


def mean(rows: list[FixtureScore], extractor: str) -> Score:
    chosen = [row.score for row in rows if row.extractor == extractor]
    if not chosen:
        return Score(0.0, 0.0)
    return Score(sum(s.precision for s in chosen) / len(chosen), sum(s.recall for s in chosen) / len(chosen))


def as_json(rows: list[FixtureScore]) -> dict:
    """For bench JSON: {extractor: {"precision", "recall", "f1", "fixtures": {name: {...}}}}."""
    result: dict = {}
    for extractor in dict.fromkeys(row.extractor for row in rows):
        overall = mean(rows, extractor)
        result[extractor] = {
            "precision": round(overall.precision, 4), "recall": round(overall.recall, 4), "f1": round(overall.f1, 4),
            "fixtures": {row.fixture: {"precision": round(row.score.precision, 4), "recall": round(row.score.recall, 4)}
                         for row in rows if row.extractor == extractor},
        }
    return result


def report(rows: list[FixtureScore]) -> str:
    lines = [f"{'fixture':40} {'extractor':12} {'precision':>9} {'recall':>7} {'F1':>6}"]
    for row in rows:
        lines.append(f"{row.fixture:40} {row.extractor:12} {row.score.precision:9.3f} {row.score.recall:7.3f}"
                     f" {row.score.f1:6.3f}")
    for extractor in dict.fromkeys(row.extractor for row in rows):
        score = mean(rows, extractor)
        lines.append(f"{'mean':40} {extractor:12} {score.precision:9.3f} {score.recall:7.3f} {score.f1:6.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    directory = Path(arguments[0]) if arguments else Path("tests/fixtures/html")
    rows = measure(directory)
    if not rows:
        print(f"no fixtures (*.expected.yaml next to *.html) in {directory}", file=sys.stderr)
        return 1
    print(report(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
