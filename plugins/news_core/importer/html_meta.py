"""What a saved page says about itself outside the text: JSON-LD, <meta> tags, <link rel=canonical>, <title>.

Read before html_clean strips <script> and <head>. Every value is plain text with the line it came from, so
that a bad date can be reported at its line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

_ARTICLE_TYPES = re.compile(r"(?:News)?Article$|BlogPosting$|Report$", re.I)
_PUBLISHED_META = (
    ("property", "article:published_time"),
    ("itemprop", "datePublished"),
    ("name", "pubdate"),
    ("name", "publishdate"),
    ("name", "publish-date"),
    ("name", "date"),
    ("name", "dc.date"),
    ("name", "dc.date.issued"),
    ("name", "dcterms.date"),
    ("name", "dcterms.created"),
    ("name", "parsely-pub-date"),
)
_TITLE_SUFFIX = re.compile(r"\s+[–—-]\s+[^–—-]{1,40}$")  # "Headline - Site name"


@dataclass(frozen=True)
class Located:
    """A value read from the page and the line of the element it came from."""

    value: str
    line: int | None


@dataclass
class PageMeta:
    headline: Located | None = None  # JSON-LD headline
    social_title: Located | None = None  # og:title, site name removed
    page_title: Located | None = None  # <title>, site name removed
    published: list[Located] = field(default_factory=list)  # best first
    modified: list[Located] = field(default_factory=list)  # JSON-LD dateModified, article:modified_time
    authors: list[str] = field(default_factory=list)  # JSON-LD author names
    base_url: str = ""  # where relative links point to, when the page says
    canonical_url: str = ""  # the page's own address: <link rel=canonical>, else og:url


def read_page_meta(soup: BeautifulSoup) -> PageMeta:
    meta = PageMeta()
    for item, line in _json_ld_articles(soup):
        if isinstance(item.get("datePublished"), str):
            meta.published.append(Located(item["datePublished"], line))
        if isinstance(item.get("dateModified"), str):
            meta.modified.append(Located(item["dateModified"], line))
        if meta.headline is None and isinstance(item.get("headline"), str):
            meta.headline = Located(item["headline"], line)
        meta.authors.extend(name for name in _names(item.get("author")) if name not in meta.authors)
    metas = soup.find_all("meta")  # one pass: a bloated page can hold a hundred thousand elements
    for attribute, name in _PUBLISHED_META:
        for tag in metas:
            if str(tag.get(attribute, "")).lower() == name.lower() and tag.get("content"):
                meta.published.append(Located(tag["content"], tag.sourceline))
    for tag in metas:
        if str(tag.get("property", "")).lower() in ("article:modified_time", "og:updated_time") and tag.get("content"):
            meta.modified.append(Located(tag["content"], tag.sourceline))
    og_title = next((tag for tag in metas if tag.get("property") == "og:title" and tag.get("content")), None)
    if og_title is not None:
        meta.social_title = Located(without_site_name(og_title["content"]), og_title.sourceline)
    if soup.title is not None and soup.title.string:
        meta.page_title = Located(without_site_name(soup.title.string), soup.title.sourceline)
    meta.base_url, meta.canonical_url = _addresses(soup)
    return meta


def without_site_name(title: str) -> str:
    """`Headline | Section | Site | 10.06.2013` -> `Headline`; `Headline - Site` -> `Headline`."""
    title = title.strip().split(" | ", 1)[0]
    return _TITLE_SUFFIX.sub("", title)


def _json_ld_articles(soup: BeautifulSoup):
    for script in soup.find_all("script", attrs={"type": re.compile(r"^application/ld\+json$", re.I)}):
        try:
            data = json.loads(script.string or "")
        except (ValueError, RecursionError):
            continue  # broken JSON-LD is common and never worth failing an article for
        for item in _items(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds):
                yield item, script.sourceline


def _items(data, depth: int = 0):
    if depth > 4:
        return
    if isinstance(data, list):
        for entry in data:
            yield from _items(entry, depth + 1)
    elif isinstance(data, dict):
        yield data
        yield from _items(data.get("@graph"), depth + 1)


def _names(author) -> list[str]:
    authors = author if isinstance(author, list) else [author]
    names = []
    for entry in authors:
        if isinstance(entry, dict) and entry.get("@type") not in (None, "Person"):
            continue  # an organisation is the publisher, not an author
        name = entry.get("name") if isinstance(entry, dict) else entry
        if isinstance(name, str) and name.strip():
            names.append(" ".join(name.split()))
    return names


def _addresses(soup: BeautifulSoup) -> tuple[str, str]:
    """(where relative links point: <base>, else the page's own address; the page's own address)."""
    elements = soup.find_all(["base", "link", "meta"])
    bases = [element.get("href") for element in elements if element.name == "base"]
    own = [
        element.get("href") for element in elements if element.name == "link" and "canonical" in element.get("rel", [])
    ] + [
        element.get("content") for element in elements if element.name == "meta" and element.get("property") == "og:url"
    ]
    web = [url.strip() for url in bases + own if url and urlsplit(url.strip()).scheme in ("http", "https")]
    canonical = next((url.strip() for url in own if url and urlsplit(url.strip()).scheme in ("http", "https")), "")
    return (web[0] if web else ""), canonical


def safe_link(href: str | None, base_url: str) -> str:
    """An absolute http(s) URL, or a site-relative path when the page gives no base; "" for anything else."""
    href = (href or "").strip()
    if not href or href.startswith("#"):
        return ""
    url = urljoin(base_url, href) if base_url else href
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return url
    if not parts.scheme and not parts.netloc and url.startswith("/"):
        return url
    return ""  # javascript:, data:, mailto:, protocol-relative or page-relative without a base
