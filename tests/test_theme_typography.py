"""Typography as news sites set it, applied when rendering: curly quotes and apostrophes, dashes, ellipses,
non-breaking spaces in dates and before a headline's last word.

One table of (editor's characters, what the reader sees) drives the front-matter rules
(news_core.markdown.typography) and the body rules (Python-Markdown's smarty + news_core.markdown.typesetting), so the
headline and the body can never disagree.
"""

from __future__ import annotations

import html
import re

import markdown
import pytest

from news_core.markdown.typography import headline, smarten, typeset

NB = "\u00a0"

CASES = [
    # straight quotes and apostrophes
    ("Russia ready to 'ensure security' in Belarus", "Russia ready to ‘ensure security’ in Belarus"),
    ('The Kremlin said it was "confident" of it', "The Kremlin said it was “confident” of it"),
    ("It's awful, isn't it?", "It’s awful, isn’t it?"),
    ("Belarus' Foreign Ministry", "Belarus’ Foreign Ministry"),
    ("Saturday's telephone conversation", "Saturday’s telephone conversation"),
    # quotes inside quotes, at the start, in the middle and at the end of the outer quote
    (
        "\"People brought banners saying 'we will figure this out without Putin.' They don't\"",
        "“People brought banners saying ‘we will figure this out without Putin.’ They don’t”",
    ),
    ("\"'Quoted' words in a larger quote.\"", "“‘Quoted’ words in a larger quote.”"),
    ("He said \"it's 'fine'\".", "He said “it’s ‘fine’”."),
    ("'\"Yes,\" she said'", "‘“Yes,” she said’"),
    ("This freedom 'can't be broken with police batons'", "This freedom ‘can’t be broken with police batons’"),
    # apostrophes before and after digits
    ("the '90s", "the ’90s"),
    ("in the '80s and '90s", "in the ’80s and ’90s"),
    ("the 1990s' legacy", "the 1990s’ legacy"),
    ("the class of '22", "the class of ’22"),  # a year: smarty alone would open a quote
    # dashes and ellipses
    ("dependent on Russia -- in terms of economy", "dependent on Russia – in terms of economy"),
    ("a pause --- then more", "a pause — then more"),
    ("Moscow - and Minsk", "Moscow – and Minsk"),
    ("pages 10-20, a well-known case", "pages 10-20, a well-known case"),
    ("Wait... what", "Wait… what"),
    # dates and times keep together
    ("On 15 August 2020, 10:30 CEST", f"On 15{NB}August 2020, 10:30{NB}CEST"),
    ("on August 15, 2020", f"on August{NB}15, 2020"),
    # already typeset text is left as it is
    ("Russia ready to ‘ensure security’ in Belarus", "Russia ready to ‘ensure security’ in Belarus"),
    ("", ""),
]


@pytest.mark.parametrize("raw, shown", CASES)
def test_front_matter_typography(raw, shown):
    assert typeset(raw) == shown
    assert typeset(typeset(raw)) == shown  # idempotent: a rebuild never typesets twice


def _body(markdown_text: str) -> str:
    md = markdown.Markdown(extensions=["smarty", "news_core.markdown.typesetting"])
    return html.unescape(re.sub(r"</?p>", "", md.convert(markdown_text)))


@pytest.mark.parametrize("raw, shown", [case for case in CASES if case[0]])
def test_the_body_is_set_like_the_front_matter(raw, shown):
    assert _body(raw) == shown


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("Russia ready to 'ensure security' in Belarus", f"Russia ready to ‘ensure security’ in{NB}Belarus"),
        ("Minsk protests", f"Minsk{NB}protests"),
        ("One", "One"),
        # two long words together would not fit a phone's line: they may break
        ("Protesters in Minsk demand internationalisation", "Protesters in Minsk demand internationalisation"),
        (f"Already tied{NB}together", f"Already tied{NB}together"),
    ],
)
def test_a_headline_never_ends_on_a_lone_word(raw, shown):
    assert headline(raw) == shown
    assert headline(headline(raw)) == shown


def test_a_closing_quote_after_an_escaped_bracket_closes():
    # smarty alone sets `"Pravda \[Truth\]".` with two opening quotes
    assert _body('They held "Pravda \\[Truth\\]".') == "They held “Pravda [Truth]”."


def test_code_keeps_its_straight_quotes():
    md = markdown.Markdown(extensions=["smarty", "news_core.markdown.typesetting"])
    assert "<code>x = 'a' - \"b\"</code>" in html.unescape(md.convert("`x = 'a' - \"b\"`"))


def test_smarten_without_marks_returns_the_text_itself():
    text = "No quotes here"
    assert smarten(text) is text


def test_markdowns_own_escape_placeholders_pass_through():
    escaped = "\u000293\u0003"  # what Markdown leaves for `\]` while it renders
    assert smarten(f"a {escaped} 'b'") == f"a {escaped} ‘b’"
