"""Each article's URL and file name formatted once per build, not on every read.

Pelican formats `url` and `save_as` from settings such as ARTICLE_SAVE_AS = "{date:%Y}/{slug}/index.html"
whenever they are read: templates, feeds, sitemaps and plugins read them about 15 times per article. The
formatted string depends only on the format string and the values of the fields it names: those values are
the memo's key, and the string is formatted with them alone. A field whose value is not a plain string,
number or date (or a content without the date a format names, which Pelican would replace by the current
time) leaves the formatting to Pelican, every time.
"""

from __future__ import annotations

import datetime
import string
from collections.abc import Callable
from functools import lru_cache

from pelican.utils import path_to_url

from news_pelican import gaps

_PLAIN = (str, int, float, bool, type(None))
_UNKNOWN = object()
_formatted: dict[tuple, str] = {}
_active = [False]


def install(active: bool) -> None:
    """Called on every build (NEWS_CACHE off: `active` False); the memo starts empty, since the locale, which
    month names follow, may have changed."""
    _formatted.clear()
    _active[0] = active
    if active:
        gaps.memoise_url_formatting(formatted)


def formatted(content, setting_name: str, original: Callable[[], str]) -> str:
    if not _active[0]:
        return original()
    try:
        template = str(content.settings[setting_name])
    except (KeyError, TypeError, AttributeError):
        return original()  # Pelican's own error
    fields = field_names(template)
    if fields is None:
        return original()
    values, keys = {}, []
    for field in fields:
        try:
            value = _value(content, field)
        except Exception:  # noqa: BLE001 - Pelican raises the same, and reports it, when it formats
            return original()
        key = _key_of(value)
        if key is _UNKNOWN:
            return original()
        values[field] = value
        keys.append(key)
    key = (template, tuple(keys))
    url = _formatted.get(key)
    if url is None:
        try:
            # format() reads only the fields the string names: given theirs, the result is Pelican's.
            url = template.format(**values)
        except Exception:  # noqa: BLE001 - Pelican's error, raised by Pelican
            return original()
        _formatted[key] = url
    return url


@lru_cache(maxsize=256)
def field_names(template: str) -> tuple[str, ...] | None:
    """The top-level names a format string uses ("{date:%Y}/{slug}" -> ("date", "slug")); None when it
    cannot be parsed (Pelican reports that) or uses positional fields."""
    names: list[str] = []
    try:
        for _, field, _, _ in string.Formatter().parse(template):
            if field is None:
                continue
            first = field.split(".", 1)[0].split("[", 1)[0]
            if not first or first.isdigit():
                return None
            if first not in names:
                names.append(first)
    except ValueError:
        return None
    return tuple(names)


def _value(content, field: str):
    """What Pelican's Content.url_format gives `field`."""
    if field == "path":
        return path_to_url(content.metadata.get("path", content.get_relative_source_path()))
    if field == "slug":
        return getattr(content, "slug", "")
    if field == "lang":
        return getattr(content, "lang", "en")
    if field == "date":
        return getattr(content, "date", _UNKNOWN)  # Pelican would take the current time
    if field in ("author", "category"):
        return getattr(content, field).slug if hasattr(content, field) else ""
    return content.metadata.get(field, _UNKNOWN)


def _key_of(value):
    """A hashable stand-in that differs whenever the formatted text could (1, 1.0 and True are equal in Python;
    two equal times in different zones are too)."""
    if type(value) in _PLAIN:
        return (type(value), value)
    if isinstance(value, (datetime.date, datetime.time)):
        return (type(value), value.isoformat(), repr(getattr(value, "tzinfo", None)))
    return _UNKNOWN
