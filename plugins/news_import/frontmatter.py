"""YAML front matter: written and read with PyYAML's safe functions only.

A document is `---`, a YAML mapping, `---`, then the Markdown body. The importer stamps
`imported_sha256`, a hash of the document without that line, so a later import can tell whether
an editor has touched the file since.
"""

from __future__ import annotations

import hashlib
import re

import yaml

from .errors import ImportProblem

DELIMITER = "---"
STAMP_KEY = "imported_sha256"
_STAMP_LINE = re.compile(rf"^{STAMP_KEY}: [0-9a-f]{{64}}\n", re.M)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


# libyaml's safe dumper and loader when PyYAML was built with it: same output, several times faster.
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(_SafeDumper):
    """Block style, unicode kept as written, long lines not folded (editors diff these files)."""


_LINE_BREAKS = re.compile("[\n\r\x85\u2028\u2029]")


def _str(dumper: yaml.SafeDumper, value: str):
    # Line breaks of any kind go in a double-quoted scalar, where YAML escapes them: plain and block
    # styles would fold or normalise them and the value would not read back as written.
    style = '"' if _LINE_BREAKS.search(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(fields: dict) -> str:
    return yaml.dump(fields, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000,
                     default_flow_style=False)


def has_front_matter(text: str) -> bool:
    return text.startswith(DELIMITER) and _FRONT_MATTER.match(text) is not None


def split(text: str) -> tuple[dict, str, int]:
    """Return (fields, body, body's first line number); raise ImportProblem on bad YAML."""
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if match is None:
        raise ImportProblem("no YAML front matter: the file must start with `---` and close it with `---`", line=1)
    try:
        fields = yaml.load(match["yaml"] or "", Loader=_SafeLoader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ImportProblem(f"front matter is not valid YAML: {problem}", line=line) from None
    if not isinstance(fields, dict):
        raise ImportProblem("front matter must be a mapping of `key: value` lines", line=2)
    body_line = text[: match.end()].count("\n") + 1
    return fields, text[match.end():], body_line


def stamp(document: str) -> str:
    """Add the `imported_sha256` line (as the last front matter line) for a document without one."""
    digest = hashlib.sha256(document.encode("utf-8")).hexdigest()
    head, sep, rest = document.partition(f"\n{DELIMITER}\n")
    return f"{head}\n{STAMP_KEY}: {digest}{sep}{rest}"


def is_untouched(document: str) -> bool:
    """True when the document is byte for byte what the importer wrote (its stamp still verifies)."""
    match = _STAMP_LINE.search(document)
    if match is None:
        return False
    recorded = match.group(0).split(": ")[1].strip()
    unstamped = document[: match.start()] + document[match.end():]
    return hashlib.sha256(unstamped.encode("utf-8")).hexdigest() == recorded
