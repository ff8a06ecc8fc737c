"""Feed entries carry the whole article, as a feed reader shows it: the hero figure first, no pull quotes.

Pull quotes repeat a sentence of the body, which a reader without our CSS would read twice. Links and
images are made absolute against the entry's own URL, as feed readers need.
"""

from __future__ import annotations

from urllib.parse import urljoin

from bs4 import BeautifulSoup

# Pull quotes repeat the body; heading self-links ("#") are page furniture that means nothing in a reader.
DROPPED_SELECTORS = ("aside.pullquote", "a.heading-link")
_URL_ATTRIBUTES = {"a": ("href",), "img": ("src",), "source": ("src",)}


def _absolute_srcset(srcset: str, base: str) -> str:
    candidates = []
    for candidate in srcset.split(","):
        parts = candidate.strip().split()
        if parts:
            candidates.append(" ".join([urljoin(base, parts[0]), *parts[1:]]))
    return ", ".join(candidates)


def feed_html(content: str, base: str, lead: str = "") -> str:
    """The entry HTML: `lead` (the hero figure) + content, pull quotes and heading links removed, URLs
    absolute to `base` (the entry's link)."""
    soup = BeautifulSoup(f"{lead}{content or ''}", "html.parser")
    for selector in DROPPED_SELECTORS:
        for element in soup.select(selector):
            element.decompose()
    for name, attributes in _URL_ATTRIBUTES.items():
        for element in soup.find_all(name):
            for attribute in attributes:
                value = element.get(attribute)
                if value and not value.startswith("#"):
                    element[attribute] = urljoin(base, value)
    for element in soup.find_all(["img", "source"], srcset=True):
        element["srcset"] = _absolute_srcset(element["srcset"], base)
    return str(soup)
