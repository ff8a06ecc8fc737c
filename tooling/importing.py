"""The `invoke import` front end: read the site's settings, import with a progress bar, print a summary.

`invoke build` imports through it too. Both call news_pelican.import_site, the import's one entry point,
with news_cache's memo when that plugin is listed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tqdm import tqdm

from news_core.forked import in_own_process
from news_core.importer.errors import ImportProblem
from news_core.importer.sync import Outcome, Status, accept_fresh_import, mark_merged, raw_files
from news_pelican.import_settings import apply_defaults
from news_pelican.importing import import_site
from news_pelican.parallel import DEFAULTS, two_core_threshold
from news_pelican.site import import_paths


def load_settings(root: Path, settings_file: str) -> dict:
    from pelican.settings import read_settings

    settings = read_settings(str(root / settings_file))
    apply_defaults(settings)
    return settings


def _convert_memo(settings: dict):
    """news_cache's memo of convert() when that plugin is on: unchanged raw files are not parsed again."""
    from news_cache.import_memo import for_settings  # tooling may use any plugin's module; plugins may not

    return for_settings(settings)


def run_import(root: Path, settings_file: str, paths: list[Path]) -> list[Outcome]:
    """Import the given raw files (default: all of them); print problems and a summary; return the failures.

    The import runs in a process of its own (news_parallel, unless NEWS_PARALLEL is off): `invoke build`
    goes on to build in this one, whose heap then never held a thousand raw dumps and their Markdown. A few
    named files (an incremental build's changed ones: fewer than NEWS_PARALLEL_MIN_ITEMS) leave little
    garbage, and the fork would cost more than their import."""
    settings = load_settings(root, settings_file)
    threshold = two_core_threshold(settings)
    few = bool(paths) and len(paths) < (threshold or DEFAULTS["NEWS_PARALLEL_MIN_ITEMS"])
    # the memo keeps unchanged raw files from being parsed again: a few named (changed) files never hit it,
    # and loading it would cost more than converting them
    summary = in_own_process(
        lambda: _import_with_progress(settings, paths, memo=not few), enabled=threshold is not None and not few
    )
    for outcome in summary.outcomes:
        label = "error" if outcome.status is Status.FAILED else "warning"
        for message in outcome.messages:
            print(f"{label}: {message}", file=sys.stderr)
    print(f"import: {summary.line()}", file=sys.stderr)
    return summary.failed


def settle_fresh_imports(root: Path, settings_file: str, accept: list[Path], merged: list[Path]) -> int:
    """`invoke import --accept FILE` / `--merged FILE`: end the wait of a fresh import (NAME.md.new) beside an
    edited article, by taking it whole or by recording that the editor merged it. Returns failures."""
    settings = load_settings(root, settings_file)
    content = import_paths(settings)[0]
    failures = 0
    for action, files in ((accept_fresh_import, accept), (mark_merged, merged)):
        for file in files:
            try:
                print(action(_article_path(Path(file), root, content), content), file=sys.stderr)
            except ImportProblem as problem:
                print(f"error: {problem}", file=sys.stderr)
                failures += 1
    return failures


def _article_path(file: Path, root: Path, content: Path) -> Path:
    """FILE as typed: relative to the current folder, the project, or content/ (`articles/NAME.md`)."""
    for candidate in (file, root / file, content / file):
        if candidate.exists() or Path(f"{candidate}.new").exists():
            return candidate.absolute()
    return (content / file).absolute()


def _import_with_progress(settings: dict, paths: list[Path], memo: bool = True):
    targets = [path.absolute() for path in paths] or raw_files(import_paths(settings)[1])
    convert = _convert_memo(settings) if memo else None
    with tqdm(total=len(targets), unit="article", desc="import", disable=not sys.stderr.isatty(), leave=False) as bar:
        return import_site(settings, targets, convert, on_outcome=lambda outcome: bar.update())
