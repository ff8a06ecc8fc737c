"""Import raw dumps into Markdown files without ever losing an editor's work.

Rules, per raw file `content/raw/NAME.txt` -> `content/articles/NAME.md`:
- no Markdown yet: write it;
- the Markdown is byte for byte what we last wrote (its stamp verifies): rewrite it when the import changed;
- the Markdown was edited: keep it; if the raw file changed since, warn and write the fresh import
  beside it as `NAME.md.new` for comparison, until the editor takes it (`accept_fresh_import`) or says it is
  merged (`mark_merged`, which records the raw file's new hash in the Markdown);
- the Markdown was renamed by the editor (its `source:` still names the raw file): the renamed file is it.
Slugs are settled so that a published URL never changes because another file arrived: a slug already in
some Markdown file belongs to that file, and a newcomer gets a numbered one.
Only regular files inside content/ are imported: hidden files (`.NAME`, macOS `._NAME`) are skipped; a link
leading outside content/ and a file name that is not UTF-8 are errors. Every write is atomic (temporary file
+ rename), so a killed import never leaves half a file; a write that fails (a read-only folder) is an error.
"""

from __future__ import annotations

import enum
import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from news_core.files import atomic_write
from news_core.forked import map_on_two_cores

from . import frontmatter
from .convert import convert
from .errors import ImportProblem
from .saved_photos import copy_photos
from .side_files import EDITED_BACKUP_SUFFIX, FRESH_IMPORT_SUFFIX

RAW_SUFFIXES = (".txt", ".html", ".htm")
# Front matter lines the import reads from Markdown on disk without parsing all of it: fast, and it still works
# when an editor broke the YAML.
_FIELD_LINE = {name: re.compile(rf"^{name}:[ \t]*(.*?)[ \t]*$", re.M) for name in ("slug", "source", "source_sha256")}
_HEAD_BYTES = 16 * 1024  # front matter is a few KB


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
        return (
            f"{self.count(Status.IMPORTED, Status.UPDATED)} imported, {self.count(Status.UNCHANGED)} unchanged, "
            f"{self.count(Status.KEPT)} kept because edited, {self.count(Status.FAILED)} failed"
        )


def raw_files(raw_dir: Path) -> list[Path]:
    """Every raw article under raw_dir, without hidden files and folders (`.NAME`, macOS's `._NAME`)."""
    if not raw_dir.is_dir():
        return []
    found: list[Path] = []
    for folder, subfolders, names in os.walk(raw_dir):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found.extend(
            Path(folder) / name
            for name in names
            if not name.startswith(".") and Path(name).suffix.lower() in RAW_SUFFIXES
        )
    return sorted(path for path in found if path.is_file() and not _in_saved_page_folder(path, raw_dir))


def _in_saved_page_folder(path: Path, raw_dir: Path) -> bool:
    """`NAME_files/` beside `NAME.html` holds the saved page's frames and scripts, not articles."""
    for folder in path.relative_to(raw_dir).parents:
        if folder.name.endswith("_files") and any(
            (raw_dir / folder).with_name(folder.name[:-6] + suffix).is_file() for suffix in (".html", ".htm")
        ):
            return True
    return False


def is_hidden(path: Path, raw_dir: Path) -> bool:
    try:
        parts = path.relative_to(raw_dir).parts
    except ValueError:
        parts = (path.name,)
    return any(part.startswith(".") for part in parts)


