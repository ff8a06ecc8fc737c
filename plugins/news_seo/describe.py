"""What every metadata format says about a page, read once from a Pelican article or page.

JSON-LD, Open Graph and X/Twitter all need the same facts (title, description, canonical URL, image,
dates, tags); they are gathered here so the formats cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from .photos import hero_photo_url
from .text import html_text, one_line
from .urls import site_url


@dataclass(frozen=True)
class Description:
    title: str
    description: str
    url: str
    images: list[str] = field(default_factory=list)  # share card first, then the hero photo
    image_alt: str = ""
    published: str = ""
    modified: str = ""  # only when the front matter says so: never invented
    tags: list[str] = field(default_factory=list)
    section: str = ""


def iso_date(value) -> str:
    """A day (`2020-08-15`) when no time of day is known (midnight), else a date-time with its offset."""
    if not isinstance(value, dt.date):
        return ""
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def text_title(content) -> str:
    return one_line(getattr(content, "title", ""))


def text_description(content) -> str:
    """The standfirst (text) when there is one, else the text of Pelican's summary (HTML)."""
    standfirst = getattr(content, "standfirst", None)
    if standfirst:
        return one_line(standfirst)
    return html_text(getattr(content, "summary", ""))


def _hero(content) -> dict:
    hero = getattr(content, "hero", None)
    return hero if isinstance(hero, dict) else {}


def image_urls(content, settings: dict) -> list[str]:
    """The share card (images plugin), the hero photo, else the site's default image; absolute when possible."""
    candidates = [getattr(content, "share_image", ""), hero_photo_url(content)]
    urls = [site_url(settings, url) for url in candidates if url]
    if not urls and settings.get("NEWS_SEO_DEFAULT_IMAGE"):
        urls = [site_url(settings, settings["NEWS_SEO_DEFAULT_IMAGE"])]
    return list(dict.fromkeys(url for url in urls if url))


def _is_file_time(value, source_path) -> bool:
    """With DEFAULT_DATE = "fs" Pelican fills `modified` from the file's mtime: that is no editorial date."""
    try:
        mtime = dt.datetime.fromtimestamp(os.stat(source_path).st_mtime)
    except (OSError, TypeError, ValueError):
        return False
    return isinstance(value, dt.datetime) and value.replace(tzinfo=None) == mtime


def _image_alt(content, title: str) -> str:
    """The share card shows the headline (over the hero photo, when there is one); a bare hero photo is
    described by its own alt text."""
    if getattr(content, "share_image", ""):
        return title
    return one_line(_hero(content).get("alt")) or title


def modified_date(content) -> str:
    """The front matter's `modified`, or '' (never the file time, never the publication date)."""
    metadata = getattr(content, "metadata", {}) or {}
    value = getattr(content, "modified", None)
    if "modified" not in metadata or _is_file_time(value, getattr(content, "source_path", None)):
        return ""
    return iso_date(value)


def describe(content, settings: dict) -> Description:
    title = text_title(content)
    category = getattr(content, "category", None)
    return Description(
        title=title,
        description=text_description(content),
        url=site_url(settings, getattr(content, "url", "")),
        images=image_urls(content, settings),
        image_alt=_image_alt(content, title),
        published=iso_date(getattr(content, "date", None)),
        modified=modified_date(content),
        tags=[one_line(getattr(tag, "name", tag)) for tag in getattr(content, "tags", None) or []],
        section=one_line(getattr(category, "name", category or "")),
    )
