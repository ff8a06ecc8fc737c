"""Small page structures, one row each: what a snippet inside <article> becomes."""

import pytest

from news_core.importer.article import InlineFigure, PullQuote
from news_core.importer.html_parse import parse_html
from support import body_lines

LEAD = "<h1>Headline of the test page</h1><p>The standfirst paragraph of the test page is here.</p>"
PROSE = "<p>A body paragraph that the pull quote repeats: the river has never been this low, he said.</p>"


def article(snippet: str, head: str = ""):
    page = f"<html><head>{head}</head><body><article>{LEAD}{snippet}</article></body></html>"
    return parse_html(page.encode("utf-8"))[0]


def lines(snippet: str) -> list[str]:
    return body_lines(article(snippet))


@pytest.mark.parametrize(
    "snippet, expected",
    [
        ("<h3>A smaller heading</h3><p>Text.</p>", ["## A smaller heading", "Text."]),
        ("<p>One <b>bold</b> and <a href='/x'>linked</a> word.</p>", ["One bold and linked word."]),
        ("<p>Line one<br>line two</p>", ["Line one line two"]),
        ("<blockquote><p>First quoted.</p><p>Second quoted.</p></blockquote>", ["> First quoted.", "> Second quoted."]),
        ("<blockquote>Loose quoted text.</blockquote>", ["> Loose quoted text."]),
        ("<blockquote><ul><li>Quoted item</li></ul></blockquote>", ["- Quoted item"]),
        ("<ol><li>One</li><li>Two<ul><li>Two and a half</li></ul></li></ol>", ["- One", "- Two", "- Two and a half"]),
        (
            "<table><tr><th>Year</th><th>Level</th></tr><tr><td>2022</td><td>25 cm</td></tr></table>",
            ["Year | Level", "2022 | 25 cm"],
        ),
        (
            "<div>Loose text in a div.<p>Then a paragraph.</p>More loose text.</div>",
            ["Loose text in a div.", "Then a paragraph.", "More loose text."],
        ),
        ("<p>Text&nbsp;with  odd\n spacing and ''quotes''.</p>", ['Text with odd spacing and "quotes".']),
        ("<h2>Related topics</h2><ul><li><a href='/t/a'>Topic A</a></li></ul><p>After.</p>", ["After."]),
        ("<p><span class='share'>Share</span>Kept text.</p>", ["Kept text."]),
        (
            PROSE
            + "<aside class='pullquote'><p>the river has never been this low</p><footer>— Jan Novak</footer></aside>",
            [PROSE[3:-4], "> [!PULLQUOTE] the river has never been this low — Jan Novak"],
        ),
    ],
)
def test_structures(snippet, expected):
    assert lines(snippet) == expected


@pytest.mark.parametrize(
    "snippet, alt, caption, credit",
    [
        (
            "<figure><img alt='Alt'><figcaption>Caption <span class='credit'>Image: AFP</span></figcaption></figure>",
            "Alt",
            "Caption",
            "AFP",
        ),
        (
            "<figure><img alt='Alt'><figcaption>Caption<small class='copyright'>© Reuters</small></figcaption></figure>",
            "Alt",
            "Caption",
            "Reuters",
        ),
        (
            "<figure><img alt='Alt'><figcaption>CaptionPhoto: dpa/J. Doe</figcaption></figure>",
            "Alt",
            "Caption",
            "dpa/J. Doe",
        ),
        (
            "<figure><img alt='Alt'><figcaption>Caption</figcaption></figure><p class='credit'>Bild: ARD</p>",
            "Alt",
            "Caption",
            "ARD",
        ),
        (
            "<figure><img alt=''><figcaption>Only a caption</figcaption></figure>",
            "Only a caption",
            "Only a caption",
            "",
        ),
        ("<p><img alt='Inline image'></p><p>Image: Getty Images</p>", "Inline image", "", "Getty Images"),
    ],
)
def test_figures(snippet, alt, caption, credit):
    body = article("<p>Intro paragraph before the figures.</p>" + snippet + snippet)
    figures = [block.figure for block in body.body if isinstance(block, InlineFigure)]
    assert body.hero is not None and (body.hero.alt, body.hero.caption, body.hero.credit) == (alt, caption, credit)
    assert [(f.alt, f.caption, f.credit) for f in figures] == [(alt, caption, credit)]


