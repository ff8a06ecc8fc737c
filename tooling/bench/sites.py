"""The two sites a benchmark builds from one corpus: ours (raw dumps, our settings, theme and plugins) and
plain Pelican (the Markdown twins, Pelican's default theme, no plugins, the same URLs and pagination)."""

from __future__ import annotations

import compileall
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from . import corpus

ROOT = Path(__file__).resolve().parents[2]
OUR_FILES = ("pelicanconf.py", "tasks.py")
OUR_DIRS = ("theme", "plugins", "tooling")

# Plain Pelican as a newsroom would start with it: default theme, no plugins, our URL scheme and paging,
# feeds off as in our local settings, so both builds write the same kinds of pages.
PLAIN_SETTINGS = """\
SITENAME = "Plain Pelican baseline"
PATH = "content"
TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "en"
PLUGINS = []
ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = 20
DEFAULT_CATEGORY = "News"
RELATIVE_URLS = True
"""


@dataclass(frozen=True)
class Site:
    root: Path
    caches: tuple[str, ...]  # folders under root that a cold build starts without

    def command(self, *extra: str) -> list[str]:
        return [sys.executable, "-m", "pelican", "-s", "pelicanconf.py", "-q", *extra]

    def invoke_build(self, settings: str | None = None) -> list[str]:
        """What an editor types: import what changed, then build incrementally (a fresh folder, swapped in)."""
        return [sys.executable, "-m", "invoke", "build", *(["--settings", settings] if settings else [])]

    def make_cold(self) -> None:
        for name in ("output", *self.caches):
            shutil.rmtree(self.root / name, ignore_errors=True)
        if hasattr(os, "sync"):
            os.sync()  # the deletions reach the disk now, not during the next timed build

    def edit_one_raw_article(self, number: int) -> None:
        """An editor's small change: one more sentence in the first raw article (different every time)."""
        first = min((self.root / "content" / "raw").glob("*.txt"))
        text = first.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
        text.insert(3, f"Officials confirmed the figures again on day {number + 1} of the talks.")
        first.write_text("\n\n".join(text) + "\n", encoding="utf-8")

    def edit_one_headline(self, number: int) -> None:
        """An edit that shows on list pages and on the neighbours' pages: the headline of the second article's
        Markdown (as an editor refines an imported article)."""
        second = sorted((self.root / "content" / "articles").glob("*.md"))[1]
        lines = second.read_text(encoding="utf-8").split("\n")
        at = next(index for index, line in enumerate(lines) if line.startswith("title: "))
        lines[at] = f"title: Update {number + 1} - " + lines[at].removeprefix("title: ").split(" - ", 1)[-1]
        second.write_text("\n".join(lines), encoding="utf-8")

    def without_search(self) -> str:
        """A settings file beside pelicanconf.py with Pagefind off (for `invoke build --settings`)."""
        (self.root / "nosearch.py").write_text(
            "import sys\nfrom pathlib import Path\nsys.path.insert(0, str(Path(__file__).resolve().parent))\n"
            "from pelicanconf import *  # noqa: F403\nNEWS_SEO_PAGEFIND = False\n",
            encoding="utf-8",
        )
        return "nosearch.py"

    def pages(self) -> int:
        """Article pages written: how a benchmark knows the build it timed really built every article."""
        return sum(1 for _ in (self.root / "output").glob("[0-9][0-9][0-9][0-9]/*/*/index.html"))


def compile_python(root: Path) -> None:
    """Bytecode for the copied code, as the first run in an editor's checkout leaves it: the copy has none,
    and where PYTHONDONTWRITEBYTECODE is set (this sandbox, some CI images) every timed build would compile
    our modules again (about 0.05 s a build), while Pelican's come compiled from pip."""
    for name in (*OUR_DIRS, *OUR_FILES):
        path = root / name
        if path.is_dir():
            compileall.compile_dir(path, quiet=1)
        elif path.is_file():
            compileall.compile_file(path, quiet=1)


def prepare(workdir: Path, n: int, seed: int) -> tuple[Site, Site]:
    """Fresh copies of both sites with the same N generated articles (rebuilt on every run)."""
    shutil.rmtree(workdir, ignore_errors=True)
    articles = corpus.generate(n, seed)
    ours_root, plain_root = workdir / "ours", workdir / "plain"
    for name in OUR_FILES:
        (ours_root).mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, ours_root / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "bench")
    for name in OUR_DIRS:
        shutil.copytree(ROOT / name, ours_root / name, ignore=ignore)
    compile_python(ours_root)
    if (ROOT / "content" / "pages").is_dir():
        shutil.copytree(ROOT / "content" / "pages", ours_root / "content" / "pages")
    raw_dir, markdown_dir = corpus.write(workdir / "corpus", articles)
    shutil.copytree(raw_dir, ours_root / "content" / "raw")
    (plain_root / "content").mkdir(parents=True)
    shutil.copytree(markdown_dir, plain_root / "content" / "articles")
    (plain_root / "pelicanconf.py").write_text(PLAIN_SETTINGS, encoding="utf-8")
    ours = Site(ours_root, caches=("cache", "content/articles"))
    plain = Site(plain_root, caches=("cache",))
    return ours, plain
