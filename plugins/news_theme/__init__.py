"""news_theme: what the explainer theme needs from Pelican, as a thin glue layer.

- Jinja filters (hero figure through news_markdown.markup, dates, safe link targets) and the
  `THEME_STYLESHEET` global naming the bundled CSS;
- the CSS bundle (tokens + one file per component) written into the output once per build;
- previous/next and related-by-tags links between articles;
- one warning summing up the figures whose photo an editor should still supply (the list: missing_images.py);
- a 404 page among the direct templates.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from .bundle import Bundle, BundleError, bundle_css, write_bundle
from .dates import file_mtime, known_update
from .filters import FILTERS
from .missing_images import warn_missing_images
from .neighbours import link_neighbours, link_related_by_tags
from .settings import apply_defaults

logger = logging.getLogger(__name__)

_bundles: dict[str, Bundle] = {}  # one bundle per CSS folder and build process


def _css_dir(settings: dict) -> Path:
    return Path(settings["THEME"]) / settings["NEWS_THEME_CSS_DIR"]


def stylesheet(settings: dict) -> Bundle | None:
    css_dir = _css_dir(settings)
    key = str(css_dir)
    if key not in _bundles:
        try:
            _bundles[key] = bundle_css(css_dir)
        except BundleError as error:
            logger.error("news_theme: %s", error)
            return None
    return _bundles[key]


def on_initialized(pelican) -> None:
    settings = pelican.settings
    apply_defaults(settings)
    _bundles.pop(str(_css_dir(settings)), None)  # a new build (or a live rebuild) re-reads the CSS
    if "404" not in settings["DIRECT_TEMPLATES"]:
        settings["DIRECT_TEMPLATES"] = [*settings["DIRECT_TEMPLATES"], "404"]
    settings.setdefault("404_SAVE_AS", "404.html")


def on_generator_init(generator) -> None:
    apply_defaults(generator.settings)
    generator.env.filters.update(FILTERS)
    bundle = stylesheet(generator.settings)
    if bundle is not None:
        folder = generator.settings["NEWS_THEME_CSS_OUTPUT_DIR"]
        generator.env.globals["THEME_STYLESHEET"] = f"{folder}/{bundle.filename}"


def on_articles_finalized(generator) -> None:
    settings = generator.settings
    articles = generator.articles
    for article in articles:
        article.updated = known_update(article.date, getattr(article, "modified", None),
                                       file_mtime(article.source_path))
    link_neighbours(articles)
    link_related_by_tags(articles, settings["NEWS_THEME_RELATED_BY_TAGS"])
    if settings["NEWS_THEME_WARN_MISSING_IMAGES"]:
        warn_missing_images(articles, settings["PATH"], settings["CACHE_PATH"], logger)


def on_finalized(pelican) -> None:
    bundle = stylesheet(pelican.settings)
    if bundle is not None:
        write_bundle(bundle, Path(pelican.settings["OUTPUT_PATH"]) / pelican.settings["NEWS_THEME_CSS_OUTPUT_DIR"])


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(on_generator_init)
    signals.article_generator_finalized.connect(on_articles_finalized)
    signals.finalized.connect(on_finalized)
