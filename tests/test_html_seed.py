"""The seed article's structure written as an HTML page imports to the same article as its text dump."""

import pytest

from news_core.importer import frontmatter
from news_core.importer.convert import convert
from support import FIXTURES, SEED

PAGE = FIXTURES / "html" / "seed_structure_as_html.html"
PROVENANCE = ("source", "source_sha256", "imported_sha256")
PAGE_ONLY = ("source_url",)  # a saved page names its address; a text dump cannot


@pytest.fixture(scope="module")
def imports():
    text = frontmatter.split(convert(SEED.read_bytes(), "raw/" + SEED.name).markdown)
    html = frontmatter.split(convert(PAGE.read_bytes(), "raw/" + PAGE.name).markdown)
    return text, html


def test_every_field_but_provenance_and_link_urls_is_the_same(imports):
    (text_fields, _, _), (html_fields, _, _) = imports
    assert set(text_fields) == set(html_fields) - set(PAGE_ONLY)
    assert html_fields["source_url"] == "https://www.dw.com/en/russia-ready-to-ensure-security-in-belarus/a-54575390"
    for key in text_fields.keys() - set(PROVENANCE) - {"related"}:
        assert html_fields[key] == text_fields[key], key
    assert [link["title"] for link in html_fields["related"]] == [link["title"] for link in text_fields["related"]]


def test_read_more_links_keep_their_real_urls(imports):
    (_, _, _), (html_fields, _, _) = imports
    assert [link["url"] for link in html_fields["related"]] == [
        "https://www.dw.com/en/arrested-protesters-talk-of-brutality/a-54571234",  # relative, resolved by canonical
        "https://www.dw.com/en/belarus-opposition-leader-this-freedom-cant-be-broken-with-police-batons/a-54573210",
    ]


def test_the_body_markdown_is_identical(imports):
    (_, text_body, _), (_, html_body, _) = imports
    assert html_body == text_body


def test_provenance_names_the_html_file(imports):
    (_, _, _), (html_fields, _, _) = imports
    assert html_fields["source"] == "raw/seed_structure_as_html.html"
