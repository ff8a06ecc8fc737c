"""Saved pages of several real structures, each imported to the fields its `.expected.yaml` names."""

from zoneinfo import ZoneInfo

import pytest
import yaml

from news_core.importer.article import InlineFigure
from news_core.importer.convert import convert
from news_core.importer.html_parse import parse_html
from news_core.importer.markdown_writer import front_matter_fields
from support import FIXTURES, body_lines

HTML = FIXTURES / "html"
BERLIN = ZoneInfo("Europe/Berlin")
SCENARIOS = sorted(path.name.removesuffix(".expected.yaml") for path in HTML.glob("*.expected.yaml"))


def expected(name: str) -> dict:
    return yaml.safe_load((HTML / f"{name}.expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=SCENARIOS)
def scenario(request):
    name = request.param
    article, warnings = parse_html((HTML / f"{name}.html").read_bytes(), BERLIN)
    return name, article, warnings, expected(name)


def test_there_is_a_fixture_for_each_page_structure():
    assert {
        "figure_with_figcaption_credit_span",
        "credit_in_separate_element",
        "pull_quotes_as_aside",
        "related_links_as_cards",
        "json_ld_dates_in_windows_1252",
        "article_without_article_element",
        "seed_structure_as_html",
    } <= set(SCENARIOS)
    assert all((HTML / f"{name}.html").is_file() for name in SCENARIOS)


def test_front_matter_fields(scenario):
    _, article, _, want = scenario
    fields = front_matter_fields(article)
    assert {key: fields[key] for key in want["fields"]} == want["fields"]


def test_inline_figures_keep_alt_caption_and_credit(scenario):
    _, article, _, want = scenario
    figures = [
        {"alt": block.figure.alt, "caption": block.figure.caption, "credit": block.figure.credit}
        for block in article.body
        if isinstance(block, InlineFigure)
    ]
    assert figures == want["figures"]


def test_body_text_in_order(scenario):
    _, article, _, want = scenario
    assert body_lines(article) == want["body"]


def test_cruft_and_code_never_reach_the_markdown(scenario):
    name, _, _, want = scenario
    markdown = convert((HTML / f"{name}.html").read_bytes(), f"raw/{name}.html", BERLIN).markdown
    for text in want["absent"]:
        assert text not in markdown, f"{text!r} leaked into {name}"
    # A <script> in the Markdown can only be text the page itself displayed (one paragraph quotes one).
    assert markdown.lower().count("<script") == sum(line.lower().count("<script") for line in want["body"])


def test_warnings_say_how_the_article_was_found(scenario):
    _, _, warnings, want = scenario
    assert warnings == want.get("warnings", [])


def test_the_heading_is_not_repeated_in_the_body(scenario):
    _, article, _, _ = scenario
    assert article.title not in body_lines(article)
    assert f"## {article.title}" not in body_lines(article)
