"""Write every other article page in a forked copy of the build while this process writes the rest.

Article pages are most of what a build writes (1,000 of 1,180 files at N = 1,000) and each is an independent
render of the finished context, so the copy renders its half from the very same state. List pages, feeds and
everything after the article pages are written here alone, as before.
"""

from __future__ import annotations

import logging
from collections import Counter

from news_core.forked import ForkedWorker, WorkerFailed
from news_pelican import gaps

logger = logging.getLogger(__name__)

# Pelican's ArticlesGenerator.generate_articles writes the articles of these lists.
ARTICLE_LISTS = ("translations", "articles", "hidden_translations", "hidden_articles")


def write_articles_on_two_cores(generator, min_items: int) -> None:
    """On article_generator_finalized: this generator's generate_articles from now on splits its work."""
    gaps.wrap_generate_articles(
        generator, lambda write, original: _generate_articles(generator, original, min_items, write)
    )


def _generate_articles(generator, generate_articles, min_items: int, write) -> None:
    every = {name: list(getattr(generator, name)) for name in ARTICLE_LISTS}
    articles = [article for name in ARTICLE_LISTS for article in every[name]]
    if len(articles) < min_items or _save_as_repeats(articles):
        generate_articles(write)  # one process: Pelican's own "to be overwritten" error stays as it is
        return
    writer = _writer_of(write)
    written_before = set(gaps.written_files(writer) or ())

    def write_share(share: int):
        for name in ARTICLE_LISTS:
            setattr(generator, name, every[name][share::2])
        generate_articles(write)
        return sorted(set(gaps.written_files(writer) or ()) - written_before)

    try:
        worker = ForkedWorker(write_share, [1])
        try:
            write_share(0)
        finally:
            try:
                theirs = worker.results()[0]
            except WorkerFailed as failure:
                logger.warning("news_parallel: %s; writing its article pages in this one", failure)
                theirs = None
        if theirs is None:
            write_share(1)
        else:
            _remember_written(writer, theirs.get())
    finally:
        for name in ARTICLE_LISTS:
            setattr(generator, name, every[name])


def _save_as_repeats(articles) -> bool:
    """Two articles saved to one file: left to one process, where Pelican reports it as always."""
    counts = Counter(getattr(article, "save_as", None) for article in articles)
    return any(count > 1 for save_as, count in counts.items() if save_as)


def _writer_of(write):
    """Pelican passes writer.write_file, wrapped in functools.partial; None for any other callable."""
    function = getattr(write, "func", write)
    return getattr(function, "__self__", None)


def _remember_written(writer, paths: list[str]) -> None:
    """The copy's files count as written here too, so a later page saved over one of them is still refused."""
    written = gaps.written_files(writer)
    if written is not None:
        written.update(paths)
