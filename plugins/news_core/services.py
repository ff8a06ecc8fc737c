"""What one plugin offers the others, registered once: the plugins never import each other.

Two services, each offered by one plugin and asked by others:

Photos: news_images turns a photo an article names into a `<picture>` (derivatives, srcset, sizes). Body
figures (news_core.markdown.callouts), the theme's hero and card figures (news_theme) and the hero's URL in
JSON-LD and social cards (news_seo) all ask the same function, through `photos()`. It is None when no plugin
offers photos (the images plugin is not in PLUGINS): figures then keep a plain `<img>` or their text.

The import memo: news_cache memoises the importer's convert(); the import asks for it here.

The typesetting memo: news_cache keeps the typeset text of the front-matter fields between builds; the
theme asks for it here when it typesets every article's fields.

A service is registered when its plugin's register() runs (Pelican calls it for every site it builds). The
registry is process-wide, like Pelican's signals: one site per process. `withdraw_all()` forgets every offer, for
a process that builds sites with different plugins (the test suite does it before each test).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable

PictureFor = Callable[..., "etree.Element | None"]  # (image_name, article_source_path, hero=False)

_picture_for: PictureFor | None = None


def offer_photos(picture_for: PictureFor | None) -> None:
    """The images plugin registers its lookup (None withdraws it)."""
    global _picture_for
    _picture_for = picture_for


def photos() -> PictureFor | None:
    """The photo lookup, or None when no plugin offers one."""
    return _picture_for


def hero_picture(hero: dict, article_source_path: str):
    """(<picture> or None, the image name that still stands): a photo the service cannot supply (missing,
    unusable: it warned) leaves no name, so the figure shows its description instead of a broken image."""
    image = str(hero.get("image") or "").strip()
    picture_for = photos()
    if not image or picture_for is None:
        return None, image
    picture = picture_for(image, article_source_path, hero=True)
    return picture, (image if picture is not None else "")


# The import memo: news_cache keeps convert()'s results between imports (unchanged raw files are not parsed
# again). A factory of the site's settings, returning a convert() stand-in with a `save()`, or None.
_import_memo_factory: Callable[[dict], object] | None = None


def offer_import_memo(factory: Callable[[dict], object] | None) -> None:
    global _import_memo_factory
    _import_memo_factory = factory


def import_memo(settings: dict):
    """The memoised convert() for this site, or None (no plugin keeps one, or it is switched off)."""
    return _import_memo_factory(settings) if _import_memo_factory is not None else None


# The typesetting memo: a stand-in for news_core.markdown.typography.typeset for this build, or None.
_typeset_memo: Callable[[str], str] | None = None


def offer_typeset_memo(memo: Callable[[str], str] | None) -> None:
    global _typeset_memo
    _typeset_memo = memo


def typeset_memo() -> Callable[[str], str] | None:
    """This build's memoised typeset(), or None (no plugin keeps one, or it is switched off)."""
    return _typeset_memo


def withdraw_all() -> None:
    """Forget every offered service (a fresh process's state)."""
    offer_photos(None)
    offer_import_memo(None)
    offer_typeset_memo(None)
