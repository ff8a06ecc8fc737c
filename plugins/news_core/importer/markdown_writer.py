"""to_markdown(article) -> str: YAML front matter plus a Markdown body that reads well anywhere.

Figures and pull quotes are blockquote callouts (`> [!FIGURE]`, `> [!PULLQUOTE]`) that our
Python-Markdown extension renders as <figure> and <aside>, and that any other Markdown tool shows
as a plain quote. Prose is escaped so that text never turns into markup by accident.
"""

from __future__ import annotations

import datetime as dt
import re

from . import frontmatter
from .article import Article, BlockQuote, BulletList, Figure, Heading, InlineFigure, Paragraph, PullQuote

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_ORDERED_LIST_START = re.compile(r"^(\d+)([.)])(?=\s|$)")
_BLOCK_START = re.compile(r"^(?:#|>|[-+](?:\s|$)|-+\s*$)")


# Written only when the raw article states them, so that articles without them read as before.
OPTIONAL_KEYS = ("modified", "source_url")


def front_matter_fields(article: Article) -> dict:
    """The front matter, in the documented key order (README: Front matter)."""
    fields = {
        "title": article.title,
        "date": _iso(article.date),
        "modified": _iso(article.modified),
        "standfirst": article.standfirst,
        "hero": _figure_fields(article.hero) if article.hero else None,
        "authors": list(article.authors),
        "agencies": list(article.agencies),
        "editor": article.editor,
        "update_note": article.update_note,
        "related": [{"title": link.title, "url": link.url} for link in article.related],
        "tags": list(article.tags),
        "slug": article.slug,
        "source": article.source,
        "source_url": article.source_url,
        "source_sha256": article.source_sha256,
    }
    return {key: value for key, value in fields.items() if key not in OPTIONAL_KEYS or value}


def to_markdown(article: Article) -> str:
    """The whole document, stamped so that an editor's later change can be detected."""
    body = "\n\n".join(_block(block) for block in article.body)
    document = f"---\n{frontmatter.dump(front_matter_fields(article))}---\n\n{body}\n"
    return frontmatter.stamp(document)


def _iso(date: dt.date | dt.datetime | None) -> str | None:
    return date.isoformat() if date is not None else None


def _figure_fields(figure: Figure) -> dict:
    return {"alt": figure.alt, "caption": figure.caption, "credit": figure.credit, "image": figure.image}


def _block(block) -> str:
    if isinstance(block, Paragraph):
        return escape_prose(block.text)
    if isinstance(block, Heading):
        return f"## {escape_heading(block.text)}"
    if isinstance(block, BulletList):
        return "\n".join(f"- {escape_inline(item)}" for item in block.items)
    if isinstance(block, InlineFigure):
        return figure_callout(block.figure)
    if isinstance(block, PullQuote):
        return pull_quote_callout(block)
    if isinstance(block, BlockQuote):  # escaped, so a quoted "[!FIGURE]" never turns into a callout
        return "\n>\n".join(f"> {escape_prose(text)}" for text in block.paragraphs)
    raise TypeError(f"unknown block {block!r}")


def figure_callout(figure: Figure) -> str:
    lines = [f"> [!FIGURE] {figure.image}".rstrip()]
    lines += [
        f"> {label}: {value}"
        for label, value in (("Alt", figure.alt), ("Caption", figure.caption), ("Credit", figure.credit))
        if value
    ]
    return "\n".join(lines)


def pull_quote_callout(quote: PullQuote) -> str:
    lines = ["> [!PULLQUOTE]", f"> {quote.text}"]
    if quote.attribution:
        lines.append(f"> — {quote.attribution}")
    return "\n".join(lines)


def escape_inline(text: str) -> str:
    """Backslash-escape what Markdown would read as emphasis, code or links, and entity look-alikes."""
    return _ENTITY.sub("&amp;", _INLINE_SPECIALS.sub(r"\\\1", text))


def escape_prose(text: str) -> str:
    """Escape a paragraph so that it renders as the same text: no emphasis, links, lists or headings."""
    text = _ORDERED_LIST_START.sub(r"\1\\\2", escape_inline(text))
    return "\\" + text if _BLOCK_START.match(text) else text


def escape_heading(text: str) -> str:
    text = escape_inline(text)
    return text[:-1] + "\\#" if text.endswith("#") else text
