"""One build of the site through Pelican's Python API: errors counted, the output folder swapped in atomically.

Pelican's own command exits 0 when an article fails to read (it logs ERROR and goes on), and `--fatal errors`
stops at the first one. Here the whole site is built, every error is printed as one line without a traceback,
and the caller learns how many there were. The site is written into a temporary folder next to output/ and
renamed into place only when Pelican finished; a build that crashes or is killed leaves the previous output.
A status file written last into the folder tells `publish` whether the build is complete and clean.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import io
import json
import logging
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from news_pelican.import_settings import DEFAULTS as IMPORT_DEFAULTS
from tooling import buildstate
from tooling.buildstate import BUILD_STATUS, TRANSIENT_PREFIXES  # the status file is never published

_BUILDING_PREFIX = ".building-"
_PREVIOUS_SUFFIX = ".previous"
_INSIDE_BUILDING, _INSIDE_PREVIOUS = TRANSIENT_PREFIXES  # inside output/ when it is a mount point


@dataclass
class BuildResult:
    output: Path
    errors: list[str] = field(default_factory=list)
    completed: bool = False  # Pelican ran to the end and the new folder was swapped in
    up_to_date: bool = False  # nothing changed since the last build: nothing was done
    summary: str = ""  # what the build did, in one line (`invoke build` prints it)
    seconds: float = 0.0
    kept_site: str = ""  # with build_site(keep_site=...): the token of the finished site kept there

    @property
    def ok(self) -> bool:
        return self.completed and not self.errors


class ErrorLines(logging.Handler):
    """Prints warnings and errors as `warning: ...` / `error: ...` lines (no tracebacks) and keeps the errors."""

    def __init__(self, stream=None, seen_warnings: set | None = None):
        super().__init__(level=logging.WARNING)
        self.stream = stream
        self.errors: list[str] = []
        self.seen_warnings = seen_warnings  # when given, a warning printed once is not printed again
        self.unreadable: dict[str, str] = {}  # a file Pelican could not read (relative to PATH) -> its error line

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage().strip()
        except Exception:  # noqa: BLE001 - a plugin's malformed log call must not end the build
            message = str(record.msg)
        message = _one_line(message.removeprefix("news_import: "))
        label = "error" if record.levelno >= logging.ERROR else "warning"
        if label == "error" and not record.exc_info:
            # Pelican logs "Could not process FILE" from inside its `except` and drops the reason unless
            # DEBUG is on: the exception being handled right now is that reason.
            reason = sys.exc_info()[1]
            if reason is not None and str(reason) and str(reason) not in message:
                message = _with_reason(message, str(reason))
        if label == "error":
            self.errors.append(message)
            if str(record.msg).startswith("Could not process %s") and isinstance(record.args, tuple) and record.args:
                self.unreadable[str(record.args[0]).replace(os.sep, "/")] = message
        elif self.seen_warnings is not None:
            if message in self.seen_warnings:
                return
            self.seen_warnings.add(message)
        self._print(label, message)

    def say_again(self, unreadable: dict[str, str]) -> None:
        """The errors of files a build did not read again, since they did not change: printed, counted and
        recorded as if Pelican had just failed on them."""
        for name, message in unreadable.items():
            self.errors.append(message)
            self.unreadable[name] = message
            self._print("error", message)

    def _print(self, label: str, message: str) -> None:
        print(f"{label}: {message}", file=self.stream or sys.stderr, flush=True)


def _one_line(message: str) -> str:
    """A message logged on several lines, as one: Pelican 4.11 logs a file it could not read as "Could not
    process FILE" with the reason on the next line (4.12 leaves the reason out: emit() finds it)."""
    first, newline, rest = message.partition("\n")
    return _with_reason(first, rest) if newline else message


def _with_reason(message: str, reason: str) -> str:
    """`message` and its reason as one line. Our reader's reasons start with the file (`articles/x.md:3:
    ...`): when the reason starts with what the message names, the reason alone is the line."""
    reason = " ".join(reason.split())
    if not reason:
        return message
    named = message.removeprefix("Could not process ")
    return reason if reason.startswith(f"{named}:") else f"{message}: {reason}"


