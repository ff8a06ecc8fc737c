"""news_seo: how search engines, feed readers and social networks see the site.

JSON-LD, Open Graph and X/Twitter values for <head> (partials/meta.html calls `news_seo_head()`),
sitemap.xml + Google News sitemap + robots.txt and the search page (generator.py), feed entries
without pull quotes, "Read more" titles linked to local articles, and the Pagefind index after the build.
Each concern lives in its own module; this file only connects them to Pelican's signals.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals

from news_core.markdown.markup import hero_figure

from .settings import apply_defaults

logger = logging.getLogger(__name__)


def on_initialized(pelican) -> None:
    apply_defaults(pelican.settings)


def add_template_global(generator) -> None:
    from .head import head_global

    apply_defaults(generator.settings)
    env = getattr(generator, "env", None)
    if env is not None:
        env.globals["news_seo_head"] = head_global(generator.settings)


ARTICLES_BY_PATH = "NEWS_SEO_ARTICLES_BY_PATH"  # context key: "/2020/08/slug/" -> article, for feed entries


def index_articles(generator) -> None:
    """Link "Read more" titles, and index articles by URL once (every feed looks its entries up in it)."""
    from .related import link_related

    generator.context[ARTICLES_BY_PATH] = {"/" + str(a.url).lstrip("/"): a for a in generator.articles}
    linked = link_related(generator.articles)
    if linked:
        logger.info('news_seo: %d "Read more" title(s) linked to local articles', linked)


def get_generators(pelican):
    from .generator import SeoGenerator

    return SeoGenerator


def _hero_lead(article, placeholder: bool) -> str:
    """The hero figure exactly as the theme shows it (the theme renders it outside `content`)."""
    return str(hero_figure(getattr(article, "hero", None), getattr(article, "source_path", ""), placeholder))


def clean_feed(context, feed) -> None:
    """Full articles in feeds: hero figure first, pull quotes out, absolute URLs."""
    from .feeds import feed_html
    from .text import one_line

    summary_only = context.get("RSS_FEED_SUMMARY_ONLY") and "rss" in type(feed).__name__.lower()
    if summary_only:
        return
    site_path = urlsplit(str(context.get("SITEURL") or "")).path.rstrip("/")
    articles = context.get(ARTICLES_BY_PATH) or {}
    for item in feed.items:
        key = "content" if item.get("content") else "description"
        path = urlsplit(item.get("link") or "").path
        article = articles.get(path[len(site_path) :] if path.startswith(site_path) else path)
        lead = ""
        if article is not None:
            # a feed is read by readers: a photo-less hero is left out unless this build shows placeholders
            lead = _hero_lead(article, placeholder=context.get("NEWS_THEME_PHOTO_PLACEHOLDERS") is True)
            # Pelican strips tags from titles as if they were HTML; ours are text (`<` is a character).
            item["title"] = one_line(article.title)
        item[key] = feed_html(item.get(key) or "", item.get("link") or "", lead)


def index_with_pagefind(pelican) -> None:
    settings = pelican.settings
    if not settings.get("NEWS_SEO_PAGEFIND", True):
        return
    import shutil

    from .pagefind import FOLDER, PagefindError, index_shards, pages_marked_for_indexing, shard_count_for

    output = Path(pelican.output_path)
    names = pages_marked_for_indexing(output)
    count = shard_count_for(len(names), settings)
    shutil.rmtree(output / FOLDER, ignore_errors=True)  # a whole index from scratch: no bundle of an old layout
    try:
        index_shards(output, names, count)
    except PagefindError as error:
        logger.error("news_seo: %s", error)
    else:
        logger.info("news_seo: search index written to %s/pagefind/", pelican.output_path)


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(add_template_global)
    signals.article_generator_finalized.connect(index_articles)
    signals.get_generators.connect(get_generators)
    signals.feed_generated.connect(clean_feed)
    signals.finalized.connect(index_with_pagefind)
