"""Import fidelity on real news pages: the importer against the benchmark's ground truth (tests/fixtures/real-pages).

Each page is imported twice, as the saved HTML and as its text dump (what "select all, copy" gives), and the
article body we would publish is scored with the benchmark's metric (body_score.py), next to trafilatura's
stored extraction of the same pages.

    python -m tooling.bench.real_pages [--pages DIR] [--worst 10] [--json FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .body_score import PageCounts, Score, page_counts, score

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "fixtures" / "real-pages"
KINDS = ("html", "text")


@dataclass
class PageResult:
    page: str
    kind: str
    counts: PageCounts
    seconds: float
    error: str = ""
    body: str = field(default="", repr=False)


def _plugins_on_path() -> None:
    plugins = str(ROOT / "plugins")
    if plugins not in sys.path:
        sys.path.insert(0, plugins)


def ground_truth(pages: Path = PAGES) -> dict[str, str]:
    data = json.loads((pages / "ground-truth.json").read_text(encoding="utf-8"))
    return {page: entry["articleBody"] for page, entry in data.items()}


def trafilatura_bodies(pages: Path = PAGES) -> dict[str, str]:
    data = json.loads((pages / "trafilatura-2.0.0.json").read_text(encoding="utf-8"))
    return {page: entry.get("articleBody") or "" for page, entry in data["output"].items()}


def raw_bytes(page: str, kind: str, pages: Path = PAGES) -> tuple[bytes, str]:
    """The page's bytes as an editor would drop them into content/raw/, and the file name it would have."""
    if kind == "html":
        return gzip.decompress((pages / "html" / f"{page}.html.gz").read_bytes()), f"raw/{page}.html"
    return (pages / "text" / f"{page}.txt").read_bytes(), f"raw/{page}.txt"


def body_text(article) -> str:
    """The article text a reader gets besides headline and captions: standfirst, headings, paragraphs, list
    items and quoted paragraphs (pull quotes repeat the body and are not counted twice)."""
    from news_core.importer.article import BlockQuote, BulletList, Heading, Paragraph

    parts = [article.standfirst]
    for block in article.body:
        if isinstance(block, (Paragraph, Heading)):
            parts.append(block.text)
        elif isinstance(block, BulletList):
            parts.extend(block.items)
        elif isinstance(block, BlockQuote):
            parts.extend(block.paragraphs)
    return "\n".join(part for part in parts if part)


def import_page(data: bytes, source: str):
    """The Article our importer makes of one raw file (the same pipeline `invoke import` runs)."""
    _plugins_on_path()
    from news_core.importer.convert import read_article

    return read_article(data, source)


def measure(kinds=KINDS, pages: Path = PAGES) -> dict[str, list[PageResult]]:
    _plugins_on_path()
    from news_core.importer.errors import ImportProblem

    truth = ground_truth(pages)
    results: dict[str, list[PageResult]] = {kind: [] for kind in kinds}
    for kind in kinds:
        for page in sorted(truth):
            data, source = raw_bytes(page, kind, pages)
            started = time.process_time()
            error, body = "", ""
            try:
                article = import_page(data, source)
                body = body_text(article)
            except ImportProblem as problem:
                error = str(problem)
            seconds = time.process_time() - started
            results[kind].append(PageResult(page, kind, page_counts(truth[page], body), seconds, error, body))
    return results


def summary(results: list[PageResult]) -> Score:
    precision = sum(result.counts.precision for result in results) / len(results)
    recall = sum(result.counts.recall for result in results) / len(results)
    return Score(precision, recall, len(results))


def trafilatura_score(pages: Path = PAGES) -> Score:
    truth, theirs = ground_truth(pages), trafilatura_bodies(pages)
    return score((truth[page], theirs.get(page, "")) for page in sorted(truth))


def as_json(results: dict[str, list[PageResult]], pages: Path = PAGES) -> dict:
    out: dict = {"pages": len(ground_truth(pages))}
    theirs = trafilatura_score(pages)
    out["trafilatura_2.0.0_stored"] = {
        "precision": round(theirs.precision, 4),
        "recall": round(theirs.recall, 4),
        "f1": round(theirs.f1, 4),
    }
    for kind, rows in results.items():
        overall = summary(rows)
        times = sorted(row.seconds for row in rows)
        out[kind] = {
            "precision": round(overall.precision, 4),
            "recall": round(overall.recall, 4),
            "f1": round(overall.f1, 4),
            "empty_bodies": sum(1 for row in rows if not row.body.strip()),
            "errors": {row.page: row.error for row in rows if row.error},
            "median_ms": round(1000 * times[len(times) // 2], 1),
            "max_ms": round(1000 * times[-1], 1),
            "pages_per_s": round(len(times) / sum(times), 1) if sum(times) else None,
        }
    return out


def report(results: dict[str, list[PageResult]], worst: int = 0, pages: Path = PAGES) -> str:
    theirs = trafilatura_score(pages)
    lines = [f"{'input':28} {'precision':>9} {'recall':>7} {'F1':>6} {'empty':>6} {'median ms':>9} {'max ms':>8}"]
    for kind, rows in results.items():
        overall = summary(rows)
        times = sorted(row.seconds for row in rows)
        empty = sum(1 for row in rows if not row.body.strip())
        lines.append(
            f"{'ours, ' + kind:28} {overall.precision:9.3f} {overall.recall:7.3f} {overall.f1:6.3f} "
            f"{empty:6d} {1000 * times[len(times) // 2]:9.1f} {1000 * times[-1]:8.1f}"
        )
    lines.append(f"{'trafilatura 2.0.0 (stored)':28} {theirs.precision:9.3f} {theirs.recall:7.3f} {theirs.f1:6.3f}")
    if worst:
        for kind, rows in results.items():
            lines.append(f"\nworst {worst} ({kind}):")
            for row in sorted(rows, key=lambda r: _f1(r.counts))[:worst]:
                lines.append(
                    f"  {row.page[:16]} P {row.counts.precision:.3f} R {row.counts.recall:.3f} {row.error[:80]}"
                )
    return "\n".join(lines)


def _f1(counts: PageCounts) -> float:
    p, r = counts.precision, counts.recall
    return 2 * p * r / (p + r) if p + r else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tooling.bench.real_pages", description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--kind", choices=KINDS, action="append")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages with the lowest F1")
    parser.add_argument("--json", help="write the figures as JSON to this file ('-': one line on stdout, no table)")
    arguments = parser.parse_args(argv)
    results = measure(tuple(arguments.kind or KINDS), arguments.pages)
    figures = json.dumps(as_json(results, arguments.pages))
    if arguments.json == "-":
        print(figures)
        return 0
    print(report(results, arguments.worst, arguments.pages))
    if arguments.json:
        Path(arguments.json).write_text(figures + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