def printable(name: str) -> str:
    """A path for messages: bytes that are not UTF-8 (kept by Python as surrogates) shown as \\xNN."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _refusal(raw: Path, inside: tuple[str, ...], found_here: bool) -> str:
    """Why a raw file is not imported (empty when it is): its name, or where it really lives. `inside`: the real
    content/ and raw/ folders; `found_here`: raw_files() found it (its folders are no links: os.walk does not
    follow them, so only the file itself needs a look)."""
    try:
        str(raw).encode("utf-8")
    except UnicodeEncodeError:
        return (
            "the file name is not valid UTF-8 (a zip made on Windows?): rename it with letters your "
            "system shows, then import again"
        )
    if found_here and not os.path.islink(raw):
        return ""
    try:
        real = os.path.realpath(raw, strict=True)
    except (OSError, RuntimeError):
        return "cannot be read: a broken link or a link loop"
    # A raw folder that is itself a link (to a shared drive) was set up on purpose; a link inside it was not.
    if not any(real.startswith(folder + os.sep) for folder in inside):
        return "is a link to a file outside content/; only files inside content/ are imported and published"
    return ""


def import_all(
    content_dir: Path,
    raw_dir: Path,
    out_dir: Path,
    paths: Iterable[Path] | None = None,
    site_timezone: ZoneInfo | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    convert_file: Callable = convert,
    two_cores: int | None = None,
) -> Summary:
    """Import `paths` (default: every raw file under raw_dir), in sorted order so slugs are deterministic.

    `convert_file` stands in for convert() (same arguments and result): news_cache passes a memoised one.
    `two_cores` (news_parallel: the smallest batch worth splitting; None for one process) shares the
    conversions and then the writes with a forked copy; slugs are settled here in between, in sorted order."""
    raws = sorted(paths) if paths is not None else raw_files(raw_dir)
    raws = [raw for raw in raws if not is_hidden(raw, raw_dir)]
    inside = (os.path.realpath(content_dir), os.path.realpath(raw_dir))
    outcomes: dict[Path, Outcome] = {}
    on_disk = _MarkdownOnDisk(out_dir)
    taken_targets: dict[Path, Path] = {}  # NAME.txt and NAME.html would overwrite each other's NAME.md
    for raw in raws:
        source = _relative(raw, content_dir)
        refusal = _refusal(raw, inside, found_here=paths is None)
        if refusal:
            outcomes[raw] = Outcome(raw, None, Status.FAILED, [f"{source}: {refusal}"])
            continue
        target = markdown_path(raw, raw_dir, out_dir)
        if not target.exists() and on_disk.renamed().get(source, target) != target:
            target = on_disk.renamed()[source]  # the editor renamed the Markdown; its `source:` still names it
        if target in taken_targets:
            outcomes[raw] = Outcome(
                raw,
                None,
                Status.FAILED,
                [
                    f"{source}: imports to the same {target.name} as "
                    f"{_relative(taken_targets[target], content_dir)}; rename one of them"
                ],
            )
        else:
            taken_targets[target] = raw
    jobs = [_Job(raw, target, _relative(raw, content_dir)) for target, raw in taken_targets.items()]

    def convert_job(job: _Job) -> tuple[str, object]:
        data = job.raw.read_bytes()  # not kept: 10,000 raw dumps at once would be 60 MB
        return hashlib.sha256(data).hexdigest(), convert_file(data, job.source, site_timezone)

    slug_owners = _SlugOwners(on_disk, {job.target for job in jobs})
    converted_jobs = dict(zip((id(job) for job in jobs), map_on_two_cores(convert_job, jobs, two_cores)))
    to_write = []
    for job in sorted(jobs, key=lambda job: _name_order(job.raw)):  # `NAME.txt` before `NAME (copy).txt`
        try:
            data_sha256, result = converted_jobs[id(job)].get()
            _remember(convert_file, data_sha256, job.source, site_timezone, result)
            fresh_slug = result.slug
            slug = slug_owners.settle(fresh_slug, job.target)
            if slug != fresh_slug:
                owner = slug_owners.owner(fresh_slug)
                result = convert_file(job.raw.read_bytes(), job.source, site_timezone, slug=slug)
                if owner is not None and owner != job.target:
                    result.warnings.append(
                        f"slug {fresh_slug!r} is already used by {_relative(owner, content_dir)}; using {slug!r}"
                    )
            slug_owners.claim(slug, job.target)
        except ImportProblem as problem:
            outcomes[job.raw] = Outcome(job.raw, None, Status.FAILED, [str(problem)])
            continue
        except OSError as error:
            outcomes[job.raw] = Outcome(job.raw, None, Status.FAILED, [f"{job.source}: cannot read: {error.strerror}"])
            continue
        job.markdown, job.messages = result.markdown, [f"{job.source}: {warning}" for warning in result.warnings]
        job.name = _relative(job.target, content_dir)
        to_write.append(job)
    to_write.sort(key=lambda job: job.raw)
    for job, written in zip(to_write, map_on_two_cores(_write_job, to_write, two_cores)):
        status, messages = written.get()
        outcomes[job.raw] = Outcome(job.raw, job.target, status, messages)
    summary = Summary([outcomes[raw] for raw in raws])
    if on_outcome:
        for outcome in summary.outcomes:
            on_outcome(outcome)
    return summary


def _name_order(path: Path) -> tuple:
    """Files in name order without their extension: `NAME.txt` settles its slug before `NAME (copy).txt`
    (sorted with extensions, " (copy)" would come first)."""
    return path.with_suffix("").parts, path.suffix


def _settled_slug(fresh: str, target: Path, slug_on_disk: str, taken: dict[str, Path]) -> str:
    """The slug this import gives `target`: the one it has on disk when that is `fresh` or a numbered `fresh`
    (a URL once published stays), else `fresh`, numbered past every slug another file holds."""
    numbered = slug_on_disk.startswith(f"{fresh}-") and slug_on_disk[len(fresh) + 1 :].isdigit()
    if (slug_on_disk == fresh or numbered) and taken.get(slug_on_disk, target) == target:
        return slug_on_disk
    candidate, number = fresh, 1
    while candidate in taken and taken[candidate] != target:
        number += 1
        candidate = f"{fresh}-{number}"
    return candidate


class _MarkdownOnDisk:
    """(slug, source) of the Markdown files under out_dir, read from the head of their front matter: one file's
    when asked, every file's only when asked for all (0.45 s at 10,000 files, most of a one-file import)."""

    def __init__(self, out_dir: Path):
        self._out_dir = out_dir
        self._every: dict[Path, tuple[str, str]] | None = None
        self._renamed: dict[str, Path] | None = None
        self._read: dict[Path, tuple[str, str]] = {}

    def of(self, path: Path) -> tuple[str, str]:
        """What every() would say of `path`: ("", "") for a file that is not there (a Markdown file's path
        under out_dir, as markdown_path() gives them: never hidden)."""
        if self._every is not None:
            return self._every.get(path, ("", ""))
        if path not in self._read:
            head = _front_matter_head(path)
            self._read[path] = (_field(head, "slug"), _field(head, "source"))
        return self._read[path]

    def every(self) -> dict[Path, tuple[str, str]]:
        if self._every is None:
            found: dict[Path, tuple[str, str]] = {}
            if self._out_dir.is_dir():
                for folder, subfolders, names in os.walk(self._out_dir):
                    subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                    for name in names:
                        if name.endswith(".md") and not name.startswith("."):
                            path = os.path.join(folder, name)
                            head = _front_matter_head(path)
                            found[Path(path)] = (_field(head, "slug"), _field(head, "source"))
            self._every = found
        return self._every

    def renamed(self) -> dict[str, Path]:
        """raw file -> the Markdown naming it as its `source:`, the first by name."""
        if self._renamed is None:
            self._renamed, every = {}, self.every()
            for markdown in sorted(every, key=_name_order):
                if every[markdown][1]:
                    self._renamed.setdefault(every[markdown][1], markdown)
        return self._renamed


