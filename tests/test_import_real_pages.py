"""Real news pages from ~80 sites (the article-extraction benchmark's development half, tests/fixtures/real-pages):
the importer's body text against the ground truth, as saved HTML and as a text dump. Floors, not timings."""

import pytest

from support import ROOT
from tooling.bench import real_pages

pytestmark = pytest.mark.corpus  # the 92 real pages take seconds

# Pages whose whole body the importer lost before it used a main-content guide (an <article> teaser, a page
# wrapped in one ASP.NET <form>, an article body named `entry-content-read-more`, wrappers named `Page-ad-margins`).
LOST_BEFORE = (
    "098bb3e9",
    "232a43fb",
    "287e4d9f",
    "42aad16b",
    "432362af",
    "65bf3048",
    "82b6d780",
    "8634d121",
    "8b194530",
    "a1fca19b",
    "c13b9c0e",
    "c582d3b7",
    "e100c961",
    "e1cd54e5",
    "e372e42c",
    "e7994d55",
    "ec7fc408",
)
# A dump refused before because its first line (a cookie notice) was "too long for a title".
REFUSED_BEFORE = ("6a72de37",)


@pytest.fixture(scope="module")
def results(artifacts):
    measured = real_pages.measure()
    (artifacts / "real_pages.txt").write_text(real_pages.report(measured, worst=15) + "\n", encoding="utf-8")
    return measured


def page(results, kind, prefix):
    return next(result for result in results[kind] if result.page.startswith(prefix))


def test_the_benchmark_half_and_its_licence_are_in_the_repository():
    pages = ROOT / "tests" / "fixtures" / "real-pages"
    assert "MIT License" in (pages / "LICENSE").read_text(encoding="utf-8")
    truth = real_pages.ground_truth(pages)
    assert len(truth) == 92
    assert all(
        (pages / "html" / f"{name}.html.gz").is_file() and (pages / "text" / f"{name}.txt").is_file() for name in truth
    )


def test_saved_pages_beat_trafilatura_with_every_body_found(results):
    ours, theirs = real_pages.summary(results["html"]), real_pages.trafilatura_score()
    assert ours.f1 >= 0.96 and ours.recall >= 0.97, (ours.f1, ours.recall)
    assert ours.f1 > theirs.f1, (ours.f1, theirs.f1)
    assert [result.page for result in results["html"] if result.error or not result.body.strip()] == []


def test_text_dumps_are_read_without_the_page_around_them(results):
    ours = real_pages.summary(results["text"])
    assert ours.f1 >= 0.90 and ours.recall >= 0.95, (ours.f1, ours.precision, ours.recall)
    assert [result.page for result in results["text"] if result.error or not result.body.strip()] == []


@pytest.mark.parametrize("prefix", LOST_BEFORE)
def test_pages_that_lost_their_body_keep_it(results, prefix):
    counts = page(results, "html", prefix).counts
    assert counts.recall >= 0.9 and counts.precision >= 0.9, (counts.precision, counts.recall)


@pytest.mark.parametrize("prefix", REFUSED_BEFORE)
def test_dumps_refused_for_a_long_first_line_import(results, prefix):
    result = page(results, "text", prefix)
    assert not result.error and result.counts.recall >= 0.7 and result.counts.precision >= 0.9