@contextlib.contextmanager
def collected_errors(seen_warnings: set | None = None):
    """Route every logger's warnings and errors through one ErrorLines handler for the duration."""
    handler = ErrorLines(seen_warnings=seen_warnings)
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(min(previous_level or logging.WARNING, logging.WARNING))
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(previous_level)


def read_settings(root: Path, settings_file: str, overrides: dict | None = None) -> dict:
    from pelican.settings import read_settings as pelican_read_settings

    path = Path(settings_file)
    return pelican_read_settings(str(path if path.is_absolute() else root / path), override=overrides or {})


def describe_exception(error: BaseException) -> str:
    """One line for a build that stopped, naming the template file and line when Jinja knows them."""
    filename, lineno = getattr(error, "filename", None), getattr(error, "lineno", None)
    where = f"{filename}:{lineno}: " if filename and lineno else ""
    return f"the build stopped: {where}{type(error).__name__}: {error}"


def recover_interrupted_swap(output: Path) -> None:
    """A build killed between the two renames of a swap leaves only output.previous: put it back. Folders
    of killed builds (beside output/, or inside it when it is a mount point) are removed."""
    previous = output.with_name(output.name + _PREVIOUS_SUFFIX)
    if previous.is_dir() and not output.exists():
        os.rename(previous, output)
    if output.is_dir():
        for leftover in output.iterdir():
            if leftover.name.startswith(TRANSIENT_PREFIXES) and leftover.is_dir():
                pid = leftover.name.split("-")[1]
                if not (pid.isdigit() and process_alive(int(pid))):
                    shutil.rmtree(leftover, ignore_errors=True)
    for leftover in output.parent.glob(f".{output.name}{_BUILDING_PREFIX}*"):
        pid = leftover.name.removeprefix(f".{output.name}{_BUILDING_PREFIX}").split("-")[0]
        if not (pid.isdigit() and process_alive(int(pid))):
            shutil.rmtree(leftover, ignore_errors=True)


