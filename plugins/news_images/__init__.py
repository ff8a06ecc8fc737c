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


def _drop_unusable_hero(article, library) -> None:
    """A hero naming a missing or bad file becomes a text-only hero (warned), never a broken <img>."""
    hero = getattr(article, "hero", None)
    if isinstance(hero, dict) and hero.get("image"):
        path, _ = library.resolve(str(hero["image"]), article.source_path)
        if path is None:
            article.hero = {**hero, "image": ""}
            article.metadata["hero"] = article.hero


def on_all_generators_finalized(generators) -> None:
    if _library is None:
        return
    from .share_cards import make_share_cards

    articles = []
    for generator in generators:
        for name in (
            "articles",
            "translations",
            "drafts",
            "drafts_translations",
            "pages",
            "hidden_pages",
            "draft_pages",
        ):
            for content in getattr(generator, name, None) or []:
                _library.use_names_in(gaps.rendered_body(content))
                if name in ("articles", "translations", "drafts", "drafts_translations"):
                    _drop_unusable_hero(content, _library)
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
