"""news_import's settings and their defaults (pelicanconf.py overrides any of them): where raw articles and
imported Markdown live, and how bodies render. The import itself (news_pelican.importing) and tooling read them.
"""

DEFAULTS = {
    # Raw dumps, relative to PATH (content/). Pelican itself never reads them.
    "NEWS_RAW_DIR": "raw",
    # Where imported Markdown is written, relative to PATH.
    "NEWS_IMPORT_DIR": "articles",
    # Import raw dumps whenever Pelican starts a build (`invoke build` imports first and turns this off).
    "NEWS_IMPORT_ON_BUILD": True,
    # Reading speed for the "N min read" figure (words of body text, pull quotes not counted).
    "NEWS_WORDS_PER_MINUTE": 230,
    # Python-Markdown extensions for articles with YAML front matter (other content keeps MARKDOWN).
    "NEWS_MARKDOWN_EXTENSIONS": {
        "news_core.markdown.callouts": {},
        "news_core.markdown.wordcount": {},
        "markdown.extensions.toc": {
            "permalink": "#",
            "permalink_class": "heading-link",
            "permalink_title": "Link to this section",
            "toc_depth": "2-3",
        },
        "markdown.extensions.tables": {},
        "markdown.extensions.footnotes": {},
        "markdown.extensions.sane_lists": {},
    },
}


def apply_defaults(settings: dict) -> None:
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