class _SlugOwners:
    """Every slug some Markdown file has is that file's: its URL is published. A newcomer is numbered. Where two
    files on disk share one (an editor's copy), the one this import writes (`targets`) keeps it; the build
    reports both. The targets claim their slugs first, in name order, and every other file after them: so
    while each target keeps the slug it has, unnumbered, the other files cannot change the answer, and they
    are read only once one does not (a new article, a changed headline's slug, a numbered slug, whose
    import names the file holding the slug it would have had)."""

    def __init__(self, on_disk: _MarkdownOnDisk, targets: set[Path]):
        self._on_disk, self._targets = on_disk, targets
        self._owners = self._claims(sorted(targets, key=_name_order))
        self._complete = False

    def _claims(self, paths: list[Path]) -> dict[str, Path]:
        owners: dict[str, Path] = {}
        for path in paths:
            slug = self._on_disk.of(path)[0]
            if slug:
                owners.setdefault(slug, path)
        return owners

    def settle(self, fresh: str, target: Path) -> str:
        slug_on_disk = self._on_disk.of(target)[0]
        if not self._complete and not (slug_on_disk == fresh and self._owners.get(fresh, target) == target):
            # the targets settled so far kept slugs they claimed first: the same claims in the whole list
            by_name = sorted(self._on_disk.every(), key=_name_order)
            self._owners = self._claims(
                [path for path in by_name if path in self._targets]
                + [path for path in by_name if path not in self._targets]
            )
            self._complete = True
        return _settled_slug(fresh, target, slug_on_disk, self._owners)

    def owner(self, slug: str) -> Path | None:
        return self._owners.get(slug)

    def claim(self, slug: str, target: Path) -> None:
        self._owners[slug] = target


