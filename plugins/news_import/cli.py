"""`news-import FILE`: print the Markdown that one raw dump imports to, for scripting and review."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from news_core.importer.convert import convert
from news_core.importer.errors import ImportProblem
from news_core.importer.sync import printable


def source_name(path: Path) -> str:
    """The path as `invoke import` records it (relative to content/) when the file is in a content folder."""
    absolute = path.resolve()
    for parent in absolute.parents:
        if parent.name == "content":
            return absolute.relative_to(parent).as_posix()
    return path.as_posix()


def site_timezone_name(path: Path) -> str:
    """The TIMEZONE of the site the file belongs to: the pelicanconf.py beside the content/ folder that holds
    it, else the one in the current folder; UTC (Pelican's own assumption) when there is none."""
    absolute = path.resolve()
    candidates = [parent.parent / "pelicanconf.py" for parent in absolute.parents if parent.name == "content"]
    candidates.append(Path.cwd() / "pelicanconf.py")
    for conf in candidates:
        if conf.is_file():
            from pelican.settings import get_settings_from_file

            try:
                return str(get_settings_from_file(str(conf)).get("TIMEZONE") or "UTC")
            except Exception as error:  # noqa: BLE001 - the editor's own Python; the import still runs in UTC
                print(f"warning: {printable(str(conf))}: cannot read TIMEZONE ({error}); dates in UTC", file=sys.stderr)
                return "UTC"
    return "UTC"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="news-import", description=__doc__.split(":", 1)[1].strip())
    parser.add_argument("file", type=Path, help="a raw article (text dump of a news page)")
    parser.add_argument(
        "--timezone",
        help="time zone for dates without one (default: the site's TIMEZONE, from the "
        "pelicanconf.py beside content/ or in this folder; else UTC)",
    )
    options = parser.parse_args(argv)
    if options.timezone is None:
        options.timezone = site_timezone_name(options.file)
    try:
        timezone = ZoneInfo(options.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        parser.error(f"unknown timezone {options.timezone!r}")
    name = printable(str(options.file))
    try:
        result = convert(options.file.read_bytes(), printable(source_name(options.file)), timezone)
    except ImportProblem as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {name}: cannot read: {error.strerror}", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(f"warning: {name}: {warning}", file=sys.stderr)
    sys.stdout.write(result.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
