"""news_cache.translations: matching translations one group at a time gives what Pelican's process_translations
gives on the whole list (originals, translations, each content's `translations`, the list's order and the
warnings), for every shape of group a site can have, and a build's generators use it."""

from __future__ import annotations

import logging
import random

import pytest
from pelican import generators
from pelican.contents import Article
from pelican.settings import read_settings
from pelican.utils import SafeDatetime

from news_cache import translations

ORIGINAL = getattr(generators.process_translations, "__wrapped__", generators.process_translations)


def _site(seed: int, folder: str = "/site") -> list:
    """Groups of every shape: a lone article, an original with translations, two originals in one language
    (Pelican warns), a group whose members are all marked as translations (warns), one with no article in the
    default language, and articles with a second id field."""
    settings = read_settings(override={"DEFAULT_LANG": "en"})
    chooser = random.Random(seed)
    found = []
    for number in range(60):
        slug = f"story-{chooser.randrange(25)}"
        metadata = {
            "title": f"Story {number}",
            "date": SafeDatetime(2024, 1, 1 + number % 28),
            "slug": slug,
            "lang": chooser.choice(["en", "en", "de", "fr"]),
            "category": chooser.choice(["world", "europe"]),
        }
        if chooser.random() < 0.2:
            metadata["translation"] = chooser.choice(["true", "false", "True"])
        found.append(Article("<p>x</p>", metadata=metadata, settings=settings, source_path=f"{folder}/a{number}.md"))
    chooser.shuffle(found)
    return found


def _run(function, contents, translation_id, caplog):
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        originals, found = function(contents, translation_id)
    # Pelican's log filter drops a warning it printed before: each run names its files in a folder of its own
    return (
        [content.source_path for content in contents],  # sorted in place, as Pelican sorts it
        [content.source_path for content in originals],
        [content.source_path for content in found],
        {content.source_path: [other.source_path for other in content.translations] for content in contents},
        [record.getMessage() for record in caplog.records],
    )


@pytest.mark.parametrize("translation_id", ["slug", ("slug", "category"), ["category", "slug"], None, ""])
@pytest.mark.parametrize("seed", range(4))
def test_matching_by_group_is_pelicans_matching(translation_id, seed, caplog):
    translations.install(True)
    pelican_way = _run(ORIGINAL, _site(seed, "/pelican"), translation_id, caplog)
    grouped = _run(
        lambda contents, ids: translations.matched(contents, ids, ORIGINAL),
        _site(seed, "/grouped"),
        translation_id,
        caplog,
    )
    assert repr(grouped).replace("/grouped/", "/pelican/") == repr(pelican_way)
    if translation_id == "slug":
        assert any("with lang" in message for message in pelican_way[4])  # the warnings were exercised


def test_a_bad_translation_id_gets_pelicans_own_error():
    translations.install(True)
    with pytest.raises(AttributeError, match="'translation_id'"):
        translations.matched(_site(0), "no_such_field", ORIGINAL)


def test_contents_with_their_own_equality_are_left_to_pelican_whole():
    class EqualByTitle(Article):
        def __eq__(self, other):
            return getattr(other, "title", None) == self.title

        __hash__ = Article.__hash__

    settings = read_settings(override={"DEFAULT_LANG": "en"})
    calls = []

    def original(contents, ids):
        calls.append(len(contents))
        return ORIGINAL(contents, ids)

    contents = [
        EqualByTitle(
            "x", metadata={"title": "Same", "slug": f"s{n}", "date": SafeDatetime(2024, 1, 1)}, settings=settings
        )
        for n in range(3)
    ]
    translations.install(True)
    translations.matched(contents, "slug", original)
    assert calls == [3]  # one call over the whole list, not one per group


def test_a_build_matches_translations_by_group(tmp_path, monkeypatch):
    """The generators of a build call news_cache's matching (and through it Pelican's, per group)."""
    from pelican import Pelican

    calls = []
    real = translations.matched

    def counted(contents, ids, original):
        calls.append(len(contents))
        return real(contents, ids, original)

    monkeypatch.setattr(translations, "matched", counted)
    content = tmp_path / "content"
    content.mkdir()
    for number in range(3):
        (content / f"a{number}.md").write_text(f"Title: Story {number}\nDate: 2024-01-0{number + 1}\n\nBody.\n")
    (content / "a0-de.md").write_text("Title: Geschichte\nDate: 2024-01-01\nSlug: story-0\nLang: de\n\nText.\n")
    settings = read_settings(
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "CACHE_PATH": str(tmp_path / "cache"),
            "PLUGIN_PATHS": [],
            "PLUGINS": ["news_cache"],
            "SITEURL": "",
            "TIMEZONE": "UTC",
        }
    )
    Pelican(settings).run()
    assert calls and max(calls) == 4  # the generators' call, with every article
    english = (tmp_path / "output" / "story-0.html").read_text(encoding="utf-8")
    assert 'href="/story-0-de.html"' in english  # the original lists its translation