def _front_matter_head(path) -> str:
    """The front matter of a Markdown file as text, read in 4 KB steps up to its closing `---` (at most 16 KB)."""
    try:
        with open(path, "rb") as stream:
            data = b""
            while len(data) < _HEAD_BYTES:
                chunk = stream.read(4096)
                data += chunk
                end = data.find(b"\n---", 3)
                if end > 0 or not chunk:
                    return data[: end if end > 0 else None].decode("utf-8", "replace")
            return data.decode("utf-8", "replace")
    except OSError:
        return ""


def _field(document: str, name: str) -> str:
    """A one-line front matter value (`slug:`, `source:`, `source_sha256:`), quotes removed; "" when absent."""
    match = _FIELD_LINE[name].search(document)
    if match is None:
        return ""
    value = match.group(1)
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1].replace("''", "'") if value[0] == "'" else value[1:-1]
    return value


@dataclass
class _Job:
    raw: Path
    target: Path
    source: str  # the raw file relative to content/, as every message names it
    markdown: str = ""
    name: str = ""  # the Markdown file relative to content/
    messages: list[str] = field(default_factory=list)


def _remember(convert_file: Callable, data_sha256: str, source: str, site_timezone, result) -> None:
    """A memoised convert() learns the results the forked copy computed (its own memo went with it)."""
    remember = getattr(convert_file, "remember", None)
    if remember is not None:
        remember(data_sha256, source, site_timezone, result)


def _write_job(job: _Job) -> tuple[Status, list[str]]:
    messages = list(job.messages)
    try:
        status = _write_respecting_edits(job.target, job.markdown, messages, job.name)
        copy_photos(job.raw, job.target, job.markdown)  # a page saved "complete": its photos beside the article
        return status, messages
    except OSError as error:
        folder = " (is the folder read-only?)" if isinstance(error, PermissionError) else ""
        return Status.FAILED, messages + [f"{job.name}: cannot write: {error.strerror}{folder}"]


def markdown_path(raw: Path, raw_dir: Path, out_dir: Path) -> Path:
    try:
        relative = raw.absolute().relative_to(raw_dir.absolute())
    except ValueError:
        try:
            relative = raw.resolve().relative_to(raw_dir.resolve())
        except ValueError:
            relative = Path(raw.name)
    return out_dir / relative.with_suffix(".md")


def fresh_import_path(markdown: Path) -> Path:
    return markdown.with_name(markdown.name + FRESH_IMPORT_SUFFIX)


def _write_respecting_edits(target: Path, fresh: str, messages: list[str], name: str = "") -> Status:
    name = name or target.name
    if not target.exists():
        atomic_write(target, fresh)
        return Status.IMPORTED
    existing = target.read_text(encoding="utf-8", errors="replace")
    beside = fresh_import_path(target)
    if existing == fresh:
        beside.unlink(missing_ok=True)  # the editor copied the fresh import over the Markdown: nothing waits
        return Status.UNCHANGED
    if frontmatter.is_untouched(existing):
        atomic_write(target, fresh)
        beside.unlink(missing_ok=True)
        return Status.UPDATED
    if _source_hash(existing) != _source_hash(fresh):
        if not beside.exists() or beside.read_text(encoding="utf-8", errors="replace") != fresh:
            atomic_write(beside, fresh)
        messages.append(
            f"{name}: edited after import, so it was kept; the raw article changed since: the fresh "
            f"import is in {beside.name}. Merge what you need, then run `invoke import --merged "
            f"{name}` (or `invoke import --accept {name}` to take the fresh import whole)"
        )
    return Status.KEPT


