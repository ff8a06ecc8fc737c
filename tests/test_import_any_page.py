"""Pages from any news site, not just one layout: what the importer keeps and drops, one mechanism per test."""

import pytest

from news_core.importer import frontmatter
from news_core.importer.article import InlineFigure
from news_core.importer.convert import convert
from news_core.importer.errors import ImportProblem
from news_core.importer.html_parse import parse_html
from news_core.importer.parse import parse
from support import body_lines

PROSE = (
    "The council approved the new budget on Tuesday after a debate that lasted well into the night.",
    "Opposition members said the spending plan left too little for schools and public transport.",
    "The mayor said the city would review the figures again in the spring, once tax receipts are known.",
    "Residents who spoke at the meeting asked for more money to repair roads damaged by the winter floods.",
)


def dump(*parts: str) -> str:
    return "\n\n".join(parts) + "\n"


def test_a_dump_of_a_whole_page_keeps_only_the_article():
    text = dump(
        "Skip to main content\nHome\nNews\nSport\nWeather\nSign in",
        "LOCAL POLITICS",  # a kicker above the headline
        "City council approves budget after late-night debate\nJane Doe\n15 August 2020, 21:40\n"
        "Updated: 16 August 2020, 08:15\n1 of 12\nShare",
        PROSE[0],
        PROSE[1],
        "Most read\nTeen wins spelling bee with word nobody could pronounce\nStorm closes the harbour for a day\n"
        "Bakery on Main Street closes after 90 years",
        PROSE[2],
        "What happens next",
        PROSE[3],
        "34 Comments",
        "joetoronto says: August 16, 2020 at 6:44 am",
        "This budget is a disgrace and the council should be ashamed of what it has done to our schools.",
        "\u00a9 2020 The City Paper. All rights reserved.",
    )
    article = parse(text)
    assert article.title == "City council approves budget after late-night debate"
    assert article.date.isoformat() == "2020-08-15T21:40:00"
    assert article.modified.isoformat() == "2020-08-16T08:15:00"
    assert article.standfirst == PROSE[0]
    assert body_lines(article) == [PROSE[1], PROSE[2], "## What happens next", PROSE[3]]


def test_a_list_the_text_announces_is_kept_whole():
    text = dump(
        "Five firms picked to build lunar landers",
        PROSE[0],
        "The newly selected five are:",
        "Blue Origin, Kent, Washington\nCeres Robotics, Palo Alto, California\nSpaceX, Hawthorne, California",
        PROSE[1],
    )
    lines = body_lines(parse(text))
    assert "Ceres Robotics, Palo Alto, California" in " ".join(lines)


@pytest.mark.parametrize(
    "credit_lines, caption, credit",
    [
        (
            "Firefighters walk past burnt trees in Quebec\nPhoto by Kirk Irwin/Getty Images",
            "Firefighters walk past burnt trees in Quebec",
            "Kirk Irwin/Getty Images",
        ),
        (
            "Firefighters walk past burnt trees in Quebec\nCredit...\nDoug Mills/The New York Times",
            "Firefighters walk past burnt trees in Quebec",
            "Doug Mills/The New York Times",
        ),
        (
            "Firefighters walk past burnt trees in QuebecCredit: EPA",
            "Firefighters walk past burnt trees in Quebec",
            "EPA",
        ),
    ],
)
def test_photo_credits_of_other_sites_make_figures(credit_lines, caption, credit):
    article = parse(dump("Wildfires spread across Quebec", PROSE[0], PROSE[1], credit_lines, PROSE[2]))
    figures = [article.hero] + [block.figure for block in article.body if isinstance(block, InlineFigure)]
    assert [(figure.caption, figure.credit) for figure in figures if figure] == [(caption, credit)]
    assert credit not in " ".join(body_lines(article))


def test_a_rule_of_dashes_is_never_the_standfirst():
    article = parse(dump("Storm closes the harbour", "---", PROSE[0], PROSE[1]))
    assert article.standfirst == PROSE[0]


def test_a_saved_page_named_txt_is_read_as_html_with_a_warning():
    page = (
        b"<!DOCTYPE html><html><head><title>Storm closes the harbour</title></head><body><article>"
        b"<h1>Storm closes the harbour</h1><p>"
        + PROSE[0].encode()
        + b"</p><p>"
        + PROSE[1].encode()
        + b"</p></article></body></html>"
    )
    result = convert(page, "raw/storm.txt")
    fields, body, _ = frontmatter.split(result.markdown)
    assert fields["title"] == "Storm closes the harbour" and "<" not in fields["standfirst"]
    assert PROSE[1] in body
    assert any("saved web page" in warning for warning in result.warnings)


def test_an_app_shell_without_its_text_is_an_error_not_an_empty_article():
    shell = (
        b"<!doctype html><html><head><title>Storm closes the harbour - City Paper</title>"
        b"<script src='/app.js'></script></head><body><div id='root'><p>Loading...</p></div>"
        b"<noscript>You need to enable JavaScript to run this app.</noscript></body></html>"
    )
    with pytest.raises(ImportProblem, match="no article text"):
        convert(shell, "raw/shell.html")


def test_two_read_more_links_in_one_paragraph_keep_both_addresses():
    page = (
        "<html><head><link rel='canonical' href='https://paper.example/city/budget'></head><body><article>"
        f"<h1>City council approves budget</h1><p>{PROSE[0]}</p><p>{PROSE[1]}</p>"
        "<p>Read more: <a href='/city/schools'>Schools lose out</a><br>"
        "Read more: <a href='/city/roads'>Roads wait for repairs</a></p></article></body></html>"
    )
    article, _ = parse_html(page.encode())
    assert [(link.title, link.url) for link in article.related] == [
        ("Schools lose out", "https://paper.example/city/schools"),
        ("Roads wait for repairs", "https://paper.example/city/roads"),
    ]


def test_wrappers_named_like_cruft_keep_the_article_they_hold():
    paragraphs = "".join(f"<p>{text}</p>" for text in PROSE)
    page = (
        "<html><body><form id='aspnetForm'><div class='Page-ad-margins'><div class='nav-wrapper has-section-nav'>"
        f"<article><h1>City council approves budget</h1>{paragraphs}</article></div></div>"
        "<div class='ad-slot'><p>Advertisement: buy a sofa today with a large discount</p></div></form></body></html>"
    )
    article, _ = parse_html(page.encode())
    kept = [article.standfirst] + body_lines(article)
    assert kept == list(PROSE) and "sofa" not in " ".join(kept)


def test_an_article_split_into_chunks_is_read_to_its_end():
    first = "".join(f"<p>{text} It was the first part.</p>" for text in PROSE)
    second = "".join(f"<p>{text} It was the second part.</p>" for text in PROSE)
    chunk = "<div class='grid'><div class='article__body body'>{}</div><div class='ad-rail'></div></div>"
    page = (
        f"<html><body><main><h1>City council approves budget</h1><div class='article__chunks'>"
        f"{chunk.format(first)}<aside class='pullquote'><p>{PROSE[1]}</p></aside>{chunk.format(second)}"
        "</div><section class='related'><a href='/x'>Another story about the council</a></section></main></body></html>"
    )
    article, _ = parse_html(page.encode())
    text = " ".join([article.standfirst] + body_lines(article))
    assert text.count("It was the second part.") == 4 and "Another story" not in text
