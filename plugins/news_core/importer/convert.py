"""Raw bytes -> Markdown document: the whole pure pipeline for one file, with its provenance recorded."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from . import saved_photos
from .article import Article
from .decode import decode_raw
from .errors import ImportProblem
from .markdown_writer import to_markdown
from .parse import parse, slugify

HTML_SUFFIXES = (".html", ".htm")


@dataclass
class Conversion:
    markdown: str
    slug: str
    warnings: list[str]


_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S
)


def looks_like_html(data: bytes) -> bool:
    """A page saved as HTML but named .txt: it starts as one (a doctype or <html>), whatever its name."""
    return bool(_HTML_START.match(data[:4096]))


def read_article(data: bytes, source: str, site_timezone: ZoneInfo | None = None) -> Article:
    """The Article one raw file holds, its warnings in `article.warnings`; `source` names it in messages."""
    try:
        saved_page = source.lower().endswith(HTML_SUFFIXES)
        if not saved_page and looks_like_html(data):
            saved_page, notes = True, ["the file is a saved web page, not a text dump: read as HTML (name it .html)"]
        else:
            notes = []
        if saved_page:
            from .html_parse import parse_html  # saved web pages (README: Importing saved HTML pages)

            article, warnings = parse_html(data, site_timezone)
            warnings[:0] = notes
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
