"""news_theme: what the explainer theme needs from Pelican, as a thin glue layer.

- Jinja filters (figures and card photos through news_core.markdown.markup, dates, headlines, people, safe link
  targets) and the `THEME_STYLESHEET` and `SITE_ROOT_URL` globals;
- typography when rendering: news_core.markdown.typesetting (smarty's rules) for bodies, the same rules for the
  front-matter fields every page, feed and metadata format shows;
- "Photo needed" panels in previews, no photo-less figures in published builds;
- the CSS bundle (tokens + one file per component) written into the output once per build;
- previous/next and related-by-tags links between articles;
- one warning summing up the figures whose photo an editor should still supply (the list: missing_images.py);
- a 404 page among the direct templates, when the theme has one.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from news_core.markdown.typography import typeset as plain_typeset
from news_core.services import typeset_memo

from .bundle import Bundle, BundleError, bundle_css, write_bundle
from .dates import file_mtime, known_update
from .filters import FILTERS
from .missing_images import warn_missing_images
from .neighbours import link_neighbours, link_related_by_tags
from .people import people_setting
from .settings import apply_defaults, shows_placeholders
from .typeset_fields import typeset_content

logger = logging.getLogger(__name__)

_bundles: dict[str, Bundle] = {}  # one bundle per CSS folder and build process


def _css_dir(settings: dict) -> Path:
    return Path(settings["THEME"]) / settings["NEWS_THEME_CSS_DIR"]


def stylesheet(settings: dict) -> Bundle | None:
    """This build's CSS bundle; None when the theme has no CSS sources of ours (another theme brings its own)."""
    css_dir = _css_dir(settings)
    key = str(css_dir)
    if not css_dir.is_dir():
        return None
    if key not in _bundles:
        try:
            _bundles[key] = bundle_css(css_dir)
        except BundleError as error:
            logger.error("news_theme: %s", error)
            return None
    return _bundles[key]


# Python-Markdown extensions for article bodies when NEWS_THEME_TYPOGRAPHY is on (added to the reader's
# NEWS_MARKDOWN_EXTENSIONS, which news_import defines).
TYPOGRAPHY_EXTENSIONS = ("news_core.markdown.typesetting",)


def theme_has_template(settings: dict, name: str) -> bool:
    folders = [*(settings.get("THEME_TEMPLATES_OVERRIDES") or []), str(Path(settings["THEME"]) / "templates")]
    return any((Path(folder) / f"{name}.html").is_file() for folder in folders)


def configure_body_markdown(settings: dict) -> None:
    """Typography and photo placeholders for the bodies news_import's reader renders (a copy of its
    extension settings: another plugin's defaults are never changed in place)."""
    if not isinstance(settings.get("NEWS_MARKDOWN_EXTENSIONS"), dict):
        return  # news_import is not in PLUGINS: Pelican's own Markdown reader renders everything
    configs = dict(settings["NEWS_MARKDOWN_EXTENSIONS"])
    if settings["NEWS_THEME_TYPOGRAPHY"]:
        for name in TYPOGRAPHY_EXTENSIONS:
            configs.setdefault(name, {})
    if "news_core.markdown.callouts" in configs:
        configs["news_core.markdown.callouts"] = {
            **configs["news_core.markdown.callouts"],
            "placeholders": settings["NEWS_THEME_PHOTO_PLACEHOLDERS"],
        }
    settings["NEWS_MARKDOWN_EXTENSIONS"] = configs


def on_initialized(pelican) -> None:
    settings = pelican.settings
    apply_defaults(settings)
    _bundles.pop(str(_css_dir(settings)), None)  # a new build (or a live rebuild) re-reads the CSS
    settings["NEWS_THEME_PHOTO_PLACEHOLDERS"] = shows_placeholders(settings)
    people, problems = people_setting(settings["NEWS_AUTHORS"])
    for problem in problems:
        logger.error("news_theme: %s", problem)
    settings["NEWS_AUTHORS"] = people
    configure_body_markdown(settings)
    # Our 404 page, only when the theme has the template (another theme without one must still build).
    if theme_has_template(settings, "404") and "404" not in settings["DIRECT_TEMPLATES"]:
        settings["DIRECT_TEMPLATES"] = [*settings["DIRECT_TEMPLATES"], "404"]
        settings.setdefault("404_SAVE_AS", "404.html")


def on_generator_init(generator) -> None:
    apply_defaults(generator.settings)
    generator.env.filters.update(FILTERS)
    # SITEURL as configured: pages served at any path (the 404 page) link from it, not from a relative one.
    generator.env.globals["SITE_ROOT_URL"] = str(generator.settings.get("SITEURL") or "").rstrip("/")
    bundle = stylesheet(generator.settings)
    if bundle is not None:
        folder = generator.settings["NEWS_THEME_CSS_OUTPUT_DIR"]
        generator.env.globals["THEME_STYLESHEET"] = f"{folder}/{bundle.filename}"


def _typeset(contents) -> None:
    typeset = typeset_memo() or plain_typeset  # news_cache's, kept between builds, when it is on
    for content in contents:
        typeset_content(content, typeset)


def on_articles_finalized(generator) -> None:
    settings = generator.settings
    articles = generator.articles
    for article in articles:
        article.updated = known_update(
            article.date, getattr(article, "modified", None), file_mtime(article.source_path)
        )
    link_neighbours(articles)
    link_related_by_tags(articles, settings["NEWS_THEME_RELATED_BY_TAGS"])
    if settings["NEWS_THEME_WARN_MISSING_IMAGES"]:
        # in the editor's characters, before typesetting
        warn_missing_images(articles, settings["PATH"], settings["CACHE_PATH"], logger)
    if settings["NEWS_THEME_TYPOGRAPHY"]:
        _typeset(
            {
                id(item): item
                for name in ("articles", "translations", "drafts", "drafts_translations")
                for item in getattr(generator, name, None) or []
            }.values()
        )


def on_pages_finalized(generator) -> None:
    if generator.settings["NEWS_THEME_TYPOGRAPHY"]:
        _typeset(
            {
                id(item): item
                for name in ("pages", "hidden_pages", "draft_pages", "translations")
                for item in getattr(generator, name, None) or []
            }.values()
        )


def on_finalized(pelican) -> None:
    bundle = stylesheet(pelican.settings)
    if bundle is not None:
        write_bundle(bundle, Path(pelican.settings["OUTPUT_PATH"]) / pelican.settings["NEWS_THEME_CSS_OUTPUT_DIR"])


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(on_generator_init)
    signals.article_generator_finalized.connect(on_articles_finalized)
    signals.page_generator_finalized.connect(on_pages_finalized)
    signals.finalized.connect(on_finalized)
