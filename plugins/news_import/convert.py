"""Raw bytes -> Markdown document: the whole pure pipeline for one file, with its provenance recorded."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from .decode import decode_raw
from .article import Article
from .errors import ImportProblem
from . import saved_photos
from .markdown_writer import to_markdown
from .parse import parse, slugify


HTML_SUFFIXES = (".html", ".htm")


@dataclass
class Conversion:
    markdown: str
    slug: str
    warnings: list[str]


def read_article(data: bytes, source: str, site_timezone: ZoneInfo | None = None) -> Article:
    """The Article one raw file holds, its warnings in `article.warnings`; `source` names it in messages."""
    try:
        if source.lower().endswith(HTML_SUFFIXES):
            from .html_parse import parse_html  # saved web pages (README: Importing saved HTML pages)

            article, warnings = parse_html(data, site_timezone)
        else:
            text, warnings = decode_raw(data)
            article = parse(text, site_timezone)
    except ImportProblem as problem:
        raise problem.located(source) from None
    article.warnings[:0] = warnings
    return article


def convert(data: bytes, source: str, site_timezone: ZoneInfo | None = None, slug: str | None = None) -> Conversion:
    """Convert one raw dump; `source` is its path relative to content/ and names it in every message."""
    article = read_article(data, source, site_timezone)
    saved_photos.attach(article, source)
    article.source = source
    article.source_sha256 = hashlib.sha256(data).hexdigest()
    if slug is not None:
        article.slug = slug
    elif article.slug == "article":  # no Latin letters in the title: name it after its file
        article.slug = slugify(source.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    return Conversion(to_markdown(article), article.slug, article.warnings)
