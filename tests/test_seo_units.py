"""The small pure pieces of news_seo, as tables: clipping, URLs, script-safe JSON, title matching,
the News sitemap window, feed HTML, dates and the values read from an article."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from news_seo.describe import describe, iso_date
from news_seo.feeds import feed_html
from news_seo.jsonld import article_graph, is_explainer, script_json
from news_seo.related import resolve, title_index, title_key
from news_seo.settings import apply_defaults
from news_seo.sitemaps import build_now, is_recent, robots_txt
from news_seo.social import LIMITS, meta_tags
from news_seo.text import clip, html_text
from news_seo.urls import page_path, relative_root, site_url

BERLIN = ZoneInfo("Europe/Berlin")
PUBLISHED = {
    "SITEURL": "https://example.org/news",
    "SITENAME": "Desk",
    "CATEGORY_SAVE_AS": "category/{slug}.html",
    "AUTHOR_SAVE_AS": "author/{slug}.html",
    "DEFAULT_LANG": "en",
}


def settings(**overrides) -> dict:
    values = {**PUBLISHED, **overrides}
    apply_defaults(values)
    return values


@pytest.mark.parametrize(
    "text, limit, expected",
    [
        ("Short title", 70, "Short title"),
        ("  spaced\n  out  ", 70, "spaced out"),
        ("one two three four", 12, "one two…"),
        ("one two, three four", 14, "one two…"),
        ("Supercalifragilistic", 10, "Supercali…"),
        ("x" * 70, 70, "x" * 70),
    ],
)
def test_clip_cuts_at_a_word_with_an_ellipsis(text, limit, expected):
    assert clip(text, limit) == expected
    assert len(clip(text, limit)) <= limit


@pytest.mark.parametrize(
    "fragment, expected",
    [
        ("<p>Tom &amp; Jerry</p>", "Tom & Jerry"),
        ("<p>two</p>\n<p>paragraphs</p>", "two paragraphs"),
        ("", ""),
    ],
)
def test_html_text(fragment, expected):
    assert html_text(fragment) == expected


@pytest.mark.parametrize(
    "siteurl, path, expected",
    [
        ("https://example.org/news", "2020/08/slug/", "https://example.org/news/2020/08/slug/"),
        ("https://example.org/news/", "/images/a.jpg", "https://example.org/news/images/a.jpg"),
        ("https://example.org", "", "https://example.org/"),
        ("", "2020/08/slug/", "/2020/08/slug/"),  # a local preview: root-relative, never an invented host
        ("..", "about/", "/about/"),
        ("https://example.org", "https://cdn.example.net/card.png", "https://cdn.example.net/card.png"),
        ("https://example.org", "javascript:alert(1)", ""),
        ("https://example.org", "//evil.example/x", ""),
    ],
)
def test_site_url(siteurl, path, expected):
    assert site_url({"SITEURL": siteurl}, path) == expected


@pytest.mark.parametrize(
    "save_as, path, root",
    [
        ("index.html", "", ""),
        ("search/index.html", "search/", "../"),
        ("tag/belarus.html", "tag/belarus.html", "../"),
        ("2020/08/slug/index.html", "2020/08/slug/", "../../../"),
    ],
)
def test_output_paths(save_as, path, root):
    assert page_path(save_as) == path
    assert relative_root(save_as) == root


@pytest.mark.parametrize(
    "value",
    [
        "</script><script>alert(1)</script>",
        "<!-- comment --> & <![CDATA[",
        "line\u2028separator",
        'quotes " and \\ backslash',
    ],
)
def test_script_json_cannot_leave_the_script_element(value):
    text = str(script_json({"headline": value}))
    for forbidden in ("<", ">", "&", "\u2028"):
        assert forbidden not in text
    assert json.loads(text) == {"headline": value}


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"explainer": True}, True),
        ({"explainer": "yes"}, True),
        ({"explainer": False}, False),
        ({"explainer": "no"}, False),
        ({"type": "Explainer"}, True),
        ({}, False),
    ],
)
def test_explainer_flag(fields, expected):
    assert is_explainer(SimpleNamespace(**fields)) is expected


@pytest.mark.parametrize(
    "one, other, same",
    [
        ("Arrested protesters talk of brutality", "ARRESTED PROTESTERS -- talk of brutality?", True),
        ("Belarus: 'can't be broken'", "belarus — can’t be broken", True),
        ("Café  society", "cafe society", True),
        ("Russia ready to 'ensure security' in Belarus", "Russia ready to ensure security in Minsk", False),
        ("Protests", "Protest", False),
    ],
)
def test_title_key_ignores_case_and_punctuation_only(one, other, same):
    assert (title_key(one) == title_key(other)) is same


def _article(title, url, day=1):
    return SimpleNamespace(title=title, url=url, date=dt.datetime(2026, 3, day, tzinfo=BERLIN))


def test_related_titles_link_to_local_articles_and_nothing_else():
    seed = _article("Russia ready to 'ensure security' in Belarus", "2020/08/seed/")
    older = _article("Arrested protesters talk of brutality", "2026/03/old/", day=1)
    newer = _article("Arrested protesters: talk of brutality!", "2026/03/new/", day=5)
    index = title_index([seed, older, newer])
    related = [
        {"title": "arrested protesters talk of BRUTALITY", "url": ""},
        {"title": "A title nobody published", "url": ""},
        {"title": "Russia ready to ensure security in Belarus", "url": "https://elsewhere.example/x"},
        {"title": "Russia ready to ensure security in Belarus", "url": None},
    ]
    assert [item["url"] for item in resolve(related, index, own=None)] == [
        "2026/03/new/",  # two local articles share the title: the newest wins
        "",  # no match: stays plain text, no invented URL
        "https://elsewhere.example/x",  # an editor's URL is kept
        "2020/08/seed/",
    ]
    assert resolve(related[3:], index, own=seed) == [{"title": related[3]["title"], "url": ""}]  # not to itself
    assert related[1] == {"title": "A title nobody published", "url": ""}  # the input is not changed


NOW = dt.datetime(2026, 3, 10, 12, 0, tzinfo=BERLIN)


@pytest.mark.parametrize(
    "published, recent",
    [
        (NOW - dt.timedelta(hours=1), True),
        (NOW - dt.timedelta(days=2), True),
        (NOW - dt.timedelta(days=2, seconds=1), False),
        (NOW + dt.timedelta(minutes=1), False),
        (dt.datetime(2020, 8, 15, tzinfo=BERLIN), False),
    ],
)
def test_news_sitemap_window_is_two_days(published, recent):
    assert is_recent(published, NOW, 2) is recent


@pytest.mark.parametrize(
    "setting, expected",
    [
        ("2026-03-10T12:00:00+01:00", NOW),
        ("2026-03-10T12:00:00", NOW),  # naive: in the site timezone
        (dt.datetime(2026, 3, 10, 11, 0, tzinfo=dt.UTC), NOW),
    ],
)
def test_fixed_now(setting, expected):
    assert build_now(setting, BERLIN) == expected


def test_clock_now_is_aware():
    assert build_now(None, BERLIN).tzinfo is not None


def test_robots_names_the_sitemaps():
    assert robots_txt(["https://e.org/sitemap.xml", "https://e.org/news-sitemap.xml"]) == (
        "User-agent: *\nAllow: /\n\nSitemap: https://e.org/sitemap.xml\nSitemap: https://e.org/news-sitemap.xml\n"
    )
    assert robots_txt([]) == "User-agent: *\nAllow: /\n"


@pytest.mark.parametrize(
    "content, expected",
    [
        (
            '<p>Body</p><aside class="pullquote" aria-hidden="true"><p class="pullquote-text">Quote</p></aside>',
            "<p>Body</p>",
        ),
        (
            '<p>Body</p><aside aria-hidden="true" class="pullquote" data-pagefind-ignore="all"><p>Q</p></aside>\n<p>On</p>',
            "<p>Body</p><p>On</p>",
        ),
        ('<aside class="read-more"><p>Kept</p></aside>', '<aside class="read-more"><p>Kept</p></aside>'),
        ('<h2 id="x">Head<a class="heading-link" href="#x">#</a></h2>', '<h2 id="x">Head</h2>'),
        ('<h2 id="x">Head<a href="#x" class="heading-link" title="Link">#</a></h2>', '<h2 id="x">Head</h2>'),
        (
            '<p>Text with src="x.jpg" in it &lt;img src="y.jpg"&gt;</p>',
            '<p>Text with src="x.jpg" in it &lt;img src="y.jpg"&gt;</p>',
        ),
        (
            '<p><a href="../other/">o</a> <img alt="" src="photo.jpg"/></p>',
            '<p><a href="https://e.org/2020/other/">o</a> <img alt="" src="https://e.org/2020/slug/photo.jpg"/></p>',
        ),
        ('<a href="#section">s</a>', '<a href="#section">s</a>'),
        (
            '<img alt="" srcset="a-480.jpg 480w, a-960.jpg 960w"/>',
            '<img alt="" srcset="https://e.org/2020/slug/a-480.jpg 480w, https://e.org/2020/slug/a-960.jpg 960w"/>',
        ),
    ],
)
def test_feed_html(content, expected):
    assert feed_html(content, "https://e.org/2020/slug/") == expected


def test_feed_html_puts_the_lead_first():
    assert (
        feed_html("<p>Body</p>", "https://e.org/", lead="<figure>Hero</figure>") == "<figure>Hero</figure><p>Body</p>"
    )


@pytest.mark.parametrize(
    "value, expected",
    [
        (dt.datetime(2020, 8, 15, tzinfo=BERLIN), "2020-08-15"),  # no time of day known
        (dt.datetime(2026, 3, 9, 8, 30, tzinfo=BERLIN), "2026-03-09T08:30:00+01:00"),
        (dt.date(2020, 8, 15), "2020-08-15"),
        (None, ""),
    ],
)
def test_iso_date(value, expected):
    assert iso_date(value) == expected


def _fake_article(**fields):
    values = dict(
        title="Title",
        url="2026/03/t/",
        standfirst="Stand",
        date=dt.datetime(2026, 3, 9, 8, 30, tzinfo=BERLIN),
        metadata={},
        tags=[],
        authors=[],
        category=SimpleNamespace(name="News", url="category/news.html"),
    )
    values.update(fields)
    return SimpleNamespace(**values)


def test_share_card_and_hero_become_absolute_images():
    article = _fake_article(
        share_image="2026/03/t/card.png",
        hero_image_url="images/hero.jpg",
        hero={"alt": "A crowd", "caption": "", "credit": ""},
    )
    facts = describe(article, settings())
    assert facts.images == ["https://example.org/news/2026/03/t/card.png", "https://example.org/news/images/hero.jpg"]
    tags = {(key, value) for _, key, value in meta_tags(facts, settings(), "article", has_card=True)}
    assert {
        ("og:image", facts.images[0]),
        ("og:image:width", "1200"),
        ("og:image:height", "630"),
        ("twitter:card", "summary_large_image"),
        ("twitter:image:alt", "Title"),
    } <= tags  # the card shows the headline
    assert article_graph(article, settings())["@graph"][0]["image"] == facts.images
    article.share_image = ""
    assert describe(article, settings()).image_alt == "A crowd"  # the hero photo alone: its own description


def test_without_any_image_the_card_is_a_summary():
    facts = describe(_fake_article(), settings())
    tags = {key: value for _, key, value in meta_tags(facts, settings(), "article")}
    assert facts.images == [] and tags["twitter:card"] == "summary" and "og:image" not in tags


def test_default_image_setting_is_the_fallback():
    facts = describe(_fake_article(), settings(NEWS_SEO_DEFAULT_IMAGE="images/default-card.png"))
    assert facts.images == ["https://example.org/news/images/default-card.png"]


def test_long_titles_and_descriptions_fit_the_platforms():
    facts = describe(_fake_article(title="Word " * 40, standfirst="Sentence words here. " * 30), settings())
    values = {}
    for _, key, value in meta_tags(facts, settings(), "article"):
        values.setdefault(key, value)
    for key in ("og:title", "og:description", "twitter:title", "twitter:description"):
        assert len(values[key]) <= LIMITS[key] and values[key].endswith("…"), key


def test_modified_is_never_invented():
    article = _fake_article(modified=dt.datetime(2026, 3, 10, 9, 0, tzinfo=BERLIN))
    assert "dateModified" not in article_graph(article, settings())["@graph"][0]
    article.metadata = {"modified": article.modified}
    assert article_graph(article, settings())["@graph"][0]["dateModified"] == "2026-03-10T09:00:00+01:00"


def test_without_sign_off_the_publisher_is_the_author():
    graph = article_graph(_fake_article(), settings(NEWS_SEO_PUBLISHER="Explainer Desk"))
    assert graph["@graph"][0]["author"] == [
        {"@type": "Organization", "name": "Explainer Desk", "url": "https://example.org/news/"}
    ]


def test_a_malformed_related_value_is_left_alone():
    from news_seo.related import link_related

    article = SimpleNamespace(
        title="T", url="t/", date=dt.datetime(2026, 3, 1, tzinfo=BERLIN), related="Arrested protesters", metadata={}
    )
    assert link_related([article]) == 0 and article.related == "Arrested protesters"
