"""Plain text for meta tags: whitespace collapsed, clipped to a platform's length.

Titles and standfirsts are text (a `<` in them is a character, escaped on output); only Pelican's
rendered summaries are HTML and go through html_text first.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_SPACES = re.compile(r"\s+")
ELLIPSIS = "…"


def one_line(value) -> str:
    return _SPACES.sub(" ", str(value or "")).strip()


def html_text(fragment) -> str:
    """The text of an HTML fragment, entities decoded, on one line."""
    return one_line(Markup(str(fragment or "")).striptags())


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis when it has to be cut."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    if " " in cut.strip():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + ELLIPSIS