def process_alive(pid: int) -> bool:
    if pid == os.getpid():  # builds in one process run one at a time: ours is a leftover of a failed one
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def new_build_folder(output: Path) -> Path:
    """A fresh private-named folder for the build: beside output/, or inside it when output/ is a mount point
    (a mount point cannot be renamed, and its contents can only be renamed within it)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    if is_mount_point(output):
        folder = Path(tempfile.mkdtemp(prefix=f"{_INSIDE_BUILDING}{os.getpid()}-", dir=output))
    else:
        folder = Path(tempfile.mkdtemp(prefix=f".{output.name}{_BUILDING_PREFIX}{os.getpid()}-", dir=output.parent))
    folder.chmod(0o755)  # mkdtemp makes it private; web servers must read the published copy
    return folder


def is_mount_point(path: Path) -> bool:
    """A file system mounted there, or a folder bind-mounted there (a Docker volume; os.path.ismount does not
    see a bind mount of a folder from the same file system: /proc/self/mountinfo does)."""
    if not path.is_dir():
        return False
    if os.path.ismount(path):
        return True
    try:
        lines = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False
    target = str(path.resolve())
    return any(
        len(fields) > 4 and fields[4].replace("\\040", " ") == target for fields in (line.split() for line in lines)
    )


def swap_in(folder: Path, output: Path, trash: Path | None = None) -> None:
    """Replace output/ by the finished folder with two renames; the old tree is removed afterwards (moved into
    `trash` and removed in the background when given: remove_in_background). When output/ cannot be renamed
    (a mount point: EBUSY), its contents are swapped instead (swap_contents)."""
    previous = output.with_name(output.name + _PREVIOUS_SUFFIX)
    if folder.parent == output:
        swap_contents(folder, output)
        return
    shutil.rmtree(previous, ignore_errors=True)
    if output.exists():
        try:
            os.rename(output, previous)
        except OSError as error:
            if error.errno not in (errno.EBUSY, errno.EXDEV, errno.EPERM, errno.EACCES):
                raise
            swap_contents(folder, output)
            return
    os.rename(folder, output)
    if trash is None:
        shutil.rmtree(previous, ignore_errors=True)
    else:
        remove_in_background(previous, trash)


def remove_in_background(tree: Path, trash: Path) -> None:
    """Move `tree` into the folder `trash` (one rename) and remove it there with `rm -rf` in the background:
    the new output is in place already, and unlinking the old one's 20,000 files (at 10,000 articles) is
    0.2 s a build need not wait for. Whatever an interrupted removal leaves in `trash` goes with the next
    one. Where the rename or the command cannot be had, the tree is removed here and now."""
    try:
        trash.mkdir(parents=True, exist_ok=True)
        os.rename(tree, trash / f"{os.getpid()}-{time.time_ns()}")
        # `sh` puts `rm` in the background and exits at once: waited for here, so no child is left unreaped
        subprocess.run(
            ["sh", "-c", 'cd "$1" && rm -rf -- ./* </dev/null >/dev/null 2>&1 &', "sh", str(trash)],
            check=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        shutil.rmtree(tree, ignore_errors=True)
        shutil.rmtree(trash, ignore_errors=True)


def swap_contents(folder: Path, output: Path) -> None:
    """Swap the entries inside output/ for the new build's: the status file goes first (publish refuses the
    folder from then on), each old entry is renamed aside, each new one renamed in (copied when the build
    folder is on another file system), the new status file last. One rename per entry, not one in all: a
    crash in between leaves a folder without a status file, which publish refuses and the next build replaces."""
    (output / BUILD_STATUS).unlink(missing_ok=True)
    aside = Path(tempfile.mkdtemp(prefix=f"{_INSIDE_PREVIOUS}{os.getpid()}-", dir=output))
    for entry in os.listdir(output):
        if not entry.startswith(TRANSIENT_PREFIXES):
            os.rename(output / entry, aside / entry)
    for entry in sorted(os.listdir(folder), key=lambda name: name == BUILD_STATUS):
        try:
            os.rename(folder / entry, output / entry)
        except OSError as error:
            if error.errno != errno.EXDEV:
                raise
            if (folder / entry).is_dir():
                shutil.copytree(folder / entry, output / entry, symlinks=True)
            else:
                shutil.copy2(folder / entry, output / entry)
    shutil.rmtree(aside, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)


def write_status(folder: Path, settings_file: str, errors: list[str]) -> None:
    status = {"complete": True, "errors": len(errors), "settings": Path(settings_file).name}
    (folder / BUILD_STATUS).write_text(json.dumps(status, sort_keys=True) + "\n", encoding="utf-8")


def read_status(output: Path) -> dict | None:
    try:
        return json.loads((output / BUILD_STATUS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def import_raw(root: Path, settings_file: str, paths: list[Path] | None = None) -> list:
    """The raw articles' import (all, or `paths`); returns the outcomes of those that failed."""
    from tooling.importing import run_import

    return run_import(root, settings_file, paths or [])


def _import_failure_lines(failed: list) -> list[str]:
    """The error lines the import printed for the raw articles that failed (each names its file)."""
    return [message for outcome in failed for message in outcome.messages]


def _relative_names(failed: list, content: Path) -> list[str]:
    return [os.path.relpath(outcome.raw, content).replace(os.sep, "/") for outcome in failed]


def _settings_path(root: Path, settings_file: str) -> Path:
    path = Path(settings_file)
    return path if path.is_absolute() else root / path


def _raw_to_import(check: buildstate.Check, raw_dir: str, import_dir: str) -> list[Path] | None:
    """The raw articles an incremental build imports: changed ones, and those whose Markdown was deleted
    (an editor's way to ask for a fresh import). None: import everything."""
    if not check.usable:
        return None
    content = check.inputs.paths["PATH"]
    prefix = raw_dir.rstrip("/") + "/"
    wanted = {name for name in check.changed if name.startswith(prefix) and name in check.inputs.content}
    # those that failed last time fail again (and are reported again) unless something else changed
    wanted |= {name for name in check.state.failed_raw if name in check.inputs.content}
    markdown_prefix = import_dir.rstrip("/") + "/"
    gone = {
        Path(name).stem
        for name in check.changed
        if name.startswith(markdown_prefix) and name not in check.inputs.content
    }
    if gone:
        wanted |= {name for name in check.inputs.content if name.startswith(prefix) and Path(name).stem in gone}
    return [content / name for name in sorted(wanted)]


