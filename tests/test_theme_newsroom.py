"""The page a newsroom would publish: typography everywhere a headline appears, bylines with names, pull quotes
set apart from their sentence, alt text that never repeats the caption, no placeholder box in a published
build, photos on the front page's cards."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from news_core.markdown.markup import repeats
from news_core.markdown.pullquote_placement import place
from news_theme.filters import CARD_SIZES

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

SEED = "2020/08/russia-ready-to-ensure-security-in-belarus/index.html"
FULL = "2020/08/how-the-grain-corridor-works/index.html"
HEADLINE = "Russia ready to ‘ensure security’ in Belarus"


def soup(output: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((output / page).read_text(encoding="utf-8"), "html.parser")


def text(element) -> str:
    return re.sub(r"\s+", " ", element.get_text()).strip()


def jsonld(document) -> dict:
    return json.loads(document.select_one("script[type='application/ld+json']").string)["@graph"][0]


def test_the_headline_is_typeset_in_every_place_it_appears(theme_site):
    output, _ = theme_site
    document = soup(output, SEED)
    assert document.h1.get_text() == HEADLINE.replace(" Belarus", "\u00a0Belarus")  # no lone last word
    assert document.title.get_text() == f"{HEADLINE} | News Explainers"
    for key in ("og:title", "twitter:title", "og:image:alt"):
        element = document.select_one(f"meta[property='{key}'], meta[name='{key}']")
        assert element["content"] == HEADLINE, key
    assert jsonld(document)["headline"] == HEADLINE
    assert "'" not in text(document.select_one(".article-body"))  # the body has no straight apostrophe left


def test_fields_and_body_are_typeset_but_the_markdown_keeps_the_editors_characters(theme_site):
    output, _ = theme_site
    document = soup(output, SEED)
    assert "‘can’t be broken with police batons’" in text(document.select_one(".read-more"))
    assert "“Pravda [Truth]”." in text(document.select_one(".article-body"))
    project = output.parent
    markdown_file = (project / "content" / "articles" / "000_2050e4f5686eda9e.md").read_text(encoding="utf-8")
    assert "title: Russia ready to 'ensure security' in Belarus" in markdown_file


def test_reading_time_counts_words_not_smartys_placeholders(theme_site):
    output, _ = theme_site
    data = jsonld(soup(output, SEED))
    body = (output.parent / "content" / "articles" / "000_2050e4f5686eda9e.md").read_text().split("---", 2)[2]
    plain = markdown.Markdown(extensions=["news_core.markdown.callouts", "news_core.markdown.wordcount"])
    plain.convert(body)
    assert data["wordCount"] == plain.word_count and data["timeRequired"] == "PT4M"


def test_json_ld_authors_carry_the_names_from_news_authors(theme_site):
    output, _ = theme_site
    authors = jsonld(soup(output, SEED))["author"]
    assert [author["name"] for author in authors] == ["Kate Martin", "mm"]


def test_the_pull_quote_is_at_least_one_paragraph_from_its_sentence(theme_site):
    output, _ = theme_site
    for page in (SEED, FULL):
        body = soup(output, page).select_one(".article-body")
        blocks = [child for child in body.children if getattr(child, "name", None)]
        for position, block in enumerate(blocks):
            if "pullquote" not in (block.get("class") or []):
                continue
            quote = re.sub(r"\W+", " ", block.select_one(".pullquote-text").get_text()).strip()
            source = [
                index
                for index, other in enumerate(blocks)
                if other.name == "p" and quote in re.sub(r"\W+", " ", other.get_text())
            ]
            assert source, page
            assert abs(source[0] - position) >= 2, f"{page}: the pull quote sits next to its sentence"
            between = blocks[min(source[0], position) + 1 : max(source[0], position)]
            assert any(other.name == "p" for other in between), page


def _body(*blocks: str) -> etree.Element:
    root = etree.Element("div")
    for block in blocks:
        if block.startswith(">"):
            aside = etree.SubElement(root, "aside", {"class": "pullquote"})
            etree.SubElement(aside, "p").text = block[1:]
        else:
            tag, _, words = block.partition(":")
            etree.SubElement(root, tag).text = words
    return root


def _order(root: etree.Element) -> list[str]:
    return [">" + child.find("p").text if child.tag == "aside" else f"{child.tag}:{child.text}" for child in root]


@pytest.mark.parametrize(
    "blocks, expected",
    [
        # the importer's place, right above its sentence: after the paragraph that follows it
        (
            [">It is peaceful", "p:“It is peaceful,” she said.", "p:Crowds gathered.", "p:Police watched."],
            ["p:“It is peaceful,” she said.", "p:Crowds gathered.", ">It is peaceful", "p:Police watched."],
        ),
        # near the end: before the nearest paragraph above, across a heading or figure
        (
            ["p:First.", "h2:Section", "figure:photo", ">It is peaceful", "p:“It is peaceful,” she said.", "h2:Last"],
            [">It is peaceful", "p:First.", "h2:Section", "figure:photo", "p:“It is peaceful,” she said.", "h2:Last"],
        ),
        # no paragraph to stand between: left out (it only repeats the sentence)
        ([">It is peaceful", "p:“It is peaceful,” she said."], ["p:“It is peaceful,” she said."]),
        # an editor's own pull quote (its words are nowhere in the body) stays where it was put
        (["p:One.", ">Words of our own", "p:Two."], ["p:One.", ">Words of our own", "p:Two."]),
    ],
)
def test_pull_quote_placement(blocks, expected):
    root = _body(*blocks)
    place(root)
    assert _order(root) == expected


@pytest.mark.parametrize(
    "alt, caption, repeated",
    [
        ("Belarusian President Alexander Lukashenko", "Belarusian President Alexander Lukashenko", True),
        ("Lukashenko", "Belarusian President Alexander Lukashenko.", True),
        ("A protester lays a bouquet", "Anti-government protesters have gathered", False),
        ("Luka", "Lukashenko speaks", False),  # words, not letters
        ("", "A caption", False),
    ],
)
def test_repeats(alt, caption, repeated):
    assert repeats(alt, caption) is repeated


@pytest.mark.parametrize("site", ["theme_site", "published_theme_site"])
def test_alt_text_and_caption_never_repeat_each_other(site, request):
    output, _ = request.getfixturevalue(site)
    checked = 0
    for page in output.rglob("*.html"):
        for figure in soup(output, str(page.relative_to(output))).select("figure"):
            caption = figure.select_one(".caption")
            description = figure.img["alt"] if figure.img else text(figure.select_one(".figure-alt"))
            description = description.replace("Photo needed:", "").replace("Photo needed", "").strip()
            assert not (caption and description and repeats(description, text(caption))), (page, figure)
            checked += 1
    assert checked >= (1 if site == "published_theme_site" else 6)
    seed_hero = soup(output, SEED).select_one("figure.figure-hero")
    if seed_hero is not None:  # the preview: alt = caption in the seed, so the panel names no description
        assert text(seed_hero.select_one(".figure-alt")) == "Photo needed"


def test_a_preview_marks_every_figure_without_its_photo(theme_site):
    output, _ = theme_site
    panels = soup(output, SEED).select("figure.figure-text-only .figure-alt-label")
    assert [text(label) for label in panels] == ["Photo needed", "Photo needed:"]


def test_a_published_build_shows_readers_no_placeholder(published_theme_site):
    output, log = published_theme_site
    for page in output.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "figure-text-only" not in html and "Photo needed" not in html, page
    seed = soup(output, SEED)
    assert not seed.select("figure")  # both of its figures still lack photos: caption and credit go with them
    full = soup(output, FULL)
    assert len(full.select("figure")) == 1 and full.select_one("figure.figure-hero picture img")
    assert "Image: AP/O. Mykhailenko" in text(full.select_one("figure.figure-hero .credit"))
    for item in (output / "feeds" / "all.atom.xml").read_text(encoding="utf-8").split("<entry>")[1:]:
        assert "figure-text-only" not in item and "Photo needed" not in item
    # the editor is still told which photos to supply: a summary in the log, each photo in the list
    assert "no photo yet; `invoke photos-needed` lists them" in log
    needed = (output.parent / "cache" / "photos-needed.txt").read_text(encoding="utf-8")
    assert "000_2050e4f5686eda9e.md: supply a photo for the hero" in needed


def test_front_page_cards_show_the_hero_photo(theme_site):
    output, _ = theme_site
    front = soup(output, "index.html")
    card = next(
        card
        for card in front.select(".front-list .card")
        if text(card.select_one(".card-title")) == "How the grain corridor works"
    )
    img = card.select_one("picture.card-picture img")
    assert img["alt"] == "" and img["loading"] == "lazy" and not img.has_attr("fetchpriority")
    assert {source["sizes"] for source in card.select("picture source")} | {img["sizes"]} == {CARD_SIZES}
    assert (output / img["src"].lstrip("/")).is_file()  # site-root paths in a local build (README: Photos)
    lead = front.select_one(".front-lead .card-lead")
    assert lead.select_one(".card-title") and not lead.select("picture")  # the seed has no photo yet
    assert not front.select(".card figcaption, .card .figure-text-only")  # cards never show placeholders
