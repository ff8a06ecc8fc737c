"""Open Graph and X/Twitter card values for a page, clipped to what the platforms show."""

from __future__ import annotations

from .describe import Description
from .text import clip

# Lengths the platforms display before cutting (X documents 70/200/420; search snippets end near 160).
LIMITS = {
    "description": 160,
    "og:title": 95,
    "og:description": 200,
    "twitter:title": 70,
    "twitter:description": 200,
    "image:alt": 420,
}
SHARE_CARD_SIZE = (1200, 630)


def open_graph(facts: Description, settings: dict, kind: str, has_card: bool) -> list[tuple[str, str]]:
    tags = [
        ("og:type", kind),
        ("og:site_name", settings.get("SITENAME") or ""),
        ("og:title", clip(facts.title, LIMITS["og:title"])),
    ]
    if facts.description:
        tags.append(("og:description", clip(facts.description, LIMITS["og:description"])))
    if facts.url:
        tags.append(("og:url", facts.url))
    if facts.images:
        tags.append(("og:image", facts.images[0]))
        if has_card:
            tags += [("og:image:width", str(SHARE_CARD_SIZE[0])), ("og:image:height", str(SHARE_CARD_SIZE[1]))]
        tags.append(("og:image:alt", clip(facts.image_alt, LIMITS["image:alt"])))
    if kind == "article":
        if facts.published:
            tags.append(("article:published_time", facts.published))
        if facts.modified:
            tags.append(("article:modified_time", facts.modified))
        if facts.section:
            tags.append(("article:section", facts.section))
        tags += [("article:tag", tag) for tag in facts.tags]
    return tags


def twitter_card(facts: Description, settings: dict) -> list[tuple[str, str]]:
    tags = [("twitter:card", "summary_large_image" if facts.images else "summary")]
    if settings.get("NEWS_SEO_TWITTER_SITE"):
        tags.append(("twitter:site", settings["NEWS_SEO_TWITTER_SITE"]))
    tags.append(("twitter:title", clip(facts.title, LIMITS["twitter:title"])))
    if facts.description:
        tags.append(("twitter:description", clip(facts.description, LIMITS["twitter:description"])))
    if facts.images:
        tags += [("twitter:image", facts.images[0]), ("twitter:image:alt", clip(facts.image_alt, LIMITS["image:alt"]))]
    return tags


def meta_tags(facts: Description, settings: dict, kind: str, has_card: bool = False) -> list[tuple[str, str, str]]:
    """(attribute, key, content) triples: Open Graph uses `property`, X/Twitter `name`."""
    return [("property", key, value) for key, value in open_graph(facts, settings, kind, has_card)] + [
        ("name", key, value) for key, value in twitter_card(facts, settings)
    ]
