"""Untrusted text is escaped everywhere: `<script>` in every front-matter field and body callout stays text.

tests/fixtures/theme/article_with_script_in_every_field.md puts `<script>alert("FIELD")</script>` in each
field; the built page must show each one as visible text in its component and run none of them.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

PAGE = "2020/08/script-in-every-field/index.html"


@pytest.fixture(scope="module")
def document(theme_site):
    output, _ = theme_site
    return BeautifulSoup((output / PAGE).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize(
    "field, selector",
    [
        ("title", "article h1"),
        ("title", "title"),
        ("standfirst", ".standfirst"),
        ("update note", ".update-note"),
        ("hero alt", "figure.figure-hero .figure-alt"),
        ("hero caption", "figure.figure-hero .caption"),
        ("hero credit", "figure.figure-hero .credit"),
        ("author", ".byline"),
        ("agency", ".byline .agencies"),
        ("editor", ".credits .editor"),
        ("related", ".read-more li"),
        ("tag", ".tag-list"),
        ("key fact", ".key-facts li"),
        ("body", ".article-body p"),
        ("heading", ".article-body h2"),
        ("heading", "nav.toc a"),
        ("figure alt", ".article-body .figure-alt"),
        ("figure caption", ".article-body .caption"),
        ("figure credit", ".article-body .credit"),
        ("quote", ".pullquote-text"),
        ("quote attribution", ".pullquote-attribution"),
    ],
)
def test_field_is_shown_as_text(document, field, selector):
    # typography curls the quotes inside (alert(“title”)); the markup around them must stay text
    shown = [element.get_text().replace("“", '"').replace("”", '"') for element in document.select(selector)]
    assert any(f'<script>alert("{field}")</script>' in text for text in shown), shown


def test_no_injected_element_or_attribute(document):
    for script in document.find_all("script"):  # only data (JSON-LD from partials/meta.html), escaped
        assert script.get("type") == "application/ld+json" and "<" not in script.get_text(), script
    for element in document.find_all(True):
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            assert not name.startswith("on"), element
            assert "<script" not in value or name in ("alt", "title", "content"), (name, value)


def test_hostile_related_url_is_not_linked(document):
    # the title searches this site for itself; the hostile URL is never a link target
    assert [link["href"].split("?q=")[0] for link in document.select(".read-more a")] == ["../../../search/"]
