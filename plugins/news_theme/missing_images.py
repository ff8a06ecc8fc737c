"""Which figures still lack a photo file, so the build can tell an editor what to supply.

Body figures are noted by the Markdown extension while it renders them (article.figures_without_photo);
the hero comes from front matter.
"""

from __future__ import annotations

from dataclasses import dataclass


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
        missing.append(MissingImage("hero", str(hero.get("alt") or hero.get("caption") or ""),
                                    str(hero.get("credit") or "")))
    for figure in figures_without_photo or []:
        missing.append(MissingImage(f"figure {figure['position']}", figure["alt"], figure["credit"]))
    return missing
