""" "Read more" in the built pages: a title naming a local article (case and punctuation aside) links to it,
any other title stays plain text with no invented URL."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from seo_support import EXPLAINER, SEED_URL_PATH, build_seo_site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_seo_site(tmp_path_factory.getbasetemp())


def read_more(site, path: str) -> list[tuple[str, str | None]]:
    soup = BeautifulSoup((site.output / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    for label in soup.select("aside.read-more .read-more-label"):  # "Search", on titles without a known URL
        label.decompose()
    items = soup.select("aside.read-more li")
    return [(item.get_text(strip=True), item.a["href"] if item.a else None) for item in items]


@pytest.mark.parametrize(
    "page, expected",
    [
        (
            SEED_URL_PATH,
            [
                # "Arrested protesters -- talk of BRUTALITY?" is the local article's title
                ("Arrested protesters talk of brutality", "2026/03/arrested-protesters/"),
                ("Belarus opposition leader: This freedom ‘can’t be broken with police batons’", None),
            ],
        ),
        (
            f"2026/03/{EXPLAINER['slug']}/",
            [
                ("RUSSIA ready to “ensure security” in Belarus!", SEED_URL_PATH),
                ("A story this site never published", None),
            ],
        ),
    ],
)
def test_related_titles_link_only_to_local_articles(site, page, expected):
    found = read_more(site, page)[: len(expected)]  # the theme may add articles sharing tags after these
    assert [title for title, _ in found] == [title for title, _ in expected]
    for (title, href), (_, path) in zip(found, expected):
        # a title naming no local article searches the site for itself, never a made-up article URL
        assert href == (f"{site.siteurl}/{path}" if path else f"{site.siteurl}/search/?q={quote(title)}")
