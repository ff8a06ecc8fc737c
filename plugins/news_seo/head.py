"""Everything partials/meta.html puts in <head>, for whichever page the template is rendering.

Exposed to Jinja as `news_seo_head()`; it reads the template context (article, page, tag, output_file)
and returns plain values, so the template only escapes and prints them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2 import pass_context
from markupsafe import Markup

from .describe import Description, describe, image_urls
from .jsonld import article_graph, organization, script_json
from .social import LIMITS, meta_tags
from .text import clip, one_line
from .urls import absolute_base, page_path, site_url


@dataclass
class Head:
    description: str = ""
    canonical: str = ""
    meta: list = field(default_factory=list)  # (attribute, key, content)
    feeds: list = field(default_factory=list)  # (type, href, title)
    jsonld: Markup = Markup("")
    robots: str = ""  # "noindex" for pages that must not show up in search results


# Pages with nothing to find: the error page and the search page (its results need JavaScript).
NOINDEX_PAGES = ("404", "search")
FEED_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}


def _feed_links(context, settings: dict) -> list[tuple[str, str, str]]:
    base = str(settings.get("FEED_DOMAIN") or absolute_base(settings) or context.get("SITEURL") or "")
    sitename = settings.get("SITENAME") or ""
    links = []
    for kind in ("atom", "rss"):
        path = settings.get(f"FEED_ALL_{kind.upper()}")
        if path:
            links.append((FEED_TYPES[kind], f"{base}/{path}", f"{sitename} ({kind.upper()})"))
    tag = context.get("tag")
    for kind in ("atom", "rss"):
        pattern = settings.get(f"TAG_FEED_{kind.upper()}")
        if tag is not None and pattern:
            path = pattern.format(slug=tag.slug)
            links.append((FEED_TYPES[kind], f"{base}/{path}", f"{sitename}: {tag.name} ({kind.upper()})"))
    return links


def _site_description(context, settings: dict) -> Description:
    url = site_url(settings, page_path(context.get("output_file") or ""))
    title = one_line(settings.get("SITENAME"))
    tag = context.get("tag")
    if tag is not None:
        title = f"{tag.name} | {title}"
    return Description(
        title=title,
        description=one_line(settings.get("SITE_DESCRIPTION")),
        url=url,
        images=image_urls(None, settings),
        image_alt=title,
    )


def _graph(article, content, facts: Description, settings: dict) -> dict:
    """NewsArticle + breadcrumbs for an article; a WebPage for a page; a WebSite for every other page."""
    if article is not None:
        return article_graph(article, settings, facts)
    graph = {
        "@context": "https://schema.org",
        "@type": "WebPage" if content is not None else "WebSite",
        "name": facts.title,
        "url": facts.url,
        "publisher": organization(settings),
    }
    if facts.description:
        graph["description"] = facts.description
    return graph


def head_for(context, settings: dict) -> Head:
    article, page = context.get("article"), context.get("page")
    content = article if article is not None else page if hasattr(page, "url") else None
    if content is not None:
        facts = describe(content, settings)
        kind = "article" if article is not None else "website"
        has_card = bool(getattr(content, "share_image", ""))
    else:
        facts = _site_description(context, settings)
        kind, has_card = "website", False
    noindex = content is None and context.get("page_name") in NOINDEX_PAGES
    return Head(
        description=clip(facts.description, LIMITS["description"]),
        canonical="" if noindex else facts.url,
        robots="noindex" if noindex else "",
        meta=meta_tags(facts, settings, kind, has_card),
        feeds=_feed_links(context, settings),
        jsonld=script_json(_graph(article, content, facts, settings)),
    )


def head_global(settings: dict):
    @pass_context
    def news_seo_head(context) -> Head:
        return head_for(context, settings)

    return news_seo_head
