"""What each front matter key must hold, checked when an article is read: a wrong type is one clear error
naming the key, never garbage on the page (`related: "text"` listed a method's repr, `key_facts: "text"`
one letter per item, `hero: "text"` lost its credit).

One small function per kind of value (as Pelican's METADATA_PROCESSORS): each returns the value as the theme
expects it, or raises WrongType with the reason. Keys not in the table are passed through untouched.
"""

from __future__ import annotations

import datetime as dt


class WrongType(ValueError):
    """The value of a front matter key has the wrong shape; the message completes "front matter `key` ..."."""


HERO_KEYS = ("alt", "caption", "credit", "image")
LINK_KEYS = ("title", "url")


def _kind(value) -> str:
    if isinstance(value, bool):
        return "true/false (put text in quotes)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    return "text"


def text(value) -> str:
    """A headline, standfirst, name: text (a number or a date reads as text too)."""
    if isinstance(value, bool) or isinstance(value, (dict, list)):
        raise WrongType(f"must be text, not {_kind(value)}")
    return value if isinstance(value, str) else str(value)


def text_list(value) -> list[str]:
    """`- item` lines (agencies, key facts): one text each."""
    if not isinstance(value, list):
        raise WrongType(f"must be a list of text (`- item` lines), not {_kind(value)}")
    items = []
    for number, item in enumerate(value, start=1):
        if item is None or item == "":
            continue
        try:
            items.append(text(item))
        except WrongType as problem:
            raise WrongType(f"item {number} {problem}") from None
    return items


def text_or_text_list(value) -> str | list[str]:
    """Tags and authors: a list, or Pelican's comma-separated text (`tags: floods, harbour`)."""
    return value if isinstance(value, str) else text_list(value)


def _mapping(value, keys: tuple[str, ...], what: str) -> dict:
    if not isinstance(value, dict):
        raise WrongType(f"must be {what}, not {_kind(value)}")
    unknown = [str(key) for key in value if key not in keys]
    if unknown:
        raise WrongType(f"has an unknown key `{unknown[0]}` (the keys are {', '.join(keys)})")
    checked = {}
    for key in keys:
        item = value.get(key)
        try:
            checked[key] = "" if item is None else text(item)
        except WrongType as problem:
            raise WrongType(f"`{key}` {problem}") from None
    return checked


def hero(value) -> dict:
    """The lead photo: alt, caption, credit, image."""
    return _mapping(value, HERO_KEYS, "a mapping of `alt:`, `caption:`, `credit:` and `image:` lines")


def related(value) -> list[dict]:
    """ "Read more" links: `- title: ...` with an optional `url: ...`; a bare `- Title` is a title alone."""
    if not isinstance(value, list):
        raise WrongType(f"must be a list of links (`- title: ...` and `url: ...` lines), not {_kind(value)}")
    links = []
    for number, item in enumerate(value, start=1):
        try:
            link = (
                {"title": text(item), "url": ""} if not isinstance(item, dict) else _mapping(item, LINK_KEYS, "a link")
            )
        except WrongType as problem:
            raise WrongType(f"item {number} {problem}") from None
        if not link["title"].strip():
            raise WrongType(f"item {number} has no `title`")
        links.append(link)
    return links


def boolean(value) -> bool:
    if not isinstance(value, bool):
        raise WrongType(f"must be true or false, not {_kind(value)}")
    return value


def date(value):
    """A date Pelican parses: YAML's own date, or text such as `2020-08-15T09:30:00+02:00`."""
    if isinstance(value, (bool, dict, list)):
        raise WrongType(f"must be a date such as 2020-08-15 or 2020-08-15T09:30:00+02:00, not {_kind(value)}")
    return value


CHECKS = {
    "title": text,
    "standfirst": text,
    "editor": text,
    "update_note": text,
    "slug": text,
    "source": text,
    "summary": text,
    "category": text,
    "lang": text,
    "status": text,
    "template": text,
    "author": text,
    "type": text,
    "save_as": text,
    "url": text,
    "authors": text_or_text_list,
    "tags": text_or_text_list,
    "agencies": text_list,
    "key_facts": text_list,
    "hero": hero,
    "related": related,
    "explainer": boolean,
    "date": date,
    "modified": date,
}
