"""An article of a kept finished site (tooling/snapshot.py) carries what its share card was made from: the next
build gives it the same card without working the card out again, and makes it anew when what it is made
from differs."""

from __future__ import annotations

import datetime
import pickle
from pathlib import Path

import pytest

from news_images import share_cards
from news_images.library import PhotoLibrary
from news_images.settings import apply_defaults


class Article:
    def __init__(self, title: str, slug: str):
        self.title, self.slug, self.lang = title, slug, "en"
        self.date = datetime.datetime(2026, 3, 1, 9, 30)
        self.source_path = f"/site/content/articles/{slug}.md"
        self.save_as = f"2026/03/{slug}/index.html"
        self.hero = {"image": ""}


def _library(tmp_path: Path) -> PhotoLibrary:
    settings = {"PATH": str(tmp_path / "content"), "CACHE_PATH": str(tmp_path / "cache"), "SITENAME": "The Desk"}
    apply_defaults(settings)
    library = PhotoLibrary(settings)
    (library.cache_dir / "cards").mkdir(parents=True, exist_ok=True)
    return library


def _cards(articles, library, output) -> None:
    progress = share_cards.make_share_cards(articles, library, str(output))
    if progress is not None:
        progress.finish(library)


def _kept(article):
    """The article as the next build reads it back from the kept site: a pickled copy of its attributes."""
    return pickle.loads(pickle.dumps(article))


def test_a_kept_article_gets_its_card_again_without_working_it_out(tmp_path, monkeypatch):
    output = tmp_path / "output"
    _cards([article := Article("Floods close the coast road", "floods")], _library(tmp_path), output)
    card = str(output / "2026/03/floods/share-card.jpg")
    first = _library(tmp_path)
    _cards([kept := _kept(article)], first, output)
    assert first.extra_outputs == {card: str(first.cache_dir / "cards" / Path(first.extra_outputs[card]).name)}

    def refuse(*_):
        raise AssertionError("the card was worked out again")

    monkeypatch.setattr(share_cards, "card_spec", refuse)
    monkeypatch.setattr(share_cards, "card_url", refuse)
    again = _library(tmp_path)
    _cards([_kept(kept)], again, output)
    assert again.extra_outputs == first.extra_outputs
    assert again.stats["cards_reused"] == 1 and again.stats["cards_drawn"] == 0


@pytest.mark.parametrize(
    "change",
    [
        lambda article: setattr(article, "title", "Floods close the coast road again"),
        lambda article: setattr(article, "date", datetime.datetime(2026, 3, 2, 9, 30)),
        lambda article: setattr(article, "share_image", "elsewhere.jpg"),
    ],
    ids=["headline", "date", "url"],
)
def test_a_kept_article_whose_card_inputs_differ_gets_a_new_card(tmp_path, change):
    output = tmp_path / "output"
    library = _library(tmp_path)
    _cards([article := Article("Floods close the coast road", "floods")], library, output)
    before = dict(library.extra_outputs)
    kept = _kept(article)
    change(kept)
    again = _library(tmp_path)
    _cards([kept], again, output)
    assert kept.share_image == "2026/03/floods/share-card.jpg"
    if kept.title == article.title and kept.date == article.date:  # only the URL was off: the same card
        assert again.extra_outputs == before
    else:
        assert again.extra_outputs != before and again.stats["cards_drawn"] == 1


def test_a_kept_card_missing_from_the_cache_is_drawn_again(tmp_path):
    output = tmp_path / "output"
    library = _library(tmp_path)
    _cards([article := Article("Floods close the coast road", "floods")], library, output)
    for card in (library.cache_dir / "cards").iterdir():
        card.unlink()
    again = _library(tmp_path)
    _cards([_kept(article)], again, output)
    assert again.stats["cards_drawn"] == 1
    assert all(Path(cached).is_file() for cached in again.extra_outputs.values())
