"""The news_theme plugin's small parts: CSS bundle, link targets, dates, missing photos, article links."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from news_theme.bundle import BundleError, bundle_css, minify, source_files, write_bundle
from news_theme.dates import known_update
from news_theme.filters import hero_figure, link_url, machine_date, reader_date, sentence
from news_theme.missing_images import missing_images
from news_theme.neighbours import link_neighbours, link_related_by_tags

ROOT = Path(__file__).resolve().parents[1]
BERLIN = ZoneInfo("Europe/Berlin")


def test_bundle_puts_tokens_first_then_components_in_name_order(tmp_path):
    (tmp_path / "components").mkdir()
    (tmp_path / "tokens.css").write_text(":root { --a: 1px; }")
    (tmp_path / "components" / "20-b.css").write_text("/* b */ .b { margin: 0; }")
    (tmp_path / "components" / "10-a.css").write_text(".a {\n  color: red;\n}\n")
    bundle = bundle_css(tmp_path)
    assert bundle.css == ":root{--a:1px}.a{color:red}.b{margin:0}\n"
    assert bundle.filename.startswith("site.") and bundle.filename.endswith(".css")
    assert bundle_css(tmp_path).filename == bundle.filename  # same sources, same name


def test_bundle_name_changes_with_content(tmp_path):
    (tmp_path / "tokens.css").write_text(":root{--a:1px}")
    first = bundle_css(tmp_path).filename
    (tmp_path / "tokens.css").write_text(":root{--a:2px}")
    assert bundle_css(tmp_path).filename != first


def test_missing_tokens_is_a_clear_error_naming_the_file(tmp_path):
    with pytest.raises(BundleError, match=r"tokens\.css"):
        bundle_css(tmp_path)


def test_write_bundle_replaces_stale_bundles(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "tokens.css").write_text(":root{--a:1px}")
    (tmp_path / "out" / "site.old.css").parent.mkdir()
    (tmp_path / "out" / "site.old.css").write_text("old")
    written = write_bundle(bundle_css(tmp_path / "css"), tmp_path / "out")
    assert [path.name for path in (tmp_path / "out").iterdir()] == [written.name]


def test_theme_css_sources_are_tokens_plus_one_file_per_component():
    files = source_files(ROOT / "theme" / "css")
    assert files[0].name == "tokens.css" and len(files) > 10
    assert "prefers-color-scheme: dark" in files[0].read_text()
    assert any("@media print" in path.read_text() for path in files)


@pytest.mark.parametrize(
    "css, expected",
    [
        ("a { color: red; }", "a{color:red}"),
        ("a > b , c { x: y }", "a>b,c{x:y}"),
        ("/* note */\n@media (min-width: 40rem) { a { b: c; } }", "@media (min-width:40rem){a{b:c}}"),
        ("a:focus-visible { outline: 3px solid var(--c); }", "a:focus-visible{outline:3px solid var(--c)}"),
    ],
)
def test_minify(css, expected):
    assert minify(css) == expected


@pytest.mark.parametrize(
    "url, siteurl, expected",
    [
        ("https://example.org/a/", "..", "https://example.org/a/"),
        ("http://example.org/a", "", "http://example.org/a"),
        ("2020/08/slug/", "../../..", "../../../2020/08/slug/"),
        ("2020/08/slug/", "", "2020/08/slug/"),
        ("/abs/path/", "..", "/abs/path/"),
        ("", "..", ""),
        ("javascript:alert(1)", "..", ""),
        ("JaVaScRiPt:alert(1)", "..", ""),
        ("data:text/html,<b>", "..", ""),
        ("//evil.example/", "..", ""),
        ('"><script>alert(1)</script>', "..", ""),
        ("https:///no-host", "..", ""),
    ],
)
def test_link_url(url, siteurl, expected):
    assert link_url(url, siteurl) == expected


NBSP = "\u00a0"  # day and month, time and zone never break apart


@pytest.mark.parametrize(
    "value, timezone, machine, reader",
    [
        (dt.datetime(2020, 8, 15, tzinfo=BERLIN), None, "2020-08-15", "15 August 2020"),
        (dt.datetime(2020, 8, 15, 9, 30, tzinfo=BERLIN), None, "2020-08-15T09:30+02:00", "15 August 2020, 09:30 CEST"),
        (
            dt.datetime(2020, 1, 5, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
            None,
            "2020-01-05T18:00-05:00",
            "5 January 2020, 18:00 UTC-05:00",
        ),
        # a fixed offset from front matter reads in the site's zone, with its name
        (
            dt.datetime(2020, 8, 16, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            BERLIN,
            "2020-08-16T10:30+02:00",
            "16 August 2020, 10:30 CEST",
        ),
        (
            dt.datetime(2020, 8, 16, 8, 30, tzinfo=dt.UTC),
            BERLIN,
            "2020-08-16T08:30+00:00",
            "16 August 2020, 10:30 CEST",
        ),
        (dt.date(2020, 8, 15), BERLIN, "2020-08-15", "15 August 2020"),
    ],
)
def test_dates(value, timezone, machine, reader):
    assert machine_date(value) == machine
    assert reader_date(value, timezone) == reader.replace(" August", NBSP + "August").replace(
        " January", NBSP + "January"
    ).replace(" CEST", NBSP + "CEST").replace(" UTC", NBSP + "UTC")


@pytest.mark.parametrize(
    "modified, mtime, expected",
    [
        (None, None, None),
        (dt.datetime(2020, 8, 15, tzinfo=BERLIN), None, None),  # same as published
        (dt.datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=BERLIN), dt.datetime(2026, 1, 2, 3, 4, 5, 678), None),  # mtime
        (
            dt.datetime(2020, 8, 16, 12, tzinfo=BERLIN),
            dt.datetime(2026, 1, 2),
            dt.datetime(2020, 8, 16, 12, tzinfo=BERLIN),
        ),
    ],
)
def test_known_update(modified, mtime, expected):
    assert known_update(dt.datetime(2020, 8, 15, tzinfo=BERLIN), modified, mtime) == expected


def test_missing_images_lists_hero_and_text_only_body_figures(tmp_path):
    from pelican.settings import read_settings

    from news_import.reader import NewsMarkdownReader
    from news_import.settings import apply_defaults

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    apply_defaults(settings)
    article = tmp_path / "article.md"
    article.write_text(
        "---\ntitle: T\n---\n\n> [!FIGURE] https://example.org/a.jpg\n> Alt: A\n> Credit: X\n\n"
        "> [!FIGURE]\n> Alt: Flowers & candles\n> Caption: C\n> Credit: dpa/V. S.\n"
    )
    _, metadata = NewsMarkdownReader(settings).read(str(article))
    found = missing_images(
        {"alt": "Hero alt", "caption": "", "credit": "Reuters", "image": ""}, metadata["figures_without_photo"]
    )
    assert [item.line() for item in found] == [
        "hero: Hero alt (credit: Reuters)",
        "figure 2: Flowers & candles (credit: dpa/V. S.)",  # numbered among all the body's figures
    ]
    assert missing_images({"alt": "x", "image": "x.jpg"}, []) == []
    assert missing_images(None, []) == []


def _article(slug, day, tags=()):
    return SimpleNamespace(slug=slug, date=dt.datetime(2020, 8, day, tzinfo=BERLIN), tags=list(tags))


def test_previous_and_next_follow_publication_time():
    b, a, c = _article("b", 2), _article("a", 1), _article("c", 3)
    link_neighbours([b, a, c])
    assert (a.previous_article, a.next_article) == (None, b)
    assert (b.previous_article, b.next_article) == (a, c)
    assert (c.previous_article, c.next_article) == (b, None)


def test_related_by_tags_ranks_shared_tags_then_newest():
    base = _article("base", 1, ["belarus", "russia"])
    both = _article("both", 2, ["belarus", "russia"])
    one_old, one_new = _article("old", 3, ["russia"]), _article("new", 4, ["belarus"])
    unrelated = _article("other", 5, ["sport"])
    link_related_by_tags([base, both, one_old, one_new, unrelated], limit=2)
    assert base.related_by_tags == [both, one_new]
    assert unrelated.related_by_tags == []


def test_hero_figure_goes_through_the_shared_markup_and_escapes():
    article = SimpleNamespace(
        hero={"alt": "<b>alt</b>", "caption": "Cap", "credit": "AP", "image": ""}, source_path="x.md"
    )
    html = str(hero_figure(article))
    assert html.startswith('<figure class="figure figure-hero figure-text-only">')
    assert "&lt;b&gt;alt&lt;/b&gt;" in html and '<span class="credit">Image: AP</span>' in html
    assert "Photo needed: " in html
    assert str(hero_figure(SimpleNamespace(source_path="x.md"))) == ""
    assert str(hero_figure(article, placeholder=False)) == ""  # a published build: no photo, no figure


@pytest.mark.parametrize(
    "note, shown",
    [
        ("This is an updated version of a previous article", "This is an updated version of a previous article."),
        ("this article was updated to add figures.", "This article was updated to add figures."),
        ("Updated: the minister said “no.”", "Updated: the minister said “no.”"),
        ("The headline was changed to ‘Crisis’", "The headline was changed to ‘Crisis’."),
        ("Is this final?", "Is this final?"),
        ("", ""),
    ],
)
def test_the_update_note_is_a_sentence(note, shown):
    assert sentence(note) == shown


def test_news_authors_in_one_shape_and_bad_entries_named():
    from news_theme.people import people_setting, person

    people, problems = people_setting(
        {
            "kmm": {"name": "Kate Martin", "role": "Europe correspondent"},
            "mm": "Max Muster",
            "xx": {"role": "no name"},
            "yy": 3,
        }
    )
    assert people == {
        "kmm": {"name": "Kate Martin", "role": "Europe correspondent"},
        "mm": {"name": "Max Muster", "role": ""},
    }
    assert problems == [
        'setting NEWS_AUTHORS: \'xx\': expected a name or {"name": ..., "role": ...}',
        'setting NEWS_AUTHORS: \'yy\': expected a name or {"name": ..., "role": ...}',
    ]
    assert people_setting(["kmm"])[1] == ["setting NEWS_AUTHORS: expected a mapping of initials to people, got list"]
    assert person("kmm", people).name == person("KMM", people).name == "Kate Martin"  # as typed in a sign-off
    assert person("ab", people) == person("ab", {}) and person("ab", {}).name == "ab"


def test_the_older_news_seo_author_names_still_names_people():
    from news_seo.settings import apply_defaults as seo_defaults

    settings = {
        "SITENAME": "S",
        "NEWS_SEO_AUTHOR_NAMES": {"kmm": "Kate Martin", "mm": "Old Name"},
        "NEWS_AUTHORS": {"mm": {"name": "Max Muster", "role": ""}},
    }
    seo_defaults(settings)
    assert settings["NEWS_AUTHORS"] == {"kmm": {"name": "Kate Martin"}, "mm": {"name": "Max Muster", "role": ""}}
