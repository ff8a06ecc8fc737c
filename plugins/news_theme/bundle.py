"""One stylesheet from design tokens plus one small file per component, built once per build.

The sources stay readable (comments, one component a file); the bundle drops comments and blank
runs so the page stays small, and its file name carries a content hash so browsers may cache it forever.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_SPACE_RUN = re.compile(r"\s+")
_AROUND_PUNCTUATION = re.compile(r"\s*([{};,>])\s*")
_AFTER_COLON = re.compile(r":\s+")  # `a :hover` (space before) keeps its meaning; only spaces after go


class BundleError(Exception):
    """The CSS sources are missing or unreadable; the message names the path."""


@dataclass(frozen=True)
class Bundle:
    css: str
    filename: str  # e.g. site.3f2a9c1e.css


def source_files(css_dir: Path) -> list[Path]:
    """tokens.css, then every components/*.css in name order (names start with a number to fix the order)."""
    tokens = css_dir / "tokens.css"
    if not tokens.is_file():
        raise BundleError(f"{tokens}: the theme's design tokens are missing")
    return [tokens, *sorted((css_dir / "components").glob("*.css"))]


def minify(css: str) -> str:
    css = _COMMENT.sub("", css)
    css = _SPACE_RUN.sub(" ", css)
    css = _AROUND_PUNCTUATION.sub(r"\1", css)
    css = _AFTER_COLON.sub(":", css)
    return css.replace(";}", "}").strip()


def bundle_css(css_dir: Path) -> Bundle:
    parts = []
    for path in source_files(css_dir):
        try:
            parts.append(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise BundleError(f"{path}: cannot read ({error})") from None
    css = minify("\n".join(parts)) + "\n"
    digest = hashlib.sha256(css.encode()).hexdigest()[:10]
    return Bundle(css=css, filename=f"site.{digest}.css")


def write_bundle(bundle: Bundle, directory: Path) -> Path:
    """Write the bundle, removing stale bundles from earlier builds into the same folder."""
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("site.*.css"):
        if old.name != bundle.filename:
            old.unlink()
    target = directory / bundle.filename
    target.write_text(bundle.css, encoding="utf-8")
    return target