@contextlib.contextmanager
def fewer_collections():
    """Python's cyclic garbage collector runs every 700 new objects, and each run walks more of the objects
    that live for the whole build: an edit's build at 10,000 articles ran it 1,168 times, for 0.6 s, to free
    little. With a higher first threshold it runs a few times (same peak memory, measured); the thresholds
    are restored after, so a dev server collects as usual between rebuilds."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@fewer_collections()
def build_site(
    root: Path,
    settings_file: str,
    overrides: dict | None = None,
    import_first: bool = True,
    output: Path | None = None,
    seen_warnings: set | None = None,
    incremental: bool = True,
    keep_site: Path | None = None,
) -> BuildResult:
    """Import raw articles, build into a fresh folder, swap it in when Pelican finished.

    Article errors (import or read) do not stop the build: the rest of the site is built and swapped in, and
    the errors are returned (the status file records them, so `publish` refuses the result).
    With `incremental`, a build whose inputs and output are as the last clean build left them does nothing,
    and any other writes only the pages its changes show on (tooling.incremental), the rest linked from the
    previous output. `keep_site`: keep the finished site there (tooling.snapshot) for the caller, who holds its
    token (BuildResult.kept_site), as the dev server does; builds recorded for `invoke build` keep theirs anyway."""
    started = time.perf_counter()
    root = Path(root).resolve()
    overrides = {"NEWS_IMPORT_ON_BUILD": False, **(overrides or {})}
    settings_path = _settings_path(root, settings_file)
    settings_name = Path(settings_file).name
    check = buildstate.check(settings_path, overrides, output, settings_name) if incremental else None
    if check is not None and check.up_to_date:
        for name in check.inputs.skipped:  # Pelican does not run to say it (news_cache.content_files)
            _warn_skipped(name)
        for line in check.state.errors:  # still true: their files did not change
            print(f"error: {line}", file=sys.stderr, flush=True)
        out = check.inputs.paths["OUTPUT_PATH"]
        return BuildResult(
            output=out,
            errors=list(check.state.errors),
            completed=True,
            up_to_date=True,
            seconds=time.perf_counter() - started,
            summary=f"nothing changed since the last build; {out.name}/ is up to date",
        )

    from pelican import Pelican

    failed_imports: list = []
    paths = None
    values = check.inputs.values if check is not None and check.inputs is not None else {}
    import_dir = str(values.get("NEWS_IMPORT_DIR", IMPORT_DEFAULTS["NEWS_IMPORT_DIR"]))
    ahead = None
    if import_first:
        raw_dir = str(values.get("NEWS_RAW_DIR", IMPORT_DEFAULTS["NEWS_RAW_DIR"]))
        paths = _raw_to_import(check, raw_dir, import_dir) if check is not None else None
        if paths is None:
            failed_imports = import_raw(root, settings_file)
        elif paths:
            failed_imports, ahead = _import_reading_ahead(root, settings_file, paths, check, raw_dir)
    settings = read_settings(root, settings_file, overrides)
    if ahead is not None:  # the kept site refers to ahead.settings: made this build's settings
        ahead.settings.update(settings)
        settings = ahead.settings
    output = Path(output or settings["OUTPUT_PATH"]).resolve()
    result = BuildResult(output=output)
    search = "news_seo" in (settings.get("PLUGINS") or []) and bool(settings.get("NEWS_SEO_PAGEFIND", True))
    recover_interrupted_swap(output)
    if check is not None and check.inputs is not None and import_first:
        _content_after_import(check, paths, import_dir)
    base = check.state if check is not None and check.usable else None
    folder = new_build_folder(output)
    settings.update(OUTPUT_PATH=str(folder), DELETE_OUTPUT_DIRECTORY=False, NEWS_SEO_PAGEFIND=False)
    import_failed = [f"{len(failed_imports)} raw article(s) failed to import"] * bool(failed_imports)
    with collected_errors(seen_warnings) as log:
        try:
            outcome = _run(Pelican(settings), base, check, folder, output, search, ahead, keep_site)
        except Exception as error:  # noqa: BLE001 - reported as one line, the previous output stays
            logging.getLogger("tooling.build").error("%s", describe_exception(error))
            shutil.rmtree(folder, ignore_errors=True)
            result.errors = import_failed + log.errors
            return result
        if outcome.restored and base is not None:  # the files that failed were not read: their errors stand
            log.say_again(dict(base.reader_errors))
    result.errors = import_failed + log.errors
    write_status(folder, settings_file, result.errors)
    state_file = buildstate.state_path(Path(settings["CACHE_PATH"]))
    buildstate.forget(state_file)  # until the new output is in place, no state describes it
    swap_in(folder, output, trash=Path(settings["CACHE_PATH"]) / "news_cache" / "trash")
    result.completed = True
    if check is not None and check.inputs is not None:
        # Renames (and copy2) keep every file's time: the manifest is still true after the swap.
        buildstate.save(
            state_file,
            buildstate.BuildState(
                build_id=buildstate.status_identity(output),
                output=str(output),
                settings_key=check.inputs.settings_key,
                code_key=check.inputs.code_key,
                content=check.inputs.content,
                manifest=outcome.manifest,
                fingerprints=outcome.site.fingerprints,
                links=outcome.site.links,
                site_key=outcome.site.site_key,
                snapshot=outcome.snapshot,
                errors=tuple(_import_failure_lines(failed_imports) + log.errors),
                failed_raw=tuple(_relative_names(failed_imports, check.inputs.paths["PATH"])),
                reader_errors=tuple(sorted(log.unreadable.items())),
            ),
        )
    result.summary, result.seconds = outcome.summary, time.perf_counter() - started
    result.kept_site = outcome.snapshot
    return result


# A kept site smaller than this is read in less time than the forked copy costs (measured: at 1,000 articles,
# 2.3 MB, the body edit took 0.02 s longer with the copy; at 10,000, 23 MB, 0.3 s less).
READ_AHEAD_FROM_BYTES = 8_000_000


def _import_reading_ahead(root: Path, settings_file: str, paths: list[Path], check, raw_dir: str):
    """import_raw(paths) in a forked copy while this process reads the last build's finished site, when the
    changes could let this build take it (tooling.snapshot): at 10,000 articles each takes about 0.4 s, the
    import mostly reading every Markdown file's slug. Returns (import failures, snapshot.ReadAhead or None)."""
    from news_core.forked import beside, can_fork
    from tooling import snapshot

    kept = snapshot.snapshot_path(check.inputs.paths["CACHE_PATH"])
    if not (
        can_fork()
        and check.usable
        and check.state.snapshot
        and _may_take_kept_site(check, raw_dir)
        and _size(kept) >= READ_AHEAD_FROM_BYTES
    ):
        return import_raw(root, settings_file, paths), None

    def import_saying_it_here():
        # what the import prints comes back with its result: the copy's sys.stderr may be a stream of this
        # process (a test's, a caller's) that the copy cannot write into
        printed = io.StringIO()
        with contextlib.redirect_stderr(printed):
            errors = import_raw(root, settings_file, paths)
        return errors, printed.getvalue()

    imported = beside(import_saying_it_here)
    ahead = snapshot.read_ahead(kept, check.state.snapshot)
    errors, printed = imported()
    sys.stderr.write(printed)
    sys.stderr.flush()
    return errors, ahead


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _may_take_kept_site(check: buildstate.Check, raw_dir: str) -> bool:
    """Before the import: every change is to a raw article or to a file that existed before and still does
    (what _body_edit_candidates then asks of the imported Markdown)."""
    prefix = raw_dir.rstrip("/") + "/"
    before, now = check.state.content, check.inputs.content
    return _errors_stand(check) and all(
        name.startswith(prefix) or (name in before and name in now) for name in check.changed
    )


