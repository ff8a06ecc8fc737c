"""Which figures still lack a photo file, so the build can tell an editor what to supply.

Body figures are noted by the Markdown extension while it renders them (article.figures_without_photo);
the hero comes from front matter. A build prints one summary line and writes the list to
CACHE_PATH/photos-needed.txt.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class MissingImage:
    where: str  # "hero" or "figure N"
    description: str
    credit: str

    def line(self) -> str:
        credit = f" (credit: {self.credit})" if self.credit else ""
        return f"{self.where}: {self.description or 'no description'}{credit}"


def missing_images(hero: dict | None, figures_without_photo: list[dict]) -> list[MissingImage]:
    """The hero (from front matter) and the body figures the reader rendered as text, numbered among all."""
    missing = []
    if isinstance(hero, dict) and not hero.get("image") and any(hero.values()):
        missing.append(
            MissingImage("hero", str(hero.get("alt") or hero.get("caption") or ""), str(hero.get("credit") or ""))
        )
    for figure in figures_without_photo or []:
        missing.append(MissingImage(f"figure {figure['position']}", figure["alt"], figure["credit"]))
    return missing


PHOTOS_NEEDED = "photos-needed.txt"  # in CACHE_PATH: the full list, one line per figure (`invoke photos-needed`)


def warn_missing_images(articles: list, content_path: str, cache_path: str, logger) -> int:
    """One summary warning for every figure still shown as text, and the full list in CACHE_PATH (a build
    with thousands of photo-less figures would otherwise print thousands of lines). Returns the count."""
    lines, with_missing = [], 0
    prefix = os.path.join(content_path, "")
    for article in sorted(articles, key=lambda article: article.source_path):
        missing = missing_images(getattr(article, "hero", None), getattr(article, "figures_without_photo", []))
        if not missing:
            continue
        source = article.source_path
        name = source[len(prefix) :] if source.startswith(prefix) else os.path.relpath(source, content_path)
        lines += [f"{name}: supply a photo for the {item.line()}" for item in missing]
        with_missing += 1
    _write_list(Path(cache_path) / PHOTOS_NEEDED, lines)
    if lines:
        figures = f"{len(lines):,} figure{'s' if len(lines) != 1 else ''}"
        in_articles = f"{with_missing:,} article{'s' if with_missing != 1 else ''}"
        verb = "have" if len(lines) != 1 else "has"
        logger.warning(
            "news_theme: %s in %s %s no photo yet; `invoke photos-needed` lists them", figures, in_articles, verb
        )
    return len(lines)


def _write_list(path: Path, lines: list[str]) -> None:
    """Beside, then renamed: `invoke photos-needed` never reads half a list."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only cache folder: the summary still says how many
