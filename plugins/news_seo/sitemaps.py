"""sitemap.xml, the Google News sitemap and robots.txt, built with ElementTree (text is escaped for us).

The News sitemap lists only articles published within NEWS_SEO_NEWS_MAX_AGE_DAYS of "now"; "now" comes
from the caller (a setting in tests and reproducible builds, the clock otherwise).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as etree

from .describe import iso_date

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def _document(root: etree.Element) -> bytes:
    etree.indent(root)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def sitemap_xml(entries: list[tuple[str, str]]) -> bytes:
    """Every (absolute URL, last modification or '') as a <url>, in the order given."""
    urlset = etree.Element("urlset", {"xmlns": SITEMAP_NS})
    for loc, lastmod in entries:
        url = etree.SubElement(urlset, "url")
        etree.SubElement(url, "loc").text = loc
        if lastmod:
            etree.SubElement(url, "lastmod").text = lastmod
    return _document(urlset)


def is_recent(published: dt.datetime, now: dt.datetime, max_age_days: float) -> bool:
    """Published in the window (now - max age, now]; articles dated in the future wait for their day."""
    return now - dt.timedelta(days=max_age_days) <= published <= now


def news_sitemap_xml(articles: list[tuple[str, str, dt.datetime]], publication: str, language: str) -> bytes:
    """(absolute URL, title, publication date) of each recent article as a Google News <url>."""
    urlset = etree.Element("urlset", {"xmlns": SITEMAP_NS, "xmlns:news": NEWS_NS})
    for loc, title, published in articles:
        url = etree.SubElement(urlset, "url")
        etree.SubElement(url, "loc").text = loc
        news = etree.SubElement(url, "news:news")
        pub = etree.SubElement(news, "news:publication")
        etree.SubElement(pub, "news:name").text = publication
        etree.SubElement(pub, "news:language").text = language
        etree.SubElement(news, "news:publication_date").text = iso_date(published)
        etree.SubElement(news, "news:title").text = title
    return _document(urlset)


def robots_txt(sitemap_urls: list[str]) -> str:
    lines = ["User-agent: *", "Allow: /", ""]
    lines += [f"Sitemap: {url}" for url in sitemap_urls]
    return "\n".join(lines).rstrip("\n") + "\n"


def build_now(setting, timezone: dt.tzinfo) -> dt.datetime:
    """NEWS_SEO_NOW as an aware date-time (naive values are in the site timezone), else the clock."""
    if setting in (None, ""):
        return dt.datetime.now(dt.UTC)
    value = setting if isinstance(setting, dt.datetime) else dt.datetime.fromisoformat(str(setting))
    return value if value.tzinfo else value.replace(tzinfo=timezone)
