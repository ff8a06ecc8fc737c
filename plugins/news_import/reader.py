"""Pelican reader for Markdown with YAML front matter; any other Markdown goes to Pelican's own reader.

Files that start with `---`, and imported articles whose `---` lines were deleted, are ours; other Markdown
(Pelican's `Key: value` metadata) renders exactly as before. Raw HTML is not passed through in our articles:
text from a raw dump is shown as text, never run. A mistake in the front matter (YAML, a date that names no day,
a value of the wrong type) is one error naming the file, the line and the key; the article is left out.
"""

from __future__ import annotations

import datetime as dt
import html
import os

from markdown import Markdown
from markdown.extensions.toc import slugify_unicode
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from news_core.importer import frontmatter
from news_core.importer.errors import ImportProblem
from news_core.importer.fields import CHECKS, WrongType
from news_pelican.site import site_timezone

# The importer's provenance hashes (its re-import rules read them from the file): no page shows them, and
# 1,000 articles would carry 128 bytes of hex each through the build.
_IMPORT_STAMPS = ("source_sha256", "imported_sha256")
# Keys Pelican turns into its own objects (dates, Tag and Author lists, Category).
_PELICAN_KEYS = ("date", "modified", "tags", "authors", "author", "category", "slug", "status", "lang")


class NewsMarkdownReader(MarkdownReader):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._news_md: Markdown | None = None
        # Reads done ahead by another process (news_parallel): `path in prefetched`, `prefetched.take(path)`.
        self.prefetched = None

    def read(self, source_path):
        if self.prefetched is not None and source_path in self.prefetched:
            return self.prefetched.take(source_path)
        return self.read_now(source_path)

    def read_now(self, source_path):
        with pelican_open(source_path) as text:
            if not frontmatter.is_ours(text):
                return super().read(source_path)
        try:
            fields, body, _ = frontmatter.split(text)
            fields = self._checked(fields, text)
        except ImportProblem as problem:
            raise ValueError(str(problem.located(self._name(source_path)))) from None
        md = self._markdown()
        md.news_source_path = source_path  # figure hooks (news_images) find photos next to the article
        content = md.convert(body)
        return content, self._metadata(fields, md, source_path, text)

    def _name(self, source_path: str) -> str:
        """The file as every message names it: relative to content/."""
        content = os.path.abspath(self.settings.get("PATH") or ".")
        path = os.path.abspath(source_path)
        return os.path.relpath(path, content).replace(os.sep, "/") if path.startswith(content + os.sep) else path

    @staticmethod
    def _checked(fields: dict, text: str) -> dict:
        checked = {}
        for key, value in fields.items():
            name = str(key).lower()
            check = CHECKS.get(name)
            if check is not None and value is not None and value != "" and value != []:
                try:
                    value = check(value)
                except WrongType as problem:
                    raise ImportProblem(
                        f"front matter `{key}` {problem}", line=frontmatter.key_line(text, str(key))
                    ) from None
            checked[key] = value
        return checked

    def _check_convertible(self, moment: dt.datetime) -> None:
        """Feeds and sitemaps convert every date to UTC; `0001-01-01T00:30:00+02:00` has no UTC year."""
        zone = site_timezone(self.settings)
        if zone is None:
            return  # Pelican reports an unknown TIMEZONE itself
        try:
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=zone)
            moment.astimezone(dt.UTC)
        except OverflowError:
            raise ValueError(f"{moment.isoformat(' ', 'minutes')} falls outside the years 1 to 9999 in UTC") from None

    def _markdown(self) -> Markdown:
        """One Markdown instance per reader, reset between articles (building one costs more than a page)."""
        if self._news_md is None:
            configs = self.settings["NEWS_MARKDOWN_EXTENSIONS"]
            configs["markdown.extensions.toc"].setdefault("slugify", slugify_unicode)
            self._news_md = Markdown(extensions=list(configs), extension_configs=configs, output_format="html")
            self._news_md.preprocessors.deregister("html_block")
            self._news_md.inlinePatterns.deregister("html")
        self._news_md.reset()
        return self._news_md

    def _metadata(self, fields: dict, md: Markdown, source_path: str, text: str) -> dict:
        metadata = {}
        for key, value in fields.items():
            key = str(key).lower()
            if value is None or value == [] or value == "" or key in _IMPORT_STAMPS:
                continue
            if key in ("date", "modified"):
                value = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)
            if key in _PELICAN_KEYS:
                try:
                    value = self.process_metadata(key, value)
                    if key in ("date", "modified"):
                        self._check_convertible(value)
                except (ValueError, OverflowError) as error:
                    where = self._name(source_path)
                    line = frontmatter.key_line(text, key)
                    where = f"{where}:{line}" if line else where
                    raise ValueError(f"{where}: front matter `{key}`: {error}") from None
            metadata[key] = value
        standfirst = fields.get("standfirst")
        if standfirst and "summary" not in metadata:
            metadata["summary"] = f"<p>{html.escape(str(standfirst))}</p>"
        words = getattr(md, "word_count", 0)
        metadata["word_count"] = words
        metadata["reading_time"] = max(1, round(words / self.settings["NEWS_WORDS_PER_MINUTE"]))
        metadata["figures_without_photo"] = [
            figure for figure in getattr(md, "news_figures", []) if not figure["has_photo"]
        ]
        metadata["toc"] = [{"id": token["id"], "name": token["name"]} for token in getattr(md, "toc_tokens", [])]
        return metadata
