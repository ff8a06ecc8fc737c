"""One small published-style site for the metadata, feed, sitemap and search tests, built once per session.

The seed article plus fixture articles written here (an explainer with `</script>` in its title, an old
article, a related-title target), built by Pelican with publishconf.py, a fixed "now" and an absolute
SITEURL under a sub-path on a free local port, so the search test can serve it exactly where it claims to live.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

from support import copy_project, free_port, run_in

NOW = "2026-03-10T12:00:00+01:00"
PUBLICATION = "The Explainer Desk"
SUB_PATH = "explainers"
SEED_SLUG = "russia-ready-to-ensure-security-in-belarus"
SEED_URL_PATH = f"2020/08/{SEED_SLUG}/"

HOSTILE_TITLE = 'Explainer: Minsk </script><script>alert("title")</script> & Moscow'
EXPLAINER = {
    "title": HOSTILE_TITLE,
    "date": "2026-03-09T08:30:00+01:00",
    "modified": "2026-03-10T09:15:00+01:00",
    "explainer": True,
    "standfirst": 'What the protests mean for Minsk & Moscow, "in depth" <script>alert("standfirst")</script>',
    "hero": {
        "alt": "Crowds fill a square in Minsk",
        "caption": "Crowds gather in Minsk",
        "credit": "AP/J. Doe",
        "image": "minsk-square.jpg",
    },
    "authors": ["kmm", "xy"],
    "agencies": ["AP", "Reuters"],
    "editor": "Rina Goldenberg",
    "tags": ["Belarus", "Russia"],
    "related": [
        {"title": 'RUSSIA ready to "ensure security" in Belarus!', "url": ""},
        {"title": "A story this site never published", "url": ""},
    ],
    "slug": "minsk-and-moscow",
}
EXPLAINER_BODY = """\
The flamingotrellis agreement between the two capitals is older than the protests.

> [!PULLQUOTE]
> Only zanzibarquokka appears in this pull quote
> — A fixture speaker

> [!FIGURE]
> Alt: Riot police line a street
> Caption: Police in central Minsk
> Credit: Reuters/V. Fedosenko

## What comes next

Nobody knows yet, analysts said on Tuesday.
"""
OLD_ARTICLE = {
    "title": "Arrested protesters -- talk of BRUTALITY?",
    "date": "2026-03-06T10:00:00+01:00",
    "standfirst": "Released detainees describe beatings in custody.",
    "tags": ["Belarus"],
    "related": [],
    "slug": "arrested-protesters",
}
OLD_BODY = "Detainees released on Friday described their treatment.\n"


@dataclass(frozen=True)
class SeoSite:
    project: Path
    output: Path
    siteurl: str
    port: int


def _article(fields: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def _settings(siteurl: str) -> str:
    return textwrap.dedent(f"""\
        import sys
        from pathlib import Path
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from publishconf import *  # noqa
        SITEURL = {siteurl!r}
        NEWS_SEO_NOW = {NOW!r}
        NEWS_SEO_NEWS_PUBLICATION_NAME = {PUBLICATION!r}
        NEWS_SEO_AUTHOR_NAMES = {{"kmm": "Kate Martin"}}
        NEWS_SEO_PUBLISHER_LOGO = "images/logo.png"
        NEWS_SEO_TWITTER_SITE = "@explainers"
        """)


def _photo(path: Path) -> None:
    """A small real JPEG for the explainer's hero (the images plugin makes its derivatives)."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", (800, 450))
    image.putdata([(x % 256, y % 256, 128) for y in range(450) for x in range(800)])
    image.save(path, "JPEG", quality=80)


_built: SeoSite | None = None


def build_seo_site(base: Path) -> SeoSite:
    global _built
    if _built is not None:
        return _built
    project = copy_project(base / "seo_site")
    articles = project / "content" / "articles"
    (articles / "minsk-and-moscow.md").write_text(_article(EXPLAINER, EXPLAINER_BODY), encoding="utf-8")
    (articles / "arrested-protesters.md").write_text(_article(OLD_ARTICLE, OLD_BODY), encoding="utf-8")
    _photo(project / "content" / "images" / EXPLAINER["hero"]["image"])
    port = free_port()
    siteurl = f"http://127.0.0.1:{port}/{SUB_PATH}"
    (project / "testconf.py").write_text(_settings(siteurl), encoding="utf-8")
    result = run_in(project, "pelican", "-s", "testconf.py", "-o", "output")
    assert "ERROR" not in result.stdout + result.stderr, result.stdout + result.stderr
    _built = SeoSite(project=project, output=project / "output", siteurl=siteurl, port=port)
    return _built


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])