def _source_hash(document: str) -> str:
    """The raw file's hash the document was imported from; read line-wise, so a broken front matter (the
    reader reports it) still tells which raw version the editor worked on."""
    return _field(document, "source_sha256")


def _one_markdown(markdown: Path) -> tuple[Path, str]:
    markdown = Path(markdown)
    if markdown.name.endswith(FRESH_IMPORT_SUFFIX):
        markdown = markdown.with_name(markdown.name[: -len(FRESH_IMPORT_SUFFIX)])
    beside = fresh_import_path(markdown)
    if not beside.is_file():
        raise ImportProblem(f"no fresh import waits for it ({beside.name} does not exist)")
    return beside, beside.read_text(encoding="utf-8")


def mark_merged(markdown: Path, content_dir: Path) -> str:
    """The editor merged NAME.md.new into NAME.md by hand: record the raw version it now reflects (its
    `source_sha256`), so later imports stop offering it, and remove NAME.md.new. Returns what was done."""
    name = _relative(markdown, content_dir)
    try:
        beside, fresh = _one_markdown(markdown)
        markdown = beside.with_name(beside.name[: -len(FRESH_IMPORT_SUFFIX)])
        document = markdown.read_text(encoding="utf-8")
    except ImportProblem as problem:
        raise problem.located(name) from None
    except OSError as error:
        raise ImportProblem(f"cannot read: {error.strerror}", path=name) from None
    raw_hash = _source_hash(fresh)
    line = f"source_sha256: {raw_hash}"
    if _FIELD_LINE["source_sha256"].search(document):
        document = _FIELD_LINE["source_sha256"].sub(line, document, count=1)
    else:
        head, sep, rest = document.partition(f"\n{frontmatter.DELIMITER}\n")
        if not sep:
            raise ImportProblem("has no front matter to record the merge in", line=1, path=name)
        document = f"{head}\n{line}{sep}{rest}"
    _write_or_explain(markdown, document, name)
    beside.unlink()
    return f"{name}: marked as merged with the raw article as it is now; {beside.name} removed"


def accept_fresh_import(markdown: Path, content_dir: Path) -> str:
    """Replace the edited NAME.md by the fresh import NAME.md.new; the edited version is kept as NAME.md.old."""
    name = _relative(markdown, content_dir)
    try:
        beside, fresh = _one_markdown(markdown)
        markdown = beside.with_name(beside.name[: -len(FRESH_IMPORT_SUFFIX)])
        edited = markdown.read_bytes() if markdown.exists() else None
    except ImportProblem as problem:
        raise problem.located(name) from None
    except OSError as error:
        raise ImportProblem(f"cannot read: {error.strerror}", path=name) from None
    kept = ""
    if edited is not None:
        backup = markdown.with_name(markdown.name + EDITED_BACKUP_SUFFIX)
        number = 1
        while backup.exists() and backup.read_bytes() != edited:
            number += 1
            backup = markdown.with_name(f"{markdown.name}{EDITED_BACKUP_SUFFIX}{number}")
        _write_or_explain(backup, edited, _relative(backup, content_dir))
        kept = f"; your edited version is kept as {backup.name}"
    _write_or_explain(markdown, fresh, name)
    beside.unlink()
    return f"{name}: replaced by the fresh import{kept}"


def _write_or_explain(path: Path, data, name: str) -> None:
    try:
        atomic_write(path, data)
    except OSError as error:
        raise ImportProblem(f"cannot write: {error.strerror}", path=name) from None


def _relative(path: Path, base: Path) -> str:
    """A file as messages and `source:` name it: relative to content/ (printable even when not UTF-8)."""
    try:
        relative = path.absolute().relative_to(base.absolute()).as_posix()
    except ValueError:
        try:
            relative = path.resolve().relative_to(base.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):
            relative = path.as_posix()
    return printable(relative)
