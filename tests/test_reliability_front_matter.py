"""Hand-edited front matter: every mistake is reported at the line of the mistake, with the key and a plain
reason; values of the wrong type never reach a page; an imported article without its `---` lines stays ours."""

from __future__ import annotations

import pytest

from news_core.importer import fields, frontmatter
from news_core.importer.dates import BadDate, parse_date_line
from news_core.importer.errors import ImportProblem

DOCUMENT = """---
title: Storm hits the coast
date: 2020-08-15
standfirst: A storm hit the coast.
hero:
  alt: Waves
  caption: Waves at noon
  credit: dpa/A. B.
  image: ''
related:
- title: Earlier storms
  url: ''
tags: []
slug: storm
source: raw/storm.txt
source_sha256: 3727b66bad12bd12d748e3de8ea8a2da97bd5d38183349d1fa433ec7c34cc962
imported_sha256: f0eefb7c854e89741a296996474a99de060a7d3229373afa54c25afbe0859acf
---

Trees fell.
"""


def problem(text: str) -> ImportProblem:
    with pytest.raises(ImportProblem) as caught:
        frontmatter.split(text)
    return caught.value


@pytest.mark.parametrize(
    "old, new, line, words",
    [
        ("title: Storm", 'title: "Storm', 2, "quote opened here is never closed"),  # not the closing --- (line 18)
        ("standfirst: A storm", "standfirst: 'A storm", 4, "quote opened here is never closed"),
        ("standfirst: A storm hit the coast.", "standfirst: He said: no", 4, "`: ` inside a value"),
        ("  alt: Waves", "\talt: Waves", 6, "indent with spaces"),
        ("tags: []", "tags: [a, b", 13, "`[` or `{` opened here is never closed"),
        ("date: 2020-08-15", "date: 2024-02-30", 3, "`date`: 2024-02-30 is not a valid date"),
        ("date: 2020-08-15", "date: 2024-02-01T10:00:00+99:00", 3, "offset must be under 24 hours"),
        ("\n---\n\nTrees", "\n\nTrees", 19, "never closed: add a `---` line before line 19"),
    ],
)
def test_a_mistake_is_reported_at_its_own_line(old, new, line, words):
    assert old in DOCUMENT
    found = problem(DOCUMENT.replace(old, new, 1))
    assert found.line == line and words in found.reason, found


@pytest.mark.parametrize(
    "text, ours",
    [
        (DOCUMENT, True),
        (DOCUMENT.replace("\n---\n\nTrees", "\n\nTrees"), True),  # closing --- deleted
        (DOCUMENT.removeprefix("---\n"), True),  # opening --- deleted: the importer's stamps say it is ours
        ("Title: A Pelican article\nDate: 2020-08-15\n\nBody <b>html</b>.\n", False),
        ("\ufeff---\ntitle: x\n---\n\nBody.\n", True),
    ],
)
def test_imported_articles_never_fall_through_to_pelicans_reader(text, ours):
    assert frontmatter.is_ours(text) is ours


@pytest.mark.parametrize(
    "key, value, words",
    [
        ("related", "see our other stories", "must be a list of links"),
        ("related", [{"title": "A", "link": "x"}], "item 1 has an unknown key `link`"),
        ("related", [{"url": "https://example.org/"}], "item 1 has no `title`"),
        ("key_facts", "one fact only", "must be a list of text"),
        ("key_facts", ["fine", {"nested": 1}], "item 2 must be text, not a mapping"),
        ("agencies", "AP", "must be a list of text"),
        ("title", ["a", "b"], "must be text, not a list"),
        ("title", True, "not true/false"),
        ("hero", "a photo of the bay", "must be a mapping of `alt:`"),
        ("hero", {"alt": "x", "captoin": "y"}, "unknown key `captoin`"),
        ("hero", {"alt": ["x"]}, "`alt` must be text"),
        ("explainer", "yes please", "must be true or false"),
        ("date", ["2020-08-15"], "must be a date"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_with_its_reason(key, value, words):
    with pytest.raises(fields.WrongType) as caught:
        fields.CHECKS[key](value)
    assert words in str(caught.value)


@pytest.mark.parametrize(
    "key, value, expected",
    [
        ("title", 1984, "1984"),
        ("related", ["Earlier storms"], [{"title": "Earlier storms", "url": ""}]),
        ("related", [{"title": "A"}], [{"title": "A", "url": ""}]),
        ("hero", {"alt": "Waves", "credit": None}, {"alt": "Waves", "caption": "", "credit": "", "image": ""}),
        ("tags", "floods, harbour", "floods, harbour"),  # Pelican's own comma-separated form
    ],
)
def test_values_of_the_right_shape_come_through_as_the_theme_expects(key, value, expected):
    assert fields.CHECKS[key](value) == expected


def test_the_reader_names_file_line_and_key(tmp_path):
    from pelican.settings import DEFAULT_CONFIG

    from news_import.reader import NewsMarkdownReader
    from news_import.settings import apply_defaults

    settings = dict(DEFAULT_CONFIG, PATH=str(tmp_path))
    apply_defaults(settings)
    path = tmp_path / "articles" / "storm.md"
    path.parent.mkdir()
    path.write_text(DOCUMENT.replace("related:\n- title: Earlier storms\n  url: ''\n", "related: text\n"))
    with pytest.raises(ValueError) as caught:
        NewsMarkdownReader(settings).read(str(path))
    assert str(caught.value).startswith("articles/storm.md:10: front matter `related` must be a list of links")


@pytest.mark.parametrize(
    "line", ["0001-01-01T00:30:00+02:00", "2024-01-01T10:00:00+99:00", "9999-12-31T23:30:00-02:00", "2024-02-30"]
)
def test_a_raw_date_out_of_range_is_a_bad_date_not_a_crash(line):
    from zoneinfo import ZoneInfo

    with pytest.raises(BadDate):
        parse_date_line(line, ZoneInfo("Europe/Berlin"))


JSON_LD_PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><script type="application/ld+json">'
    '{{"@type": "NewsArticle", "headline": "Old news", "datePublished": "{date}"}}</script></head><body>'
    "<article><h1>Old news</h1><p>The standfirst of the old story.</p><p>Its body.</p></article></body>"
    "</html>"
)


@pytest.mark.parametrize(
    "date, words",
    [
        ("0001-01-01T00:30:00+02:00", "outside the years 1 to 9999"),
        ("2024-01-01T10:00:00+99:00", "+99:00 is not a time zone offset"),
    ],
)
def test_a_json_ld_date_out_of_range_is_an_import_error(date, words):
    from zoneinfo import ZoneInfo

    from news_core.importer.convert import convert

    with pytest.raises(ImportProblem) as caught:
        convert(JSON_LD_PAGE.format(date=date).encode(), "raw/old.html", ZoneInfo("Europe/Berlin"))
    assert str(caught.value).startswith("raw/old.html:1: ") and words in str(caught.value)
