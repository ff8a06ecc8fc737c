"""Where photos live, and which file an image name in an article means.

An article `content/articles/NAME.md` finds `photo.jpg` in its own folder `content/articles/NAME/` first,
then in the shared folder `content/images/` (NEWS_IMAGES_DIR). Names are file names relative to those
folders; absolute paths, `..` and URLs are refused, so an article cannot reach files outside them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def unsafe_reason(name: str) -> str:
    """Why an image name cannot be used (empty when it can)."""
    if _SCHEME.match(name) or name.startswith("//"):
        return "is a URL: photos must be files next to the article or in the images folder"
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts:
        return "points outside the photo folders"
    return ""


def shared_folder(settings: dict) -> Path:
    return Path(settings["PATH"]) / settings["NEWS_IMAGES_DIR"]


def article_folder(article_source_path: str) -> Path | None:
    """`content/articles/NAME.md` -> `content/articles/NAME/`."""
    if not article_source_path:
        return None
    source = Path(article_source_path)
    return source.with_name(source.stem)


def candidates(name: str, article_source_path: str, settings: dict) -> list[Path]:
    folders = [article_folder(article_source_path), shared_folder(settings)]
    return [folder / name for folder in folders if folder is not None]


def _content_folders(settings: dict) -> list[Path]:
    content = Path(settings["PATH"])
    paths = list(settings.get("ARTICLE_PATHS") or [""]) + list(settings.get("PAGE_PATHS") or [])
    return [content / path for path in dict.fromkeys(paths)]


def _files_in(folder: Path, recursive: bool) -> list[Path]:
    found = []
    for directory, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith(".")) if recursive else []
        found.extend(Path(directory) / name for name in sorted(names) if not name.startswith("."))
    return found


def article_photo_folders(settings: dict) -> list[Path]:
    """Every folder named like a Markdown (or reST) file beside it, under the article and page paths."""
    folders: list[Path] = []
    for root in _content_folders(settings):
        for directory, subfolders, names in os.walk(root):
            stems = {Path(name).stem for name in names if name.endswith((".md", ".markdown", ".mkd", ".rst"))}
            folders.extend(Path(directory) / folder for folder in sorted(stems.intersection(subfolders)))
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
    return folders


def discover(settings: dict, article_folders: list[Path]) -> list[Path]:
    """Every file in the shared photo folder and in each article's own folder. Non-photos among them only
    matter when an article names them."""
    found: list[Path] = []
    shared = shared_folder(settings)
    if shared.is_dir():
        found.extend(_files_in(shared, recursive=True))
    for folder in article_folders:
        found.extend(_files_in(folder, recursive=False))
    return list(dict.fromkeys(path.resolve() for path in found))
