"""Which figures still lack a photo file, so the build can tell an editor what to supply.

Body figures are found in the rendered article HTML held in memory (the text-only figures carry
`figure-text-only` and a `figure-alt` description); the hero comes from front matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser


@dataclass(frozen=True)
class MissingImage:
    where: str  # "hero" or "figure N"
    description: str
    credit: str

    def line(self) -> str:
        credit = f" (credit: {self.credit})" if self.credit else ""
        return f"{self.where}: {self.description or 'no description'}{credit}"


class _TextOnlyFigures(HTMLParser):
    """Collects (position among all figures, alt description, credit) of each <figure class="figure-text-only">."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []
        self._figures = 0
        self._depth = 0  # >0 while inside a text-only figure
        self._field: str | None = None
        self._alt: list[str] = []
        self._credit: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "figure" and not self._depth:
            self._figures += 1
        if tag == "figure" and "figure-text-only" in classes and not self._depth:
            self._depth, self._alt, self._credit = 1, [], []
        elif self._depth:
            if tag == "figure":
                self._depth += 1
            if "figure-alt" in classes:
                self._field = "alt"
            elif "credit" in classes:
                self._field = "credit"
            elif "figure-alt-label" in classes:
                self._field = "label"

    def handle_endtag(self, tag):
        if not self._depth:
            return
        if tag == "figure":
            self._depth -= 1
            if not self._depth:
                self.found.append((self._figures, "".join(self._alt).strip(), "".join(self._credit).strip()))
        elif tag == "span" and self._field == "label":
            self._field = "alt"
        elif tag in ("p", "span"):
            self._field = None

    def handle_data(self, data):
        if self._field == "alt":
            self._alt.append(data)
        elif self._field == "credit":
            self._credit.append(data)


def _without_label(credit: str) -> str:
    return credit.removeprefix("Image:").strip()


def missing_images(hero: dict | None, content_html: str) -> list[MissingImage]:
    missing = []
    if isinstance(hero, dict) and not hero.get("image") and any(hero.values()):
        missing.append(MissingImage("hero", str(hero.get("alt") or hero.get("caption") or ""),
                                    str(hero.get("credit") or "")))
    for number, alt, credit in _text_only_figures(content_html or ""):
        missing.append(MissingImage(f"figure {number}", alt, _without_label(credit)))
    return missing


@lru_cache(maxsize=8192)  # the dev server re-checks every article on each save; only the edited one changed
def _text_only_figures(content_html: str) -> tuple:
    parser = _TextOnlyFigures()
    parser.feed(content_html)
    parser.close()
    return tuple(parser.found)