def _errors_stand(check: buildstate.Check) -> bool:
    """True when every error of the last build comes from a file this build meets again as it was, so that
    taking its finished site, which left those files out too, says the same: a raw article that failed to
    import (imported again by every build, which says its error again) or a file Pelican could not read that
    did not change since (said again from the record)."""
    state = check.state
    unreadable = dict(state.reader_errors)
    if any(name in check.changed for name in unreadable):
        return False
    failed_imports = tuple(f"{name}:" for name in state.failed_raw)
    said_again = set(unreadable.values())
    return all(line in said_again or line.startswith(failed_imports) for line in state.errors)


def _content_after_import(check: buildstate.Check, imported: list[Path] | None, import_dir: str) -> None:
    """The content files as Pelican will read them: the import may have written Markdown. After a few raw
    articles, only their Markdown (same name, .md) is looked at again; after a full import, everything."""
    folders = check.inputs.paths
    if imported is not None and len(imported) <= 100:
        content = dict(check.inputs.content)
        for raw in imported:
            for name in (f"{import_dir}/{raw.stem}.md", f"{import_dir}/{raw.stem}.md.new"):
                try:
                    content[name] = buildstate.content_stamp(os.stat(folders["PATH"] / name))
                except OSError:
                    content.pop(name, None)
    else:
        content, _ = buildstate.content_stats(folders["PATH"], exclude=[folders["OUTPUT_PATH"], folders["CACHE_PATH"]])
    check.inputs.content = content
    if check.usable:
        check.changed = {
            name
            for name in content.keys() | check.state.content.keys()
            if content.get(name) != check.state.content.get(name)
        }