@pytest.mark.parametrize(
    "snippet, authors",
    [
        ("<p class='byline'>By Jane Doe</p>", ["Jane Doe"]),
        (
            "<p class='byline'>By <a href='/a/1'>Jane Doe</a> and <a href='/a/2'>Tom Evans</a></p>",
            ["Jane Doe", "Tom Evans"],
        ),
        ("<div class='author'><span>Jane Doe</span><span>Berlin correspondent</span></div>", ["Jane Doe"]),
        ("<p class='byline'>By Jane Doe</p><p>kmm/mm (AP, dpa)</p>", ["kmm", "mm"]),  # the sign-off wins, as in dumps
    ],
)
def test_authors(snippet, authors):
    assert article(snippet).authors == authors


@pytest.mark.parametrize(
    "head, snippet, date",
    [
        (
            '<script type="application/ld+json">[{"@type": "NewsArticle", "datePublished": "2020-08-15"}]</script>',
            "",
            "2020-08-15",
        ),
        (
            '<meta property="article:published_time" content="2020-08-15T09:30:00+02:00">',
            "",
            "2020-08-15T09:30:00+02:00",
        ),
        ('<meta name="DC.date.issued" content="2020-08-15">', "", "2020-08-15"),
        ("", "<time datetime='2020-08-15'>Saturday</time>", "2020-08-15"),
        ("", "<p><time>15 August 2020</time></p>", "2020-08-15"),
        ('<meta name="date" content="yesterday">', "", None),  # unreadable: the next source, here none
    ],
)
def test_dates(head, snippet, date):
    page = (
        f"<html><head>{head}</head><body><article><h1>Headline</h1>{snippet}<p>Text of it.</p></article></body></html>"
    )
    value = parse_html(page.encode("utf-8"))[0].date
    assert (value.isoformat() if value else None) == date


def test_a_lead_wrapper_holding_the_whole_body_is_not_taken_as_the_standfirst():
    page = (
        "<article><h1>Headline</h1><div class='article-lead'><p>First paragraph of the story.</p>"
        "<p>Second paragraph of the story.</p></div></article>"
    )
    result = parse_html(page.encode("utf-8"))[0]
    assert result.standfirst == "First paragraph of the story."
    assert [block.text for block in result.body] == ["Second paragraph of the story."]


def test_a_pull_quote_must_repeat_whole_words_of_the_body():
    body = article(
        "<p>She said the riverside is lower than ever before in living memory.</p>"
        "<aside class='pullquote'><p>he river</p><cite>X</cite></aside>"
    ).body
    assert not any(isinstance(block, PullQuote) for block in body)


def test_a_header_above_the_article_element_gives_standfirst_date_and_hero():
    page = (
        "<div class='article-header'><h1>Headline above</h1><p class='dek'>The standfirst sits above the"
        " article element.</p><time datetime='2024-02-03'>Saturday</time><figure><img alt='Hero alt'>"
        "<figcaption>Hero caption <span class='credit'>AP</span></figcaption></figure></div>"
        "<article><p>The first body paragraph.</p><p>The second body paragraph.</p></article>"
    )
    result = parse_html(f"<html><body>{page}</body></html>".encode())[0]
    assert (result.title, result.standfirst) == ("Headline above", "The standfirst sits above the article element.")
    assert result.date.isoformat() == "2024-02-03"
    assert (result.hero.alt, result.hero.caption, result.hero.credit) == ("Hero alt", "Hero caption", "AP")
    assert [block.text for block in result.body] == ["The first body paragraph.", "The second body paragraph."]


def test_an_organisation_in_json_ld_is_not_an_author():
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": [{"@type": "Organization",'
        ' "name": "Wire Service"}, {"@type": "Person", "name": "Ana Lopez"}]}</script>'
    )
    assert article("", head=head).authors == ["Ana Lopez"]


def test_a_line_break_in_the_headline_separates_words():
    page = "<article><h1>Russia ready<br>to help</h1><p>Standfirst text of the page.</p></article>"
    assert parse_html(page.encode("utf-8"))[0].title == "Russia ready to help"
