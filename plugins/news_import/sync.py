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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from news_files import atomic_write

from . import frontmatter
from .convert import convert
from .errors import ImportProblem

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
    return sorted(path for path in raw_dir.rglob("*") if path.suffix.lower() in RAW_SUFFIXES and path.is_file())


def import_all(content_dir: Path, raw_dir: Path, out_dir: Path, paths: Iterable[Path] | None = None,
               site_timezone: ZoneInfo | None = None, on_outcome: Callable[[Outcome], None] | None = None,
               convert_file: Callable = convert) -> Summary:
    """Import `paths` (default: every raw file under raw_dir), in sorted order so slugs are deterministic.

    `convert_file` stands in for convert() (same arguments and result): news_cache passes a memoised one."""
    summary = Summary()
    taken_slugs: dict[str, Path] = {}
    taken_targets: dict[Path, Path] = {}  # NAME.txt and NAME.html would overwrite each other's NAME.md
    for raw in sorted(paths) if paths is not None else raw_files(raw_dir):
        target = markdown_path(raw, raw_dir, out_dir)
        if target in taken_targets:
            outcome = Outcome(raw, None, Status.FAILED, [
                f"{_relative(raw, content_dir)}: imports to the same {target.name} as "
                f"{_relative(taken_targets[target], content_dir)}; rename one of them"])
        else:
            taken_targets[target] = raw
            outcome = import_file(raw, content_dir, raw_dir, out_dir, site_timezone, taken_slugs, convert_file)
        summary.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    return summary


def markdown_path(raw: Path, raw_dir: Path, out_dir: Path) -> Path:
    try:
        relative = raw.resolve().relative_to(raw_dir.resolve())
    except ValueError:
        relative = Path(raw.name)
    return out_dir / relative.with_suffix(".md")


def import_file(raw: Path, content_dir: Path, raw_dir: Path, out_dir: Path, site_timezone: ZoneInfo | None = None,
                taken_slugs: dict[str, Path] | None = None, convert_file: Callable = convert) -> Outcome:
    source = _relative(raw, content_dir)
    target = markdown_path(raw, raw_dir, out_dir)
    try:
        data = raw.read_bytes()
        result = convert_file(data, source, site_timezone)
        if taken_slugs is not None:
            slug = _unique_slug(result.slug, raw, taken_slugs)
            if slug != result.slug:
                other = _relative(taken_slugs[result.slug], content_dir)
                result = convert_file(data, source, site_timezone, slug=slug)
                result.warnings.append(f"slug {result.slug!r} is already used by {other}; using {slug!r}")
            taken_slugs[slug] = raw
    except ImportProblem as problem:
        return Outcome(raw, None, Status.FAILED, [str(problem)])
    except OSError as error:
        return Outcome(raw, None, Status.FAILED, [f"{source}: cannot read: {error.strerror}"])
    messages = [f"{source}: {warning}" for warning in result.warnings]
    status = _write_respecting_edits(target, result.markdown, messages)
    return Outcome(raw, target, status, messages)


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
