"""JSON-LD for an article: NewsArticle (BackgroundNewsArticle for explainers) and its BreadcrumbList.

Serialised here, in Python, so that no template can break it: `<`, `>` and `&` are written as \\u003c,
\\u003e and \\u0026, which keeps `</script>` in a headline from closing the script element.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from .describe import Description, describe
from .text import one_line
from .urls import absolute_base, site_url

CONTEXT = "https://schema.org"
_SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", 0x2028: "\\u2028", 0x2029: "\\u2029"}
EXPLAINER_TYPES = ("explainer", "background")


def script_json(data) -> Markup:
    """JSON that is safe as the text of a <script> element."""
    return Markup(json.dumps(data, ensure_ascii=False, indent=None).translate(_SCRIPT_SAFE))


def is_explainer(article) -> bool:
    """Front matter `explainer: true` (or `type: explainer`) marks background pieces."""
    flag = getattr(article, "explainer", False)
    if isinstance(flag, str):
        flag = flag.strip().lower() in ("true", "yes", "1")
    kind = str(getattr(article, "type", "") or "").strip().lower()
    return bool(flag) or kind in EXPLAINER_TYPES


def organization(settings: dict) -> dict:
    publisher = {"@type": "Organization", "name": settings["NEWS_SEO_PUBLISHER"]}
    if absolute_base(settings):
        publisher["url"] = site_url(settings, "")
    logo = settings.get("NEWS_SEO_PUBLISHER_LOGO")
    if logo:
        publisher["logo"] = {"@type": "ImageObject", "url": site_url(settings, logo)}
    return publisher


def person_name(people: dict, initials: str) -> str:
    """The name NEWS_AUTHORS gives these initials (`{"name": ...}` or a plain string), else the initials."""
    entry = people.get(initials) or people.get(initials.casefold())
    name = entry.get("name") if isinstance(entry, dict) else entry
    return one_line(name) or initials


def authors(article, settings: dict) -> list[dict]:
    """People from the sign-off (full names from NEWS_AUTHORS); without one, Pelican's AUTHOR
    setting (a desk: an Organization), else the publisher."""
    known = settings.get("NEWS_AUTHORS") or {}
    known = known if isinstance(known, dict) else {}
    metadata = getattr(article, "metadata", {}) or {}
    signed = "authors" in metadata or "author" in metadata
    people = []
    for author in getattr(article, "authors", None) or []:
        initials = one_line(getattr(author, "name", author))
        if not initials:
            continue
        person = {"@type": "Person" if signed else "Organization", "name": person_name(known, initials)}
        url = getattr(author, "url", "")
        if url and settings.get("AUTHOR_SAVE_AS"):
            person["url"] = site_url(settings, url)
        people.append(person)
    return people or [organization(settings)]


def news_article(article, settings: dict, facts: Description | None = None) -> dict:
    facts = facts or describe(article, settings)
    data = {
        "@type": "BackgroundNewsArticle" if is_explainer(article) else "NewsArticle",
        "@id": facts.url + "#article",
        "headline": facts.title,
        "url": facts.url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": facts.url},
    }
    if facts.description:
        data["description"] = facts.description
    if facts.published:
        data["datePublished"] = facts.published
    if facts.modified:
        data["dateModified"] = facts.modified
    if facts.images:
        data["image"] = facts.images
    data["author"] = authors(article, settings)
    agencies = [one_line(name) for name in getattr(article, "agencies", None) or [] if one_line(name)]
    if agencies:
        data["sourceOrganization"] = [{"@type": "Organization", "name": name} for name in agencies]
    editor = one_line(getattr(article, "editor", ""))
    if editor:
        data["editor"] = {"@type": "Person", "name": editor}
    data["publisher"] = organization(settings)
    if facts.tags:
        data["keywords"] = facts.tags
    if facts.section:
        data["articleSection"] = facts.section
    word_count = getattr(article, "word_count", None)
    if isinstance(word_count, int) and word_count > 0:
        data["wordCount"] = word_count
    reading_time = getattr(article, "reading_time", None)
    if isinstance(reading_time, int) and reading_time > 0:
        data["timeRequired"] = f"PT{reading_time}M"
    data["inLanguage"] = one_line(getattr(article, "lang", "")) or settings.get("DEFAULT_LANG") or "en"
    data["isAccessibleForFree"] = bool(settings.get("NEWS_SEO_ACCESSIBLE_FOR_FREE", True))
    return data


def breadcrumbs(article, settings: dict, facts: Description | None = None) -> dict:
    """Home > section (the category page, when the site writes one) > the article."""
    facts = facts or describe(article, settings)
    trail = [(settings.get("SITENAME") or facts.section or "Home", site_url(settings, ""))]
    category = getattr(article, "category", None)
    if category is not None and settings.get("CATEGORY_SAVE_AS"):
        trail.append((facts.section, site_url(settings, getattr(category, "url", ""))))
    trail.append((facts.title, facts.url))
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def article_graph(article, settings: dict, facts: Description | None = None) -> dict:
    facts = facts or describe(article, settings)
    return {
        "@context": CONTEXT,
        "@graph": [news_article(article, settings, facts), breadcrumbs(article, settings, facts)],
    }
