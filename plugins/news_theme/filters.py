"""Jinja filters the theme uses: the hero figure (through news_markdown.markup), dates, safe link targets.

Everything here returns escaped text or Markup built by ElementTree, so templates never need `|safe`
for these values; only rendered Markdown (content, summary) is marked safe in the templates.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from markupsafe import Markup

from news_markdown.markup import figure_element, to_html

_SAFE_SCHEMES = ("http", "https")
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def _images_plugin():
    """news_images.picture_for when the images plugin is installed, else None (figures then get a plain <img>)."""
    try:
        from news_images import picture_for
    except ImportError:  # the images plugin is optional
        return None
    return picture_for


def hero_figure(article) -> Markup:
    """The article's lead figure, built by the same code as body figures; empty when there is none.

    With the images plugin, a photo it cannot supply (missing or unusable; it warned) shows as a text-only
    figure, never as a broken <img>, exactly as body figures do.
    """
    hero = getattr(article, "hero", None)
    if not isinstance(hero, dict) or not any(hero.get(key) for key in ("alt", "caption", "credit", "image")):
        return Markup("")
    image = str(hero.get("image") or "").strip()
    picture = None
    picture_for = _images_plugin()
    if image and picture_for is not None:
        picture = picture_for(image, getattr(article, "source_path", ""), hero=True)
        if picture is None:
            image = ""
    element = figure_element(str(hero.get("alt") or ""), str(hero.get("caption") or ""),
                             str(hero.get("credit") or ""), image, hero=True, picture=picture)
    return to_html(element)


def is_date_only(value: dt.datetime) -> bool:
    """A front-matter date without a time of day reads back as midnight: show it as a day."""
    return isinstance(value, dt.datetime) and (value.hour, value.minute, value.second, value.microsecond) == (0,) * 4


def machine_date(value: dt.date) -> str:
    """The `datetime` attribute of <time>: a day, or a full ISO 8601 date-time with its offset."""
    if is_date_only(value):
        return value.date().isoformat()
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def reader_date(value: dt.date) -> str:
    """`15 August 2020`, or `15 August 2020, 09:30 CEST` when the time is known."""
    day = f"{value.day} {value:%B %Y}"
    if not isinstance(value, dt.datetime) or is_date_only(value):
        return day
    return f"{day}, {value:%H:%M} {zone_name(value)}".rstrip()


def zone_name(value: dt.datetime) -> str:
    """`CEST` for a named zone; `UTC+02:00` for a bare offset (dateutil's fixed offsets have no name)."""
    if value.tzname():
        return value.tzname()
    offset = value.utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def link_url(url: str, siteurl: str = "") -> str:
    """A link target that cannot run script: http(s) URLs as they are, site paths under SITEURL, else ''.

    `related[].url` comes from imported pages, so `javascript:` and other schemes are dropped (the
    title then shows as plain text).
    """
    url = str(url or "").strip()
    if not _URL_CHARACTERS.fullmatch(url):  # empty, or quotes, spaces, angle brackets: not a usable URL
        return ""
    parts = urlsplit(url)
    if parts.scheme:
        return url if parts.scheme.lower() in _SAFE_SCHEMES and parts.netloc else ""
    if url.startswith("//"):
        return ""
    if url.startswith(("/", "#")):
        return url
    return f"{siteurl}/{url}" if siteurl else url


FILTERS = {
    "hero_figure": hero_figure,
    "machine_date": machine_date,
    "reader_date": reader_date,
    "link_url": link_url,
}