def _warn_skipped(name: str) -> None:
    print(
        f"warning: news_cache: {name}: a symbolic link to a missing file or a loop; skipped",
        file=sys.stderr,
        flush=True,
    )


@dataclass
class _Outcome:
    site: object
    manifest: dict
    summary: str
    snapshot: str = ""  # the token of the finished site this build kept for the next
    restored: bool = False  # the last build's finished site was taken: only the edited articles were read


def _body_edit_candidates(check: buildstate.Check, settings: dict) -> list[str] | None:
    """The article files (under PATH) a build could take from the last build's finished site, when every
    change is to an existing article's Markdown (or a raw article imported into it); None otherwise."""
    from news_core.importer.side_files import is_side_file
    from tooling.rebuild import MARKDOWN_SUFFIXES

    raw_dir = str(settings.get("NEWS_RAW_DIR") or IMPORT_DEFAULTS["NEWS_RAW_DIR"]).rstrip("/") + "/"
    article_dirs = tuple(
        str(path).strip("/") + "/" if str(path).strip("/") else "" for path in settings.get("ARTICLE_PATHS") or [""]
    )
    before, now = check.state.content, check.inputs.content
    if not _errors_stand(check):  # an article that failed is read again, and its error said, by the generators
        return None
    edited = []
    for name in check.changed:
        if name.startswith(raw_dir) or is_side_file(name):
            continue
        if Path(name).suffix not in MARKDOWN_SUFFIXES or not name.startswith(article_dirs):
            return None
        if name not in before or name not in now:
            return None
        edited.append(name)
    return sorted(edited) or None


