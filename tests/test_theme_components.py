"""Every component of the explainer theme renders from front matter alone (tests/fixtures/theme/ + the seed).

The site is built once with `invoke build` (conftest.theme_site); each row names a page, a CSS selector
from the theme's HTML contract (theme/README.md) and the text a reader sees there.

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

SEED = "2020/08/russia-ready-to-ensure-security-in-belarus/index.html"
FULL = "2020/08/how-the-grain-corridor-works/index.html"
BARE = "2020/08/a-short-note-on-the-harvest/index.html"


def soup(output: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((output / page).read_text(encoding="utf-8"), "html.parser")


def text(element) -> str:
    return re.sub(r"\s+", " ", element.get_text()).strip()


@pytest.mark.parametrize(
    "page, selector, expected",
    [
        (SEED, "article h1", "Russia ready to ‘ensure security’ in Belarus"),
        (SEED, "article .standfirst", "President Alexander Lukashenko has said his Russian counterpart"),
        (SEED, ".dateline time[datetime='2020-08-15']", "15 August 2020"),
        (SEED, ".dateline .reading-time", "min read"),
        (SEED, ".dateline .update-note", "This is an updated version of a previous article."),  # a sentence
        (SEED, ".article-header .byline", "By Kate Martin and mm, with AP, AFP, Reuters and dpa"),
        (SEED, ".byline a[rel=author][href$='author/kmm.html']", "Kate Martin"),
        (SEED, "figure.figure-hero.figure-text-only .figure-alt .figure-alt-label", "Photo needed"),
        (SEED, "figure.figure-hero figcaption .caption", "Belarusian President Alexander Lukashenko"),
        (SEED, "figure.figure-hero figcaption .credit", "Image: Reuters/M. Guchek"),
        (SEED, ".article-body figure.figure-text-only .credit", "Image: picture-alliance/dpa/V. Sharifulin"),
        (SEED, ".article-body figure .caption", "Anti-government protesters have gathered"),
        (SEED, "aside.pullquote .pullquote-text", "It’s awful to live in a country"),
        (SEED, "aside.pullquote .pullquote-attribution", "30-year-old demonstrator Artem Kushner"),
        (SEED, "nav.toc h2", "Jump to"),
        (SEED, "nav.toc a[href='#ongoing-protests']", "Ongoing protests"),
        (SEED, "#ongoing-protests a.heading-link[href='#ongoing-protests']", "#"),
        (SEED, ".read-more h2", "Read more"),
        (SEED, ".read-more li", "Arrested protesters talk of brutality"),
        # a title without a known URL searches the site for itself
        (
            SEED,
            ".read-more a.read-more-search[href='../../../search/?q=Arrested%20protesters%20talk%20of%20brutality']",
            "Search Arrested protesters talk of brutality",
        ),
        (SEED, ".read-more a.read-more-search", "Search Belarus opposition leader: This freedom ‘can’t be broken"),
        (FULL, ".key-facts h2", "At a glance"),
        (FULL, ".key-facts li", "Three ports reopened"),
        (FULL, ".dateline .published time[datetime='2020-08-12T09:30+02:00']", "12 August 2020, 09:30 CEST"),
        (FULL, ".dateline .updated:has(time[datetime='2020-08-13T18:05+02:00'])", "Updated 13 August 2020, 18:05 CEST"),
        (FULL, ".dateline .update-note", "This article was updated to add the inspection figures."),
        (FULL, ".article-header .byline", "By Anna Berg, with Reuters"),
        (FULL, "figure.figure-hero img[alt='A cargo ship loaded with grain leaves the port of Odesa']", ""),
        (FULL, "figure.figure-hero .credit", "Image: AP/O. Mykhailenko"),
        (FULL, ".read-more a[href='https://example.org/ports/']", "The ports on the Black Sea"),
        (FULL, ".credits .editor", "Edited by: Jane Doe"),
        (FULL, ".tag-list a[rel=tag]", "Grain"),
        (FULL, ".article-nav a[rel=prev]", "A short note on the harvest"),
        (FULL, ".article-nav a[rel=next]", "Russia ready to ‘ensure security’ in Belarus"),
        (BARE, "article h1", "A short note on the harvest"),
        (BARE, ".read-more li a", "How the grain corridor works"),  # no editor links: related by tag
        (BARE, ".byline", "By News Explainers desk"),  # no sign-off: the site's AUTHOR
    ],
)
def test_component_shows(theme_site, page, selector, expected):
    output, _ = theme_site
    found = soup(output, page).select(selector)
    assert found, f"{selector} missing on {page}"
    assert any(expected in text(element) for element in found), [text(element) for element in found]


@pytest.mark.parametrize(
    "page, selector",
    [
        (BARE, "figure"),  # no hero, no figures
        (BARE, ".key-facts"),  # no key facts in front matter
        (BARE, "nav.toc"),  # no ## headings
        (BARE, ".update-note"),
        (BARE, ".dateline .updated"),
        (BARE, ".credits"),  # no editor
        (SEED, ".credits"),  # the byline names the authors and agencies; the foot repeats none of it
        (SEED, ".dateline .updated"),  # no `modified`: the file's mtime is never shown as an update
        (SEED, ".key-facts"),
        (FULL, ".read-more a[href^='javascript']"),
    ],
)
def test_component_absent(theme_site, page, selector):
    output, _ = theme_site
    assert not soup(output, page).select(selector)


def test_figures_keep_alt_caption_and_credit_apart(theme_site):
    output, _ = theme_site
    figures = soup(output, FULL).select("figure")
    assert len(figures) == 3  # hero with a photo, body figure with a photo, body figure without
    for figure in figures:
        caption, credit = figure.select_one("figcaption .caption"), figure.select_one("figcaption .credit")
        assert caption and credit and text(credit).startswith("Image: ")
        alt = figure.img["alt"] if figure.img else text(figure.select_one(".figure-alt"))
        assert alt and alt not in text(caption)


def test_hostile_related_link_searches_the_site_instead(theme_site):
    output, _ = theme_site
    links = soup(output, FULL).select(".read-more a.read-more-search")
    assert [text(link) for link in links] == ["Search A link with a hostile scheme"]
    assert links[0]["href"] == "../../../search/?q=A%20link%20with%20a%20hostile%20scheme"


def test_article_body_is_the_search_body(theme_site):
    output, _ = theme_site
    body = soup(output, SEED).select_one("[data-pagefind-body]")
    assert body.name == "article" and body.h1 and body.select_one(".standfirst")
    assert not body.find_parent(["nav", "footer"]) and not body.select(".site-nav, .site-footer")


def test_pull_quote_is_hidden_from_assistive_technology_and_has_no_links(theme_site):
    output, _ = theme_site
    for quote in soup(output, SEED).select("aside.pullquote"):
        assert quote["aria-hidden"] == "true" and not quote.find("a")


@pytest.mark.parametrize(
    "page, selector, expected",
    [
        ("index.html", ".front-lead .card-lead .card-title a", "Russia ready to ‘ensure security’ in Belarus"),
        ("index.html", ".front-lead .card-standfirst", "President Alexander Lukashenko"),
        ("index.html", ".front-list .card-title a", "How the grain corridor works"),
        ("index.html", ".front-list .card-standfirst", "Ships leave three ports"),
        ("tag/grain.html", "h1", "Grain"),
        ("tag/grain.html", ".card-title a", "A short note on the harvest"),
        ("tags.html", ".term-list a", "Black Sea"),
        ("categories.html", ".term-list a", "News"),
        ("authors.html", ".term-list a[href$='author/kmm.html']", "Kate Martin"),
        ("authors.html", ".term-list a[href$='author/mm.html']", "mm"),  # not in NEWS_AUTHORS: the initials
        ("author/kmm.html", "h1", "Kate Martin"),
        ("author/kmm.html", ".listing-kind", "Europe correspondent"),
        ("author/kmm.html", "title", "Kate Martin | News Explainers"),
        ("author/ab.html", ".listing-kind", "Reporter"),
        ("category/news.html", ".card-title a", "How the grain corridor works"),
        ("archives.html", ".archive-list a", "A short note on the harvest"),
        ("2020/index.html", "h1", "2020"),
        ("2020/08/index.html", "h1", "August 2020"),
        ("about/index.html", "article h1", "About"),
        ("404.html", "h1", "Page not found"),
        ("index.html", ".pagination a[rel=next]", "Older"),  # 4 articles, 3 a page
        ("index2.html", ".pagination a[rel=prev]", "Newer"),
        ("index2.html", ".card-title a", "<script>alert(“title”)</script> Headline"),
    ],
)
def test_every_page_type_renders(theme_site, page, selector, expected):
    output, _ = theme_site
    found = soup(output, page).select(selector)
    assert any(expected in text(element) for element in found), [text(element) for element in found]


@pytest.mark.parametrize("page", [SEED, "index.html", "index2.html", "tag/grain.html", "404.html", "about/index.html"])
def test_every_page_has_landmarks_skip_link_search_and_one_stylesheet(theme_site, page):
    output, _ = theme_site
    document = soup(output, page)
    assert document.select_one("a.skip-link[href='#main']") and document.select_one("main#main")
    assert document.select_one("header.site-header nav a[href$='search/']")
    assert document.select_one("footer.site-footer")
    stylesheets = document.select("link[rel=stylesheet]")
    assert len(stylesheets) == 1
    href = stylesheets[0]["href"]
    # the 404 page is served at any depth: it links from the site root (tests/test_browser_theme.py serves it)
    assert href.startswith("/") == (page == "404.html")
    assert (output / href.lstrip("/") if href.startswith("/") else (output / page).parent / href).resolve().is_file()
    assert document.select_one("link[rel=icon]")


def test_no_reference_to_another_host(theme_site):
    output, _ = theme_site
    for page in output.rglob("*.html"):
        for element in soup(output, str(page.relative_to(output))).select("[src], link[href]"):
            target = element.get("src") or element.get("href")
            assert not re.match(r"(https?:)?//", target), f"{page}: {target}"


def test_links_are_relative_so_the_site_works_under_a_sub_path(theme_site):
    output, _ = theme_site
    for page in output.rglob("*.html"):
        if page.name == "404.html":
            continue  # served for any missing path; its links only work from the site root
        document = soup(output, str(page.relative_to(output)))
        for element in document.select("a[href], link[rel=stylesheet], link[rel=icon]"):
            assert not element["href"].startswith("/"), f"{page.relative_to(output)}: {element}"
