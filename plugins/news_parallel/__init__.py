"""news_parallel: a cold build on both cores.

A build is mostly three loops over the articles, each item independent of the others: import the raw dumps,
render their Markdown, write their pages. Each loop hands its second half to a forked copy of the build
(forked.py), which works through it at the same time on the other core and sends its results back; this
process does the first half and then takes the copy's. Output is byte for byte what one process writes.
`NEWS_PARALLEL = False` keeps everything in one process; small batches stay there anyway
(NEWS_PARALLEL_MIN_ITEMS). Fork is missing on Windows, which builds in one process.
"""

from __future__ import annotations

import weakref

from pelican import signals

from news_pelican.parallel import apply_defaults, two_core_threshold


def on_initialized(pelican) -> None:
    apply_defaults(pelican.settings)


# The generators whose read-ahead was decided: at the first article they are about to read, not when they are
# made, since a build may read none (tooling's body-edit build takes the last build's finished site, and
# looking over 10,000 articles for unread ones would cost it 0.18 s).
_decided: weakref.WeakSet = weakref.WeakSet()


def on_article_generator_preread(generator) -> None:
    if generator in _decided:
        return
    _decided.add(generator)
    from .reading import prefetch_articles

    min_items = two_core_threshold(generator.settings)
    if min_items is not None:
        prefetch_articles(generator, min_items)


def on_article_generator_finalized(generator) -> None:
    from .writing import write_articles_on_two_cores

    min_items = two_core_threshold(generator.settings)
    if min_items is not None:
        write_articles_on_two_cores(generator, min_items)


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.article_generator_preread.connect(on_article_generator_preread)
    signals.article_generator_finalized.connect(on_article_generator_finalized)
