"""Import raw dumps into Markdown files without ever losing an editor's work.

Rules, per raw file `content/raw/NAME.txt` -> `content/articles/NAME.md`:
- no Markdown yet: write it;
- the Markdown is byte for byte what we last wrote (its stamp verifies): rewrite it when the import changed;
- the Markdown was edited: keep it; if the raw file changed since, warn and write the fresh import
  beside it as `NAME.md.new` for comparison.
Every write is atomic (temporary file + rename), so a killed import never leaves half a file.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from news_files import atomic_write
from news_parallel.forked import map_on_two_cores

from . import frontmatter
from .convert import convert
from .errors import ImportProblem
from .saved_photos import copy_photos

RAW_SUFFIXES = (".txt", ".html", ".htm")
FRESH_IMPORT_SUFFIX = ".new"


class Status(enum.Enum):
    IMPORTED = "imported"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    KEPT = "kept because edited"
    FAILED = "failed"


@dataclass
class Outcome:
    raw: Path
    markdown: Path | None
    status: Status
    messages: list[str] = field(default_factory=list)


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, *statuses: Status) -> int:
        return sum(outcome.status in statuses for outcome in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status is Status.FAILED]

    def line(self) -> str:
        return (f"{self.count(Status.IMPORTED, Status.UPDATED)} imported, {self.count(Status.UNCHANGED)} unchanged, "
                f"{self.count(Status.KEPT)} kept because edited, {self.count(Status.FAILED)} failed")


def raw_files(raw_dir: Path) -> list[Path]:
    if not raw_dir.is_dir():
        return []
    return sorted(path for path in raw_dir.rglob("*") if path.suffix.lower() in RAW_SUFFIXES and path.is_file()
                  and not _in_saved_page_folder(path, raw_dir))


def _in_saved_page_folder(path: Path, raw_dir: Path) -> bool:
    """`NAME_files/` beside `NAME.html` holds the saved page's frames and scripts, not articles."""
    for folder in path.relative_to(raw_dir).parents:
        if folder.name.endswith("_files") and any(
                (raw_dir / folder).with_name(folder.name[:-6] + suffix).is_file() for suffix in (".html", ".htm")):
            return True
    return False


def import_all(content_dir: Path, raw_dir: Path, out_dir: Path, paths: Iterable[Path] | None = None,
               site_timezone: ZoneInfo | None = None, on_outcome: Callable[[Outcome], None] | None = None,
               convert_file: Callable = convert, two_cores: int | None = None) -> Summary:
    """Import `paths` (default: every raw file under raw_dir), in sorted order so slugs are deterministic.

    `convert_file` stands in for convert() (same arguments and result): news_cache passes a memoised one.
    `two_cores` (news_parallel: the smallest batch worth splitting; None for one process) shares the
    conversions and then the writes with a forked copy; slugs are settled here in between, in sorted order."""
    raws = sorted(paths) if paths is not None else raw_files(raw_dir)
    outcomes: dict[Path, Outcome] = {}
    taken_targets: dict[Path, Path] = {}  # NAME.txt and NAME.html would overwrite each other's NAME.md
    for raw in raws:
        target = markdown_path(raw, raw_dir, out_dir)
        if target in taken_targets:
            outcomes[raw] = Outcome(raw, None, Status.FAILED, [
                f"{_relative(raw, content_dir)}: imports to the same {target.name} as "
                f"{_relative(taken_targets[target], content_dir)}; rename one of them"])
        else:
            taken_targets[target] = raw
    jobs = [_Job(raw, target, _relative(raw, content_dir)) for target, raw in taken_targets.items()]

    def convert_job(job: _Job) -> tuple[str, object]:
        data = job.raw.read_bytes()  # not kept: 10,000 raw dumps at once would be 60 MB
        return hashlib.sha256(data).hexdigest(), convert_file(data, job.source, site_timezone)

    taken_slugs: dict[str, Path] = {}
    to_write = []
    for job, converted in zip(jobs, map_on_two_cores(convert_job, jobs, two_cores)):
        try:
            data_sha256, result = converted.get()
            _remember(convert_file, data_sha256, job.source, site_timezone, result)
            slug = _unique_slug(result.slug, job.raw, taken_slugs)
            if slug != result.slug:
                other = _relative(taken_slugs[result.slug], content_dir)
                result = convert_file(job.raw.read_bytes(), job.source, site_timezone, slug=slug)
                result.warnings.append(f"slug {result.slug!r} is already used by {other}; using {slug!r}")
            taken_slugs[slug] = job.raw
        except ImportProblem as problem:
            outcomes[job.raw] = Outcome(job.raw, None, Status.FAILED, [str(problem)])
            continue
        except OSError as error:
            outcomes[job.raw] = Outcome(job.raw, None, Status.FAILED, [f"{job.source}: cannot read: {error.strerror}"])
            continue
        job.markdown, job.messages = result.markdown, [f"{job.source}: {warning}" for warning in result.warnings]
        to_write.append(job)
    for job, written in zip(to_write, map_on_two_cores(_write_job, to_write, two_cores)):
        status, messages = written.get()
        outcomes[job.raw] = Outcome(job.raw, job.target, status, messages)
    summary = Summary([outcomes[raw] for raw in raws])
    if on_outcome:
        for outcome in summary.outcomes:
            on_outcome(outcome)
    return summary


@dataclass
class _Job:
    raw: Path
    target: Path
    source: str  # the raw file relative to content/, as every message names it
    markdown: str = ""
    messages: list[str] = field(default_factory=list)


def _remember(convert_file: Callable, data_sha256: str, source: str, site_timezone, result) -> None:
    """A memoised convert() learns the results the forked copy computed (its own memo went with it)."""
    remember = getattr(convert_file, "remember", None)
    if remember is not None:
        remember(data_sha256, source, site_timezone, result)


def _write_job(job: _Job) -> tuple[Status, list[str]]:
    messages = list(job.messages)
    status = _write_respecting_edits(job.target, job.markdown, messages)
    copy_photos(job.raw, job.target, job.markdown)  # a page saved "complete": its photos beside the article
    return status, messages


def markdown_path(raw: Path, raw_dir: Path, out_dir: Path) -> Path:
    try:
        relative = raw.resolve().relative_to(raw_dir.resolve())
    except ValueError:
        relative = Path(raw.name)
    return out_dir / relative.with_suffix(".md")


def _write_respecting_edits(target: Path, fresh: str, messages: list[str]) -> Status:
    if not target.exists():
        atomic_write(target, fresh)
        return Status.IMPORTED
    existing = target.read_text(encoding="utf-8", errors="replace")
    if existing == fresh:
        return Status.UNCHANGED
    if frontmatter.is_untouched(existing):
        atomic_write(target, fresh)
        return Status.UPDATED
    if _source_hash(existing) != _source_hash(fresh):
        beside = target.with_name(target.name + FRESH_IMPORT_SUFFIX)
        if not beside.exists() or beside.read_text(encoding="utf-8") != fresh:
            atomic_write(beside, fresh)
        messages.append(f"{target}: edited after import, so it was kept; the raw article changed since, "
                        f"the fresh import is in {beside.name} for comparison")
    return Status.KEPT


def _source_hash(document: str) -> str | None:
    try:
        fields, _, _ = frontmatter.split(document)
    except ImportProblem:
        return None
    return fields.get("source_sha256")


def _unique_slug(slug: str, raw: Path, taken: dict[str, Path]) -> str:
    candidate, number = slug, 1
    while candidate in taken and taken[candidate] != raw:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
