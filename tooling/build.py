"""One build of the site through Pelican's Python API: errors counted, the output folder swapped in atomically.

Pelican's own command exits 0 when an article fails to read (it logs ERROR and goes on), and `--fatal errors`
stops at the first one. Here the whole site is built, every error is printed as one line without a traceback,
and the caller learns how many there were. The site is written into a temporary folder next to output/ and
renamed into place only when Pelican finished; a build that crashes or is killed leaves the previous output.
A status file written last into the folder tells `publish` whether the build is complete and clean.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

BUILD_STATUS = ".build-status.json"  # written last; never published (see tooling/publish.py)
_BUILDING_PREFIX = ".building-"
_PREVIOUS_SUFFIX = ".previous"


@dataclass
class BuildResult:
    output: Path
    errors: list[str] = field(default_factory=list)
    completed: bool = False  # Pelican ran to the end and the new folder was swapped in

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

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage().strip()
        except Exception:  # a plugin's malformed log call must not end the build
            message = str(record.msg)
        message = message.removeprefix("news_import: ")
        label = "error" if record.levelno >= logging.ERROR else "warning"
        if label == "error" and not record.exc_info:
            # Pelican logs "Could not process FILE" from inside its `except` and drops the reason unless
            # DEBUG is on: the exception being handled right now is that reason.
            reason = sys.exc_info()[1]
            if reason is not None and str(reason) and str(reason) not in message:
                reason_text = " ".join(str(reason).split())
                # Our reader's reasons start with the file (`articles/x.md:3: ...`): that alone is the line.
                named = message.removeprefix("Could not process ")
                message = reason_text if reason_text.startswith(f"{named}:") else f"{message}: {reason_text}"
        if label == "error":
            self.errors.append(message)
        elif self.seen_warnings is not None:
            if message in self.seen_warnings:
                return
            self.seen_warnings.add(message)
        print(f"{label}: {message}", file=self.stream or sys.stderr, flush=True)


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
    """A build killed between the two renames of a swap leaves only output.previous: put it back."""
    previous = output.with_name(output.name + _PREVIOUS_SUFFIX)
    if previous.is_dir() and not output.exists():
        os.rename(previous, output)
    for leftover in output.parent.glob(f".{output.name}{_BUILDING_PREFIX}*"):
        pid = leftover.name.removeprefix(f".{output.name}{_BUILDING_PREFIX}").split("-")[0]
        if not (pid.isdigit() and _alive(int(pid))):
            shutil.rmtree(leftover, ignore_errors=True)


def _alive(pid: int) -> bool:
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
    output.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{output.name}{_BUILDING_PREFIX}{os.getpid()}-", dir=output.parent))
    folder.chmod(0o755)  # mkdtemp makes it private; web servers must read the published copy
    return folder


def swap_in(folder: Path, output: Path) -> None:
    """Replace output/ by the finished folder with two renames; the old tree is removed afterwards."""
    previous = output.with_name(output.name + _PREVIOUS_SUFFIX)
    shutil.rmtree(previous, ignore_errors=True)
    if output.exists():
        os.rename(output, previous)
    os.rename(folder, output)
    shutil.rmtree(previous, ignore_errors=True)


def write_status(folder: Path, settings_file: str, errors: list[str]) -> None:
    status = {"complete": True, "errors": len(errors), "settings": Path(settings_file).name}
    (folder / BUILD_STATUS).write_text(json.dumps(status, sort_keys=True) + "\n", encoding="utf-8")


def read_status(output: Path) -> dict | None:
    try:
        return json.loads((output / BUILD_STATUS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def import_raw(root: Path, settings_file: str, paths: list[Path] | None = None) -> int:
    from news_import.importing import run_import

    return run_import(root, settings_file, paths or [])


def build_site(root: Path, settings_file: str, overrides: dict | None = None, import_first: bool = True,
               output: Path | None = None, seen_warnings: set | None = None) -> BuildResult:
    """Import raw articles, build everything into a fresh folder, swap it in when Pelican finished.

    Article errors (import or read) do not stop the build: the rest of the site is built and swapped in, and
    the errors are returned (the status file records them, so `publish` refuses the result)."""
    from pelican import Pelican

    root = Path(root).resolve()
    import_errors = import_raw(root, settings_file) if import_first else 0
    settings = read_settings(root, settings_file, {"NEWS_IMPORT_ON_BUILD": False, **(overrides or {})})
    output = Path(output or settings["OUTPUT_PATH"]).resolve()
    result = BuildResult(output=output)
    recover_interrupted_swap(output)
    folder = new_build_folder(output)
    settings.update(OUTPUT_PATH=str(folder), DELETE_OUTPUT_DIRECTORY=False)
    with collected_errors(seen_warnings) as log:
        try:
            Pelican(settings).run()
        except Exception as error:  # noqa: BLE001 - reported as one line, the previous output stays
            logging.getLogger("tooling.build").error("%s", describe_exception(error))
            shutil.rmtree(folder, ignore_errors=True)
            result.errors = [f"{import_errors} raw article(s) failed to import"] * bool(import_errors) + log.errors
            return result
    result.errors = [f"{import_errors} raw article(s) failed to import"] * bool(import_errors) + log.errors
    write_status(folder, settings_file, result.errors)
    swap_in(folder, output)
    result.completed = True
    return result
