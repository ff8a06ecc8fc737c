"""Photos of a page saved "complete": the browser puts them in `NAME_files/` beside `NAME.html`.

A figure whose image the page loads from that folder names the file in the article (`image:`), and the import
copies it into the article's own photo folder (`content/articles/NAME/`, README: Photos), so the page is built
with the real photo. A photo the page only loads from the web stays an empty `image:` for the editor: nothing
is fetched. The copy never replaces a file already there (an editor may have put a better one).
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from . import frontmatter
from .article import Article, Figure, InlineFigure
from .errors import ImportProblem

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".tif", ".tiff", ".bmp")
MAX_PHOTO_BYTES = 50 * 1024 * 1024
_FIGURE_LINE = re.compile(r"^> \[!FIGURE\] (?P<name>\S.*?)\s*$", re.M)
# Names that read back the same from a Markdown callout line and from YAML, and stay inside one folder.
_SAFE_NAME = re.compile(r"^[\w][\w.\-() ]{0,150}$")


def folder_name(source: str) -> str:
    """`raw/NAME.html` -> `NAME_files`, as browsers name the folder of a complete save."""
    return PurePosixPath(source).stem + "_files"


def photo_name(src: str, source: str) -> str:
    """The file name a figure's image has in the saved page's folder, or "" when it is not there."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not src:
        return ""
    path = PurePosixPath(unquote(parts.path))
    pieces = [piece for piece in path.parts if piece not in (".", "")]
    if len(pieces) != 2 or pieces[0] != folder_name(source) or ".." in pieces:
        return ""  # browsers save every file flat in NAME_files/; anything else is a link, not a saved file
    name = pieces[1]
    return name if name.lower().endswith(PHOTO_SUFFIXES) and _SAFE_NAME.match(name) else ""


def attach(article: Article, source: str) -> None:
    """Name each figure's saved photo in the article (pure: the file itself is copied by copy_photos)."""

    def attached(figure: Figure) -> Figure:
        name = photo_name(figure.src, source)
        return dataclasses.replace(figure, image=name) if name and not figure.image else figure

    if article.hero is not None:
        article.hero = attached(article.hero)
    article.body = [
        InlineFigure(attached(block.figure)) if isinstance(block, InlineFigure) else block for block in article.body
    ]


def named_photos(markdown: str) -> list[str]:
    """The photo files an imported article names (its hero and its figures)."""
    try:
        fields, body, _ = frontmatter.split(markdown)
    except ImportProblem:
        return []
    hero = fields.get("hero")
    names = [hero.get("image")] if isinstance(hero, dict) else []
    names += [match["name"] for match in _FIGURE_LINE.finditer(body)]
    return [name for name in dict.fromkeys(names) if isinstance(name, str) and _SAFE_NAME.match(name)]


def copy_photos(raw: Path, markdown_file: Path, markdown: str) -> list[str]:
    """Copy the saved page's photos the article names into its photo folder; returns what was copied."""
    folder = raw.with_name(raw.stem + "_files")
    if not folder.is_dir():
        return []
    copied = []
    destination = markdown_file.with_suffix("")
    for name in named_photos(markdown):
        source = folder / name
        if source.is_symlink() or not source.is_file() or source.stat().st_size > MAX_PHOTO_BYTES:
            continue  # a link could point anywhere on the disk; an enormous file is not a news photo
        target = destination / name
        if target.exists():
            continue
        destination.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{name}.part")
        shutil.copyfile(source, partial)  # a plain copy: the umask's mode, readable by the web server
        partial.replace(target)
        copied.append(name)
    return copied
