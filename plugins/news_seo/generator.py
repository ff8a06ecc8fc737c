"""A Pelican generator for the files that describe the whole site: sitemaps, robots.txt, the search page.

It runs after the article and page generators (Pelican shares one context), so every published
article and page is known when it writes.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pelican.generators import Generator

from news_pelican.site import site_timezone

from .describe import iso_date, modified_date
from .sitemaps import build_now, is_recent, news_sitemap_xml, robots_txt, sitemap_xml
from .text import one_line
from .urls import absolute_base, relative_root, site_url

logger = logging.getLogger(__name__)


def _timezone(settings: dict):
    # an unknown zone name: Pelican itself reports it; UTC keeps "now" comparable
    return site_timezone(settings) or ZoneInfo("UTC")


def _write(output_path: str, save_as: str, data: bytes) -> None:
    path = os.path.join(output_path, save_as)
    os.makedirs(os.path.dirname(path) or output_path, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
    logger.info('Writing "%s"', path)


class SeoGenerator(Generator):
    def generate_context(self):
        pass

    def _published(self, key: str) -> list:
        return [item for item in self.context.get(key) or [] if getattr(item, "status", "published") == "published"]

    def sitemap_entries(self) -> list[tuple[str, str]]:
        entries = [(site_url(self.settings, ""), "")]
        for article in self._published("articles"):
            lastmod = modified_date(article) or iso_date(getattr(article, "date", None))
            entries.append((site_url(self.settings, article.url), lastmod))
        for page in self._published("pages"):  # a page's date is only its file time: no lastmod unless given
            entries.append((site_url(self.settings, page.url), modified_date(page)))
        return entries

    def recent_articles(self) -> list:
        try:
            now = build_now(self.settings.get("NEWS_SEO_NOW"), _timezone(self.settings))
        except (TypeError, ValueError):
            logger.error(
                "news_seo: setting NEWS_SEO_NOW: %r is not an ISO 8601 date-time; the News sitemap "
                "uses the clock instead",
                self.settings.get("NEWS_SEO_NOW"),
            )
            now = build_now(None, _timezone(self.settings))
        max_age = float(self.settings["NEWS_SEO_NEWS_MAX_AGE_DAYS"])
        return [
            article
            for article in self._published("articles")
            if getattr(article, "date", None) and is_recent(article.date, now, max_age)
        ]

    def write_sitemaps(self) -> list[str]:
        """Both sitemaps, when SITEURL is absolute (a sitemap may only list absolute URLs)."""
        if not absolute_base(self.settings):
            logger.info("news_seo: no sitemaps without an absolute SITEURL (publishconf.py sets one)")
            return []
        written = []
        save_as = self.settings["NEWS_SEO_SITEMAP_SAVE_AS"]
        if save_as:
            _write(self.output_path, save_as, sitemap_xml(self.sitemap_entries()))
            written.append(site_url(self.settings, save_as))
        news_save_as = self.settings["NEWS_SEO_NEWS_SITEMAP_SAVE_AS"]
        if news_save_as:
            recent = [(site_url(self.settings, a.url), one_line(a.title), a.date) for a in self.recent_articles()]
            _write(
                self.output_path,
                news_save_as,
                news_sitemap_xml(
                    recent, self.settings["NEWS_SEO_NEWS_PUBLICATION_NAME"], self.settings["NEWS_SEO_NEWS_LANGUAGE"]
                ),
            )
            written.append(site_url(self.settings, news_save_as))
        return written

    def write_search_page(self, writer) -> None:
        save_as = self.settings["NEWS_SEO_SEARCH_SAVE_AS"]
        if not save_as:
            return
        if not any(
            (Path(folder) / "search.html").is_file()
            for folder in [*(self.settings.get("THEME_TEMPLATES_OVERRIDES") or []), Path(self.theme) / "templates"]
        ):
            logger.info("news_seo: the theme has no search.html, so no search page is written")
            return
        base_path = urlsplit(self.settings.get("SITEURL") or "").path.rstrip("/") + "/"
        writer.write_file(
            save_as,
            self.get_template("search"),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS"),
            page_name="search",
            pagefind_path=relative_root(save_as) + "pagefind/",
            pagefind_base_url=base_path,
        )

    def generate_output(self, writer):
        sitemaps = self.write_sitemaps()
        robots = self.settings["NEWS_SEO_ROBOTS_SAVE_AS"]
        if robots:
            _write(self.output_path, robots, robots_txt(sitemaps).encode("utf-8"))
        self.write_search_page(writer)