def _run(
    pelican, base, check, folder: Path, output: Path, search: bool, ahead=None, keep_at: Path | None = None
) -> _Outcome:
    """Pelican's generators, the planned pages written, the rest carried over, the search index if needed.
    `ahead`: the last build's finished site, read while the edited raw articles were imported (or None).
    `keep_at`: where to keep the finished site when the build is not recorded (build_site's keep_site)."""
    from pelican import signals

    from tooling import incremental, search_index, snapshot
    from tooling.rebuild import run_planned

    found: dict = {"ahead": ahead}  # held here only, and let go once restore() looked at it
    context = ahead.context if ahead is not None else None
    del ahead
    lists_written: set[str] = set()
    start = len(str(folder)) + 1
    recorded = check is not None and check.inputs is not None  # kept for the next build, which it records
    kept_site = keep_at if keep_at is not None else snapshot.snapshot_path(Path(pelican.settings["CACHE_PATH"]))
    token = secrets.token_hex(8)

    # the articles a body edit puts into the kept site, if this build may be one
    candidates = _body_edit_candidates(check, pelican.settings) if base is not None else None

    def restore(generators) -> bool:
        ahead = found.pop("ahead", None)
        if not candidates or not base.snapshot:
            return False
        found["restored"] = snapshot.apply_body_edits(
            generators, kept_site, pelican.settings, base.snapshot, candidates, found.setdefault("kept", []), ahead
        )
        return found["restored"]

    def decide(generators):
        site = incremental.describe(
            generators, pelican.settings["PATH"], base, check.changed if base is not None else frozenset()
        )
        raw_dir = (
            str(pelican.settings.get("NEWS_RAW_DIR") or IMPORT_DEFAULTS["NEWS_RAW_DIR"])
            if "news_import" in pelican.settings.get("PLUGINS", [])
            else None
        )
        found["site"] = site
        found["plan"] = incremental.plan(
            site,
            base,
            check.changed if base is not None else set(),
            raw_dir,
            no_base=check.reason if check is not None else "",
        )
        found["articles"] = sum(len(getattr(generator, "articles", None) or []) for generator in generators)
        incremental.find_files(site, found["plan"], base)
        if recorded or keep_at is not None:  # the same site but for some bodies: only those are recorded
            taken = bool(found.get("restored"))
            kept_for, kept_now = (base.snapshot, found["kept"]) if taken else ("", None)
            snapshot.keep(kept_site, generators, pelican.settings, token, kept_for, kept_now)
            found["snapshot"] = token
        return found["plan"]

    def on_written(path, **_):
        lists_written.add(str(path)[start:].replace(os.sep, "/"))

    def edited() -> set[str]:  # the articles and pages whose own files changed (once the site is described)
        if "edited" not in found:
            found["edited"] = incremental.changed_sources(found["site"], check.changed) if base is not None else set()
        return found["edited"]

    def index_early(paths):  # the pages are written; the `finalized` hooks and the carrying over are to come
        if search and base is not None:
            # the writer's record has the pages news_parallel's forked copy wrote, which sent no signal here
            pages = set(lists_written)
            if paths is not None:
                pages = {str(path)[start:].replace(os.sep, "/") for path in paths}
            found["early"] = search_index.start_early(
                pelican.settings,
                output,
                folder,
                base,
                found["site"],
                found["plan"],
                pages,
                edited(),
                lambda: new_build_folder(output),
            )

    signals.content_written.connect(on_written, weak=False)
    signals.feed_written.connect(on_written, weak=False)
    try:
        # a body edit that may take the kept site reads no other article: the reader cache waits until needed
        late = (
            base is not None
            and bool(base.snapshot)
            and "news_cache" in (pelican.settings.get("PLUGINS") or [])
            and bool(pelican.settings.get("NEWS_CACHE", True))
            and candidates is not None
        )
        generators, chosen, rendered = run_planned(
            pelican, decide, restore, context, written=index_early, reader_cache_late=late
        )
        if found.get("restored"):  # said once the page is written: with search on, Pagefind starts sooner
            snapshot.repeat_summaries(generators, pelican.settings, found["kept"][2])
        site = found["site"]
        lists_written -= set(site.save_as)
        written = incremental.walk(folder)
        carried: set[str] = set()
        if base is not None:
            carried = incremental.carry_over(output, folder, base, chosen, site, written)
        manifest = incremental.owners(folder, site, lists_written, base, carried, written)
        searched = ""
        if search:
            early = found.get("early")
            searched = search_index.update(
                pelican.settings, output, folder, base, site, written, carried, edited(), early
            )
            found["early"] = None  # taken, or thrown away
    finally:
        signals.content_written.disconnect(on_written)
        signals.feed_written.disconnect(on_written)
        if found.get("early") is not None:  # the build failed before it could take them
            found["early"].discard()
    manifest.update(incremental.search_index_entries(folder))
    articles = found["articles"]
    what = "every page" if not chosen.selective else f"{rendered} page(s) written"
    summary = (
        f"{articles} article(s); {what}, {len(carried)} file(s) kept from the last build"
        + (f"; {searched}" if searched else "")
        + (f" ({chosen.reason})" if chosen.reason else "")
    )
    if found.get("restored"):
        summary += " (from the finished site kept by the last build)"
    return _Outcome(site, manifest, summary, found.get("snapshot", ""), bool(found.get("restored")))
