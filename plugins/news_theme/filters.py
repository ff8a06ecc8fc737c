"""Jinja filters the theme uses: figures and card photos (through news_core.markdown.markup), dates, headlines,
people, safe link targets.

Everything here returns escaped text or Markup built by ElementTree, so templates never need `|safe`
for these values; only rendered Markdown (content, summary) is marked safe in the templates.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from jinja2 import pass_context
from markupsafe import Markup

from news_core.markdown.markup import hero_figure as lead_figure
from news_core.markdown.markup import to_html
from news_core.markdown.typography import NBSP, headline
from news_core.services import hero_picture
from news_pelican.site import site_timezone

from .people import person

_SAFE_SCHEMES = ("http", "https")
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def hero_figure(article, placeholder: bool = True) -> Markup:
    """The article's lead figure (news_core.markdown.markup.hero_figure: the feeds show the same one)."""
    return lead_figure(getattr(article, "hero", None), getattr(article, "source_path", ""), placeholder)


@pass_context
def hero_figure_filter(context, article) -> Markup:
    return hero_figure(article, placeholder=context.get("NEWS_THEME_PHOTO_PLACEHOLDERS") is not False)


# A card's photo is at most a third of the page wide on wide screens, the full column on phones.
CARD_SIZES = "(min-width: 48rem) 22rem, calc(100vw - 2rem)"
LEAD_CARD_SIZES = "(min-width: 62rem) 36rem, calc(100vw - 2rem)"


def card_picture(article, lead: bool = False) -> Markup:
    """A small <picture> of the article's hero photo for its card (the existing derivatives, with a card's
    `sizes`), or empty. Decorative: the card's headline says what it links to, so alt is empty."""
    hero = getattr(article, "hero", None)
    if not isinstance(hero, dict):
        return Markup("")
    picture, _ = hero_picture(hero, getattr(article, "source_path", ""))
    if picture is None:
        return Markup("")
    for element in picture:
        element.set("sizes", LEAD_CARD_SIZES if lead else CARD_SIZES)
    img = picture.find("img")
    if img is not None:
        img.set("alt", "")
        if not lead:  # only the lead story's photo is worth fetching before the rest of the page
            img.attrib.pop("fetchpriority", None)
            img.set("loading", "lazy")
    picture.set("class", "card-picture")
    return to_html(picture)


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


def reader_date(value: dt.date, timezone: dt.tzinfo | None = None) -> str:
    """`15 August 2020`, or `15 August 2020, 09:30 CEST` when the time is known (in `timezone`, the site's,
    when given). Day and month, time and zone never break apart (non-breaking spaces)."""
    day = f"{value.day}{NBSP}{value:%B %Y}"
    if not isinstance(value, dt.datetime) or is_date_only(value):
        return day
    if timezone is not None and value.tzinfo is not None:
        value = value.astimezone(timezone)
    return f"{day}, {value:%H:%M}{NBSP}{zone_name(value)}".rstrip()


@pass_context
def reader_date_filter(context, value) -> str:
    return reader_date(value, site_timezone(context))


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


@pass_context
def person_name(context, author) -> str:
    """The full name NEWS_AUTHORS gives a sign-off's initials, else the initials."""
    return person(author, context.get("NEWS_AUTHORS") or {}).name


@pass_context
def person_role(context, author) -> str:
    return person(author, context.get("NEWS_AUTHORS") or {}).role


def sentence(text) -> str:
    """A note shown as a sentence: capitalised, ending in a full stop unless it already ends a sentence."""
    text = str(text or "").strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    ended = text.rstrip("”’\"')")  # a full stop inside closing quotes ends the sentence too
    return text if ended and ended[-1] in ".!?…" else f"{text}."


FILTERS = {
    "hero_figure": hero_figure_filter,
    "card_picture": card_picture,
    "machine_date": machine_date,
    "reader_date": reader_date_filter,
    "headline": headline,
    "person_name": person_name,
    "person_role": person_role,
    "sentence": sentence,
    "link_url": link_url,
}
