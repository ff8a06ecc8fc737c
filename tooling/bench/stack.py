"""The site a Pelican user would assemble for our features (issue 14): plain Pelican on the same Markdown twins
with the community plugins for each feature, then the Pagefind CLI over its output.

| feature | theirs | ours |
| --- | --- | --- |
| reading time | pelican-readtime | news_import (reading_time) |
| previous/next links | pelican-neighbors | news_theme |
| sitemap | pelican-sitemap | news_seo |
| Open Graph, X cards, JSON-LD, canonical, robots.txt | pelican-seo (its enhancer) | news_seo |
| share images | pelican-ogimages (title on a 1200 x 600 PNG) | news_images (share cards) |
| search | the Pagefind CLI over output/ | news_seo (Pagefind) |

The plugins are pinned in pyproject.toml's `bench` extra and installed by bootstrap.py into
.venv/bench-stack, without their dependencies (they use the venv's Pelican, Beautiful Soup and Pillow), not
into the venv itself: Pelican imports every namespace plugin installed on each run, which would slow our
builds and plain Pelican's, and pelican-ogimages 0.1.1 declares Pillow < 13, though it needs only ImageText
(Pillow >= 12.2) and runs on our 13. pelican-social-cards 0.6.4, the other share-image plugin, requires
Pillow < 12 (its drawing code predates ImageText), so pelican-ogimages stands in for it. pelican-seo's
enhancer needs an AUTHOR and an absolute SITEURL, which a user of it sets. The default theme shows none of
the plugins' values, as a user's theme would have to be changed to; the plugins still compute and write
everything.
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .sites import PLAIN_SETTINGS, Site

# Distribution name -> the module Pelican loads for it (PLUGINS names).
PLUGINS = {
    "pelican-readtime": "readtime",
    "pelican-neighbors": "neighbors",
    "pelican-sitemap": "sitemap",
    "pelican-seo": "seo",
    "pelican-ogimages": "ogimages",
}

SETTINGS = (
    PLAIN_SETTINGS.replace('SITENAME = "Plain Pelican baseline"', 'SITENAME = "Pelican plugin stack"').replace(
        "PLUGINS = []", f"PLUGINS = {list(PLUGINS.values())!r}"
    )
    + """\
AUTHOR = "Newsroom"
SITEURL = "https://example.org"
SITEMAP = {"format": "xml"}
SEO_REPORT = False
SEO_ENHANCER = True
SEO_ENHANCER_OPEN_GRAPH = True
SEO_ENHANCER_TWITTER_CARDS = True
"""
)


FOLDER = Path(sys.prefix) / "bench-stack"  # bootstrap.py: BENCH_STACK
# `python -m pelican` with the stack's folder added to Pelican's namespace package for plugins.
PELICAN = (
    "import sys, pelican.plugins; pelican.plugins.__path__.append(sys.argv.pop(1)); "
    "from pelican import main; sys.argv[0] = 'pelican'; main()"
)


@dataclass(frozen=True)
class StackSite(Site):
    """Pelican with the plugins, then Pagefind: one timed child (a shell), so its peak memory is the larger of
    the two processes, as ours is."""

    def command(self, *extra: str) -> list[str]:
        pelican = shlex.join(
            [sys.executable, "-c", PELICAN, str(FOLDER / "pelican" / "plugins"), "-s", "pelicanconf.py", "-q"]
        )
        pagefind = shlex.join([sys.executable, "-m", "pagefind_bin", "--site", "output", "--silent"])
        return ["sh", "-c", f"{pelican} && {pagefind}"]


def missing() -> list[str]:
    """The plugins of the stack that are not installed (bootstrap.py installs them)."""
    return [name for name, module in PLUGINS.items() if not (FOLDER / "pelican" / "plugins" / module).is_dir()]


def versions() -> dict[str, str]:
    found = {}
    for distribution in metadata.distributions(path=[str(FOLDER)]):
        found[distribution.metadata["Name"]] = distribution.version
    try:
        found["pagefind-bin"] = metadata.version("pagefind-bin")
    except metadata.PackageNotFoundError:
        found["pagefind-bin"] = "not installed"
    return dict(sorted(found.items()))


def prepare(root: Path, markdown_dir: Path) -> StackSite | None:
    """The stack's site at root (the plain site's Markdown twins); None when a plugin is not installed."""
    import shutil

    if missing():
        return None
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(markdown_dir, root / "content" / "articles")
    (root / "pelicanconf.py").write_text(SETTINGS, encoding="utf-8")
    return StackSite(root, caches=("cache",))
