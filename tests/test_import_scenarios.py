"""Whole articles from the same kind of site, each fixture named after the scenario it covers."""

import re

import pytest

from news_core.importer import frontmatter
from news_core.importer.convert import convert
from support import FIXTURES

RAW = FIXTURES / "raw"


def imported(name: str):
    result = convert((RAW / name).read_bytes(), f"raw/{name}")
    fields, body, _ = frontmatter.split(result.markdown)
    return fields, body, result.warnings


def headings(body: str) -> list[str]:
    return re.findall(r"^## (.+)$", body, re.M)


def test_article_without_images_or_sign_off():
    fields, body, warnings = imported("article_without_images_or_sign_off.txt")
    assert fields["date"] == "2020-08-28"
    assert fields["hero"] is None
    assert "[!FIGURE]" not in body
    assert fields["authors"] == [] and fields["agencies"] == []
    assert headings(body) == ["What changes for travelers?"]
    assert body.rstrip().endswith("The ministry said it would review the list of countries every two weeks.")
    assert warnings == []


def test_article_with_glued_captions_and_list():
    fields, body, _ = imported("article_with_glued_captions_and_list.txt")
    assert fields["date"] == "2020-08-15"
    assert fields["hero"] == {
        "alt": "Firefighters work to contain a blaze near Lake Hughes",
        "caption": "Flames rise behind a firefighter near Lake Hughes, north of Los Angeles",
        "credit": "Getty Images/AFP/J. Edelson",
        "image": "",
    }
    assert (
        "- The Lake Fire in Los Angeles County, 4,500 hectares\n"
        "- The Apple Fire near Banning, 12,000 hectares\n"
        "- The Loyalton Fire on the Nevada border, 8,000 hectares"
    ) in body
    assert "> Credit: picture-alliance/AP Photo/N. Berger" in body
    assert [link["title"] for link in fields["related"]] == [
        "California wildfires: What you need to know",
        "Climate change makes heat waves more likely",
    ]
    assert fields["editor"] == "Rob Mudge"
    assert fields["authors"] == ["aw", "rt"] and fields["agencies"] == ["AP", "Reuters"]
    assert headings(body) == ["Power cuts"]
    assert "Related content" not in body and "Share" not in body


def test_article_with_three_line_figure_and_question_heading():
    fields, body, _ = imported("article_with_three_line_figure_and_question_heading.txt")
    assert fields["hero"]["alt"] == "A money changer counts Lebanese pounds in Beirut"
    assert (
        fields["hero"]["caption"] == "Money changers in Beirut have been trading the pound far below the official rate"
    )
    assert fields["hero"]["credit"] == "Reuters/M. Azakir"
    assert headings(body) == ["Who is hit hardest?", "What comes next?"]
    assert fields["update_note"] == "This article was updated to include the latest exchange rate."
    assert fields["slug"] == "why-is-lebanons-currency-collapsing"
    assert fields["authors"] == ["dj", "jsi"]


def test_article_with_video_cruft_and_glued_read_more():
    fields, body, _ = imported("article_with_video_cruft_and_glued_read_more.txt")
    assert fields["title"] == "Thai protesters defy ban on gatherings"
    assert fields["date"] == "2020-08-16"
    assert [link["title"] for link in fields["related"]] == [
        "Thailand: Student protests grow despite arrests",
        "Thai king's powers under scrutiny",
    ]
    for cruft in ("JavaScript", "02:14", "Listen to audio", "Permalink", "Facebook", "Send"):
        assert cruft not in body
    assert headings(body) == [], "the video's title is kept as text, not made a section heading"
    assert body.strip().split("\n\n") == [
        "Thailand: Protesters demand reforms",
        "The protesters called for the dissolution of parliament, a new constitution and an end to the harassment"
        " of government critics.",
        "Police estimated the crowd at more than 10,000 people, making it one of the biggest demonstrations in years.",
    ]


def test_article_without_date():
    fields, body, warnings = imported("article_without_date.txt")
    assert fields["date"] is None
    assert fields["standfirst"].startswith("Berlin Zoo has announced")
    assert any("no date" in warning for warning in warnings)
    assert "Meng Meng" in body


@pytest.mark.parametrize("name", sorted(path.name for path in RAW.glob("*.txt")))
def test_every_fixture_is_idempotent_and_stamped(name):
    first = convert((RAW / name).read_bytes(), f"raw/{name}").markdown
    assert convert((RAW / name).read_bytes(), f"raw/{name}").markdown == first
    assert frontmatter.is_untouched(first)
    assert not frontmatter.is_untouched(first.replace("\n\n", "\n\nEdited. ", 1))


def test_article_in_old_layout_with_trailer():
    fields, body, warnings = imported("article_in_old_layout_with_trailer.txt")
    assert fields["title"] == "Merkel: Germany will not let Lebanon down"
    assert fields["date"] == "2020-08-05"  # from the `Date 05.08.2020` trailer
    assert fields["authors"] == ["Kate Martyr"]  # byline and trailer name the same author once
    assert fields["hero"]["alt"] == "Rescue workers search the rubble of a warehouse in Beirut"
    assert fields["hero"]["credit"] == "Reuters/A. Taher"  # the credit stood after a blank line
    assert [link["title"] for link in fields["related"]] == ["Beirut explosion: What we know so far"]
    for trailer in ("Related Subjects", "Keywords", "Feedback", "Print this page", "Permalink", "Date 05"):
        assert trailer not in body
    assert body.strip().endswith("flew to Beirut on Wednesday night.")
    assert warnings == []
