"""Content that cannot be published is left out with one error, instead of stopping the whole site.

Pelican stops a build when a file names a template the theme lacks (PelicanTemplateNotFound while writing)
and when two files are saved to one path (FileOverwriteFailedError, naming only a temporary path): a renamed
copy of an imported article, two files with one slug, a page with `Slug: search` over the site's search page.
Before anything is written (article_generator_pretaxonomy for articles, so tag and archive lists never name
a left-out article; page_generator_finalized for pages), each such file is dropped from the generator's lists
and reported as `FILE:LINE: reason`, naming the other file or the site page it collides with. The file kept
at a contested path is the one whose name sorts first without its extension (`NAME.md` before
`NAME (copy).md`), so a new copy never takes an article's URL. Pelican's own multi-line warnings about those
same files ("There are 2 items with slug ...") are held while the files are read and dropped when the error
above says it all; any other such warning is printed as before.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import PurePosixPath

from pelican.generators import PelicanTemplateNotFound

logger = logging.getLogger(__name__)

ARTICLE_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations", "drafts", "drafts_translations")
_CONTENT_KEYS = ("ARTICLE_", "PAGE_", "DRAFT_")
PAGE_LISTS = ("pages", "translations", "hidden_pages", "hidden_translations", "draft_pages", "draft_translations")


def site_pages(settings: dict) -> dict[str, str]:
    """Paths the site itself writes that content must not take, with the setting that names each: the direct
    templates (index.html, archives.html, ...) and every fixed `*_SAVE_AS` setting (a plugin's search page)."""
    reserved = {}
    for template in settings.get("DIRECT_TEMPLATES") or ():
        key = f"{str(template).upper()}_SAVE_AS"
        reserved.setdefault(_normal(settings.get(key, f"{template}.html")), key)
    for key, value in settings.items():
        if key.startswith(_CONTENT_KEYS):
            continue  # where content itself goes, not a page of the site's own
        if key.endswith("_SAVE_AS") and isinstance(value, str) and value and "{" not in value:
            reserved.setdefault(_normal(value), key)
    reserved.pop("", None)
    return reserved


class _HeldSlugWarnings(logging.Filter):
    """Holds Pelican's "There are N items with slug ..." warnings until the collisions are known."""

    def __init__(self):
        super().__init__()
        self.held: list[logging.LogRecord] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith(_SLUG_WARNINGS):
            self.held.append(record)
            return False
        return True

    def release(self, explained: set[str]) -> None:
        """Stop holding; print again each held warning that names a file the errors did not explain."""
        _PELICAN_UTILS.removeFilter(self)
        for record in self.held:
            paths = {arg for arg in record.args or () if isinstance(arg, str) and os.path.isabs(arg)}
            if not paths or not paths <= explained:
                _PELICAN_UTILS.handle(record)
        self.held.clear()


_SLUG_WARNINGS = ("There are %s items", "There are %s original")
_PELICAN_UTILS = logging.getLogger("pelican.utils")
_held = _HeldSlugWarnings()


def on_generator_init(generator) -> None:
    """Before the files are read (article_generator_init / page_generator_init)."""
    if _held not in _PELICAN_UTILS.filters:
        _PELICAN_UTILS.addFilter(_held)


def on_article_pretaxonomy(generator) -> None:
    _claims(generator).clear()  # a new build (the dev server rebuilds in one process)
    _held.release(_leave_out_unpublishable(generator, ARTICLE_LISTS, "article"))


def on_page_generator_finalized(generator) -> None:
    _held.release(_leave_out_unpublishable(generator, PAGE_LISTS, "page"))


def _claims(generator) -> dict:
    """Output path -> the content saved there, shared by this build's generators through their context."""
    return generator.context.setdefault("news_published_paths", {})


def _leave_out_unpublishable(generator, lists: tuple[str, ...], kind: str) -> set[str]:
    """Drop what cannot be published from the generator's lists; returns the source paths the errors named."""
    claims = _claims(generator)
    explained: set[str] = set()
    reserved = site_pages(generator.settings)
    contents = {id(content): content for name in lists for content in getattr(generator, name, None) or []}
    left_out: set[int] = set()
    for content in sorted(contents.values(), key=_name_order):
        save_as = _normal(getattr(content, "save_as", "") or "")  # a property Pelican formats on every read
        reason = _template_problem(generator, content) or _path_problem(content, save_as, claims, reserved)
        if reason:
            logger.error("%s: %s; the %s was left out", reason[0], reason[1], kind)
            left_out.add(id(content))
            explained.add(content.source_path)
            other = claims.get(save_as)
            if other is not None:
                explained.add(other.source_path)
        elif save_as:
            claims[save_as] = content
    if left_out:
        for name in lists:
            items = getattr(generator, name, None)
            if isinstance(items, list):
                items[:] = [content for content in items if id(content) not in left_out]
                for content in items:
                    translations = getattr(content, "translations", None)
                    if isinstance(translations, list):
                        translations[:] = [other for other in translations if id(other) not in left_out]
    return explained


def _template_problem(generator, content) -> tuple[str, str] | None:
    template = getattr(content, "template", None)
    if not template:
        return None
    try:
        generator.get_template(template)
    except PelicanTemplateNotFound:
        where = _where(content, "template")
        return where, (
            f"template `{template}` does not exist in the theme (its templates/ folder has no "
            f"{template}.html); fix the name or remove the line"
        )
    return None


def _path_problem(content, save_as: str, claims: dict, reserved: dict) -> tuple[str, str] | None:
    if not save_as:
        return None
    other = claims.get(save_as)
    if other is not None and other is not content:
        return _where(content, "slug"), (
            f"would be published at {save_as}, where {_name(other)} is published (same slug "
            f"`{getattr(content, 'slug', '')}`); give one of them another `slug:`"
        )
    if save_as in reserved:
        return _where(content, "slug"), (
            f"would be published at {save_as}, which is the site's own page ({reserved[save_as]}); "
            f"give it another `slug:`"
        )
    return None


def _normal(save_as: str) -> str:
    text = str(save_as).replace("\\", "/").lstrip("/")
    if "//" not in text and "/./" not in text and not text.startswith("./"):
        return text  # the usual spelling: no PurePosixPath needed (1,000 articles a build)
    path = PurePosixPath(text)
    return "" if str(path) == "." else str(path)


def _name(content) -> str:
    return getattr(content, "relative_source_path", None) or getattr(content, "source_path", "") or "?"


def _name_order(content) -> tuple:
    """`NAME.md` before `NAME (copy).md`: by name without the extension (source_path, not Pelican's
    relative_source_path, which computes a relative path on every read)."""
    return os.path.splitext(getattr(content, "source_path", "") or "")


def _where(content, key: str) -> str:
    """`FILE:LINE` of a metadata key (`slug: x`, Pelican's `Slug: x`), or FILE when the line is unknown."""
    name = _name(content)
    try:
        with open(content.source_path, encoding="utf-8", errors="replace") as stream:
            head = stream.read(64 * 1024)
    except (OSError, TypeError):
        return name
    match = re.search(rf"^[ \t]*:?{re.escape(key)}:", head, re.M | re.I)
    return f"{name}:{head.count(chr(10), 0, match.start()) + 1}" if match else name
