"""The Article model: what the importer knows about one news article.

Pure data, no I/O. The importer fills it from a raw dump; the Markdown writer turns it into
front matter plus a body. Body blocks keep the order in which they appeared in the raw text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Figure:
    """A photo known by its alt text, caption and credit; `image` stays empty until an editor adds one."""

    alt: str = ""
    caption: str = ""
    credit: str = ""
    image: str = ""
    # Where the page had the photo (a saved page's `NAME_files/photo.jpg`); the import attaches the file when it
    # is there. Not written to the Markdown: `image` is what the article names.
    src: str = ""


@dataclass(frozen=True)
class RelatedLink:
    title: str
    url: str = ""


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class PullQuote:
    """Speech repeated from the body for display; the sentence itself stays in its paragraph."""

    text: str
    attribution: str = ""


@dataclass(frozen=True)
class InlineFigure:
    figure: Figure


@dataclass(frozen=True)
class BlockQuote:
    """Text a saved page set apart as a quotation (<blockquote>: a statement, a post), one item per paragraph."""

    paragraphs: tuple[str, ...]


Block = Paragraph | Heading | BulletList | PullQuote | InlineFigure | BlockQuote


@dataclass
class Article:
    title: str
    date: dt.date | dt.datetime | None = None
    modified: dt.date | dt.datetime | None = None  # when the page says it was updated (JSON-LD dateModified...)
    standfirst: str = ""
    hero: Figure | None = None
    body: list[Block] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    editor: str = ""
    update_note: str = ""
    related: list[RelatedLink] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    slug: str = ""
    source: str = ""
    source_url: str = ""  # the page's canonical address, when a saved page names it
    source_sha256: str = ""
    warnings: list[str] = field(default_factory=list)
