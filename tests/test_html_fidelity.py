"""Body-text fidelity of the HTML importer, printed as a table (`pytest -s`, and test-artifacts/html_fidelity.txt)."""

import pytest

from news_import.html_fidelity import OURS, Score, as_json, mean, measure, report, word_score
from support import FIXTURES


@pytest.mark.parametrize("expected, extracted, precision, recall", [
    ("one two three four", "one two three four", 1.0, 1.0),
    ("one two three four", "one two", 1.0, 0.5),  # half the article missing
    ("one two", "one two menu share", 0.5, 1.0),  # half of what was extracted is cruft
    ("The the THE", "the", 1.0, 1 / 3),  # words are counted as a multiset, case ignored
    ("Hello, world!", "hello world", 1.0, 1.0),  # punctuation ignored
    ("some text", "", 0.0, 0.0),
])
def test_word_level_precision_and_recall(expected, extracted, precision, recall):
    assert word_score(expected, extracted) == Score(pytest.approx(precision), pytest.approx(recall))


def test_f1_is_the_harmonic_mean():
    assert Score(0.5, 1.0).f1 == pytest.approx(2 / 3)
    assert Score(0.0, 0.0).f1 == 0.0


def test_fidelity_report_over_the_page_fixtures(artifacts):
    rows = measure(FIXTURES / "html")
    table = report(rows)
    (artifacts / "html_fidelity.txt").write_text(table + "\n", encoding="utf-8")
    print("\n" + table)
    ours = [row for row in rows if row.extractor == OURS]
    assert len(ours) >= 7
    assert all(row.score.precision >= 0.95 and row.score.recall >= 0.95 for row in ours), table
    overall = mean(rows, OURS)
    assert overall.precision >= 0.98 and overall.recall >= 0.98, table


def test_json_summary_for_the_benchmark():
    rows = measure(FIXTURES / "html")
    summary = as_json(rows)
    assert summary[OURS]["precision"] == round(mean(rows, OURS).precision, 4)
    assert set(summary[OURS]["fixtures"]) == {row.fixture for row in rows if row.extractor == OURS}
