"""Feed entries carry the whole article, as a feed reader shows it: the hero figure first, no pull quotes.

Pull quotes repeat a sentence of the body, which a reader without our CSS would read twice; heading
self-links (`#`) are page furniture. Links and images are made absolute against the entry's own URL, as
feed readers need. The HTML comes from our own Markdown pipeline (news_core.markdown.markup builds pull
quotes and figures), so patterns over its tags are exact, and an article shared by many tag feeds costs
microseconds rather than a parse each time.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin


def _with_class(tag: str, name: str) -> str:
    return rf'<{tag}\b[^>]*\sclass="(?:[^"]*\s)?{name}(?:\s[^"]*)?"[^>]*>.*?</{tag}>'


_DROPPED = re.compile(
    _with_class("aside", "pullquote")
    + r"\s*"  # pull quotes (no nested <aside> inside one)
    + "|"
    + _with_class("a", "heading-link"),  # the "#" self-link the toc extension adds to headings
    re.S,
)
_TAG = re.compile(r"<(?:a|img|source)\s[^>]*>", re.I)
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")', re.I)
_SRCSET_ATTRIBUTE = re.compile(r'(\ssrcset=")([^"]*)(")', re.I)


def _absolute_srcset(srcset: str, base: str) -> str:
    candidates = []
    for candidate in srcset.split(","):
        parts = candidate.strip().split()
        if parts:
            candidates.append(" ".join([urljoin(base, parts[0]), *parts[1:]]))
    return ", ".join(candidates)


def _absolute_urls(tag: str, base: str) -> str:
    tag = _URL_ATTRIBUTE.sub(lambda m: m[1] + (m[2] if m[2].startswith("#") else urljoin(base, m[2])) + m[3], tag)
    return _SRCSET_ATTRIBUTE.sub(lambda m: m[1] + _absolute_srcset(m[2], base) + m[3], tag)


def feed_html(content: str, base: str, lead: str = "") -> str:
    """The entry HTML: `lead` (the hero figure) + content, pull quotes and heading links removed, URLs
    absolute to `base` (the entry's link)."""
    html = _DROPPED.sub("", f"{lead}{content or ''}")
    return _TAG.sub(lambda m: _absolute_urls(m[0], base), html)
