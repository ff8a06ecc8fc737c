"""The benchmark corpus: deterministic by seed, varied like a newsroom's archive, and every article imports."""

from __future__ import annotations

import sys

import pytest

from support import ROOT

sys.path.insert(0, str(ROOT))
from news_core.importer.convert import convert  # noqa: E402
from news_core.importer.frontmatter import split  # noqa: E402
from tooling.bench import corpus  # noqa: E402


@pytest.fixture(scope="module")
def articles():
    return corpus.generate(60, seed=11)


def test_same_seed_gives_the_same_corpus_byte_for_byte(articles):
    assert corpus.generate(60, seed=11) == articles


def test_another_seed_gives_another_corpus(articles):
    assert corpus.generate(60, seed=12) != articles


def test_a_smaller_corpus_is_the_start_of_a_larger_one(articles):
    assert corpus.generate(20, seed=11) == articles[:20]


def test_names_and_titles_are_unique(articles):
    assert len({article.name for article in articles}) == len(articles)
    titles = {article.markdown.split("\n", 1)[0] for article in articles}
    assert len(titles) == len(articles)


@pytest.mark.parametrize(
    "feature, present",
    [
        ("## ", lambda md: "\n## " in md),
        ("a bullet list", lambda md: "\n- " in md),
        ("a figure in the body", lambda md: "[!FIGURE]" in md),
        ("a pull quote", lambda md: "[!PULLQUOTE]" in md),
        ("a hero", lambda md: "\nhero:\n" in md),
        ("no hero", lambda md: "\nhero:\n" not in md),
        ("related links", lambda md: "\nrelated:\n- " in md),
        ("agencies", lambda md: "\nagencies:\n- " in md),
        ("an editor", lambda md: "\neditor: " in md and "\neditor: ''" not in md),
        ("an update note", lambda md: "update_note: This is an updated" in md),
    ],
)
def test_the_corpus_varies_like_an_archive(articles, feature, present):
    imported = [convert(article.raw.encode(), f"raw/{article.name}.txt").markdown for article in articles]
    assert any(present(markdown) for markdown in imported), f"no article with {feature}"


def test_every_raw_article_imports_with_its_title_and_date(articles):
    for article in articles:
        fields, body, _ = split(convert(article.raw.encode(), f"raw/{article.name}.txt").markdown)
        twin_title = article.markdown.split("\n", 1)[0].removeprefix("Title: ")
        twin_date = article.markdown.split("\n", 2)[1].removeprefix("Date: ")
        assert fields["title"] == twin_title
        assert str(fields["date"]) == twin_date
        assert len(body) > 500


def test_sizes_are_news_like(articles):
    sizes = [len(article.raw.encode()) for article in articles]
    assert min(sizes) < 4000 < 6000 < max(sizes)
    assert 4500 < sum(sizes) / len(sizes) < 8000


def test_write_puts_raw_dumps_and_markdown_twins_side_by_side(tmp_path, articles):
    raw_dir, markdown_dir = corpus.write(tmp_path, articles[:3])
    assert sorted(path.stem for path in raw_dir.glob("*.txt")) == sorted(a.name for a in articles[:3])
    assert (markdown_dir / f"{articles[0].name}.md").read_text(encoding="utf-8") == articles[0].markdown
