""" "Read more" titles that name a local article link to it; any other title keeps an empty URL.

Titles are compared with case, punctuation and spacing aside (`Belarus: 'Can't be broken'` matches
`belarus — can’t be broken`). No URL is ever made up: an unmatched title stays plain text.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+")


def title_key(title) -> str:
    text = str(title or "")
    if text.isascii():  # most titles: no compatibility forms or accents to take off (10,000 of them a build)
        return _NOT_WORD.sub(" ", text.lower()).strip()
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    return _NOT_WORD.sub(" ", text).strip()


def title_index(articles) -> dict[str, object]:
    """Normalised title -> article; with duplicate titles the newest article wins."""
    index = {}
    for article in sorted(articles, key=lambda a: getattr(a, "date", None) is not None and a.date.timestamp()):
        key = title_key(getattr(article, "title", ""))
        if key:
            index[key] = article
    return index


def resolve(related, index: dict, own=None) -> list[dict]:
    """A copy of `related` with `url` filled for titles naming another local article."""
    resolved = []
    for item in related or []:
        if not isinstance(item, dict):
            continue
        item = dict(item)
        if not str(item.get("url") or "").strip():
            target = index.get(title_key(item.get("title")))
            item["url"] = target.url if target is not None and target is not own else ""
        resolved.append(item)
    return resolved


def link_related(articles) -> int:
    """Fill `related[].url` on every article; returns how many links were made."""
    articles = list(articles)
    index = title_index(articles)
    linked = 0
    for article in articles:
        related = getattr(article, "related", None)
        if not related or not isinstance(related, list):  # a malformed `related` is left for the theme to show
            continue
        before = sum(1 for item in related if isinstance(item, dict) and item.get("url"))
        article.related = resolve(related, index, own=article)
        article.metadata["related"] = article.related
        linked += sum(1 for item in article.related if item.get("url")) - before
    return linked
