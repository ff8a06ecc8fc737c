"""The one entry point of the import: `import_site(settings, ...)`.

The `initialized` signal (news_import, a plain `pelican` run), `invoke import` and `invoke build`
(tooling/importing.py) and the dev server's one-article re-import (tooling/rebuild.py) all call it, with the
site's settings and, explicitly, what differs between them: which raw files, which convert() (news_cache's
memo or the plain one), whether to use the second core, what to do after each file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from news_core.importer.convert import convert as plain_convert
from news_core.importer.sync import Outcome, Summary, import_all

from .parallel import two_core_threshold
from .site import import_paths, site_timezone


def import_site(
    settings: dict,
    paths: list[Path] | None = None,
    convert: Callable | None = None,
    two_cores: bool = True,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Import `paths` (default: every raw article of the site) into its Markdown folder; then save the memo
    (a `convert` with a `save()`) in the process that filled it. `two_cores`: share the work with a forked copy
    where news_parallel's settings allow (NEWS_PARALLEL, NEWS_PARALLEL_MIN_ITEMS)."""
    content, raw_dir, out_dir = import_paths(settings)
    summary = import_all(
        content,
        raw_dir,
        out_dir,
        paths,
        site_timezone(settings),
        on_outcome=on_outcome,
        convert_file=convert or plain_convert,
        two_cores=two_core_threshold(settings) if two_cores else None,
    )
    save = getattr(convert, "save", None)
    if save is not None:
        save()
    return summary
