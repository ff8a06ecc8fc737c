"""news_images: responsive, metadata-free photo derivatives and a share card per article (README: Photos).

The Pelican glue. Each build: find every photo and bring the cache up to date on all cores (first
generator), answer `picture_for` while articles are read and templates render, draw share cards once the
articles are known, and place the used files into the output at the end.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as etree

from pelican import signals

from news_core.services import offer_photos
from news_pelican import gaps

from .derivatives import RecipeError
from .settings import apply_defaults

logger = logging.getLogger(__name__)

CARDED_ARTICLES = ("articles", "translations", "drafts", "drafts_translations")  # each gets a share card

# Set on each content whose hero photo was found: its name and its files' names. A content that already carries
# it (one of the finished site a build keeps for the next, taken only while no photo changed) has them placed
# again without the photo being looked up (measured: 60 microseconds each, 0.6 s at 10,000 heroes; by name, 2).
HERO_MEMO = "_news_images_hero"

_library = None  # this build's PhotoLibrary; None until the first generator starts (or when disabled)
_refused = None  # settings the plugin refused (bad NEWS_IMAGES_* values)


def picture_for(image_name: str, article_source_path: str, hero: bool = False) -> etree.Element | None:
    """The <picture> for a photo an article names (hero or body figure); None when the photo is missing or
    unusable (a warning names the article and the file) or the plugin is not running. The caller then shows
    the figure's description instead of an image."""
    if _library is None or not image_name:
        return None
    return _library.picture(str(image_name).strip(), str(article_source_path or ""), hero)


def _exclude_originals_from_static(settings: dict) -> None:
    """Originals may carry GPS tags and full resolution: only derivatives reach the output."""
    folder = settings["NEWS_IMAGES_DIR"]
    static_paths = [path for path in settings.get("STATIC_PATHS") or [] if path.strip("/") != folder.strip("/")]
    settings["STATIC_PATHS"] = static_paths  # Pelican does not apply STATIC_EXCLUDES to a STATIC_PATHS root
    excludes = list(settings.get("STATIC_EXCLUDES") or [])
    if folder not in excludes:
        settings["STATIC_EXCLUDES"] = excludes + [folder]


def on_initialized(pelican) -> None:
    global _library
    if _library is not None and _library.cards is not None:
        _library.cards.pending.results()  # a build that crashed before `finalized`: collect its card workers
    _library = None  # and do not hand its library to the next build
    apply_defaults(pelican.settings)
    _exclude_originals_from_static(pelican.settings)


def _refuse(settings: dict) -> None:
    global _refused
    _refused = settings  # the settings are unusable: say so once, not once per generator


def on_generator_init(generator) -> None:
    global _library
    if _library is not None and _library.settings is generator.settings:
        return  # prepared by this build's first generator
    from .library import PhotoLibrary

    if _refused is generator.settings:
        return
    try:
        library = PhotoLibrary(generator.settings)
    except RecipeError as error:
        _refuse(generator.settings)
        logger.error("news_images: %s; photos are shown as text this build", error)
        return
    library.prepare()
    _library = library


def _use_hero(content, library, drop_when_unusable: bool) -> None:
    """The hero photo's files are placed for every content that names one, whichever pages this build writes:
    an article's page shows it and every page's <head> names it (news_seo), but a build that writes only the
    pages an edit shows on renders neither for the others, and the files it does not place are not in its
    output. A hero naming a missing or bad file is warned about; `drop_when_unusable` makes it a text-only
    hero, never a broken <img> (a share card or a list's card would show it)."""
    hero = getattr(content, "hero", None)
    if not isinstance(hero, dict) or not hero.get("image"):
        return
    image = str(hero["image"])
    memo = getattr(content, HERO_MEMO, None)
    if memo is not None and memo[0] == image and library.use_names(memo[1]):
        return  # a content of a kept finished site, whose photo files did not change since (tooling/snapshot.py)
    names = library.use_photo(image, content.source_path)
    if names is not None:
        setattr(content, HERO_MEMO, (image, names))
    elif drop_when_unusable:
        content.hero = {**hero, "image": ""}
        content.metadata["hero"] = content.hero


def on_all_generators_finalized(generators) -> None:
    if _library is None:
        return
    from .share_cards import make_share_cards

    articles = []
    for generator in generators:
        for name in gaps.CONTENT_LISTS:  # the photos of every page Pelican writes are placed
            for content in getattr(generator, name, None) or []:
                _library.use_names_in(gaps.rendered_body(content))
                carded = name in CARDED_ARTICLES
                _use_hero(content, _library, drop_when_unusable=carded)
                if carded:
                    articles.append(content)
    if _library.settings["NEWS_IMAGES_SHARE_CARDS"]:
        with _library.timed("cards"):
            unique = list({id(article): article for article in articles}.values())
            _library.cards = make_share_cards(unique, _library, _library.settings["OUTPUT_PATH"])


def on_finalized(pelican) -> None:
    global _library
    if _library is not None:
        if _library.cards is not None:
            with _library.timed("cards_wait"):  # drawn while Pelican wrote the pages
                _library.cards.finish(_library)
        _library.write(pelican.settings["OUTPUT_PATH"])
        logger.info(
            "news_images: %(photos)d photos, %(used)d files used, %(placed)d placed, encoded %(encoded)s, "
            "%(cards_drawn)d cards drawn, %(cards_reused)d reused",
            _library.stats,
        )
    _library = None  # the next build (a dev server rebuild) starts fresh


def register() -> None:
    offer_photos(picture_for)  # figures, heroes, cards and metadata ask it through news_core.services
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(on_generator_init)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.finalized.connect(on_finalized)
