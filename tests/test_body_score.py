"""The benchmark's body metric (tooling/bench/body_score.py) on tiny hand-made cases."""

import pytest

from tooling.bench.body_score import page_counts, score, shingles, tokens


def test_tokens_are_unicode_word_runs_as_written():
    assert tokens("Zürich's café—2,000 people!") == ["Zürich", "s", "café", "2", "000", "people"]
    assert tokens("東京の地下鉄") == ["東京の地下鉄"]


def test_shingles_are_four_token_runs_counted_as_a_multiset():
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2
    assert shingles("only three words") == {("only", "three", "words"): 1}  # a short text is one shingle
    assert shingles("") == {}


def test_a_perfect_extraction_scores_one():
    counts = page_counts("one two three four five", "one two three four five")
    assert (counts.tp, counts.fp, counts.fn) == (1.0, 0.0, 0.0)
    assert (counts.precision, counts.recall) == (1.0, 1.0)


def test_per_page_counts_are_normalised_so_every_page_weighs_the_same():
    # expected 3 shingles; predicted shares 2 and adds 2: tp 2, fp 2, fn 1 -> divided by 5
    counts = page_counts("a b c d e f", "a b c d e x y")
    assert counts.tp == pytest.approx(2 / 5) and counts.fp == pytest.approx(2 / 5) and counts.fn == pytest.approx(1 / 5)
    assert counts.precision == pytest.approx(0.5) and counts.recall == pytest.approx(2 / 3)


def test_nothing_predicted_scores_zero_and_nothing_on_either_side_scores_one():
    assert (page_counts("a b c d", "").precision, page_counts("a b c d", "").recall) == (0.0, 0.0)
    empty = page_counts("", "")
    assert (empty.precision, empty.recall) == (1.0, 1.0)


def test_precision_and_recall_are_means_over_pages_and_f1_is_taken_from_them():
    result = score([("a b c d e f", "a b c d e x y"), ("a b c d", "a b c d")])
    assert result.precision == pytest.approx((0.5 + 1.0) / 2)
    assert result.recall == pytest.approx((2 / 3 + 1.0) / 2)
    assert result.f1 == pytest.approx(2 * result.precision * result.recall / (result.precision + result.recall))
    assert result.pages == 2


def test_order_matters_through_the_shingles():
    assert page_counts("a b c d e", "e d c b a").tp == 0.0
