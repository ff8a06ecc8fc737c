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
_OPENING = re.compile(r"---[ \t]*(?:\n|\Z)")
# The importer's provenance lines: only an imported article has them.
_STAMPS = re.compile(r"^(?:source_sha256|imported_sha256):[ \t]*['\"]?[0-9a-f]{64}", re.M)
_STAMP_SEARCH_LIMIT = 64 * 1024  # front matter is a few KB; never scan a whole long body for them
# Lines that can belong to a YAML mapping: `key:`, indented continuations, `- items`, comments.
_YAML_LINE = re.compile(r"^(?:[A-Za-z_][\w-]*:(?:[ \t]|$)|[ \t]|- |-$|#)")
# A `key: 'value` or `- "value` line, for finding a quote an editor opened and did not close.
_QUOTED_VALUE = re.compile(r"""^[ \t]*(?:- |[A-Za-z_][\w-]*:[ \t]+)(?P<quote>['"])(?P<rest>.*)$""")
# Plain words for PyYAML's commonest complaints about hand-edited front matter.
_ADVICE = (
    ("while scanning a quoted scalar", "a quote opened here is never closed; "),
    ("mapping values are not allowed", "a `: ` inside a value (put the value in quotes) or a wrong indent; "),
    ("found character '\\t'", "a tab: indent with spaces; "),
    ("cannot start any token", "a character YAML does not allow here (a tab? indent with spaces); "),
    ("while parsing a flow", "a `[` or `{` opened here is never closed; "),
)


# libyaml's safe dumper and loader when PyYAML was built with it: same output, several times faster.
_SafeDumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
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
    return yaml.dump(
        fields, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False
    )


def has_front_matter(text: str) -> bool:
    return text.startswith(DELIMITER) and _FRONT_MATTER.match(text) is not None


def is_ours(text: str) -> bool:
    """A document for our reader: it opens with a `---` line, or it carries the importer's stamps (an imported
    article whose `---` lines an editor deleted). Such a file never falls through to Pelican's own Markdown
    reader, which would run the raw HTML an imported article quotes and show its front matter as text."""
    text = text.lstrip("\ufeff")
    return _OPENING.match(text) is not None or _STAMPS.search(text, 0, _STAMP_SEARCH_LIMIT) is not None


def split(text: str) -> tuple[dict, str, int]:
    """Return (fields, body, body's first line number); raise ImportProblem (with the line of the mistake) when
    the front matter is not there, not closed, not YAML, or holds a value YAML cannot read (`2024-02-30`)."""
    text = text.lstrip("\ufeff")
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise _missing_delimiter(text)
    source = match["yaml"] or ""
    try:
        fields = yaml.load(source, Loader=_SafeLoader) or {}
    except yaml.YAMLError as error:
        raise _syntax_problem(error, source) from None
    except (ValueError, OverflowError) as error:  # PyYAML's constructors: `2024-02-30` names no day
        raise _value_problem(source, error) from None
    if not isinstance(fields, dict):
        raise ImportProblem("front matter must be a mapping of `key: value` lines", line=2)
    body_line = text[: match.end()].count("\n") + 1
    return fields, text[match.end() :], body_line


def key_line(text: str, key: str) -> int | None:
    """The line of a top-level `key:` in a document's front matter (for messages), None when not found."""
    match = re.search(rf"^{re.escape(key)}[ \t]*:", text.lstrip("\ufeff"), re.M)
    return text.lstrip("\ufeff").count("\n", 0, match.start()) + 1 if match else None


def _missing_delimiter(text: str) -> ImportProblem:
    if _OPENING.match(text) is None:
        return ImportProblem(
            "no YAML front matter: the file must start with a `---` line (an imported article "
            "keeps its `key: value` lines between two `---` lines)",
            line=1,
        )
    lines = text.split("\n")
    end = next(
        (number for number, line in enumerate(lines[1:], start=2) if line.strip() and not _YAML_LINE.match(line)),
        len(lines) + 1,
    )
    return ImportProblem(
        f"the front matter opened by `---` on line 1 is never closed: add a `---` line before line {end}", line=end
    )


def _syntax_problem(error: yaml.YAMLError, source: str) -> ImportProblem:
    """Name the line of the mistake: where an unclosed quote or bracket opened, not the end of the front matter
    where PyYAML noticed it."""
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None) or ""
    mark = getattr(error, "problem_mark", None)
    if context.startswith(("while scanning a quoted", "while scanning a block scalar", "while parsing a flow")):
        mark = getattr(error, "context_mark", None) or mark
    line = mark.line + 1 if mark else 1
    hint = next((advice for needle, advice in _ADVICE if needle in f"{context} {problem}"), "")
    reason = (
        f"{problem} {context}" if context.startswith(("while scanning a quoted", "while scanning a block")) else problem
    )
    unclosed = _unclosed_quote_line(source, line)
    if unclosed is not None and not hint:
        line, hint = unclosed, "a quote opened here is never closed on its line; "
    return ImportProblem(f"front matter is not valid YAML: {hint}{reason}", line=line + 1)


def _unclosed_quote_line(source: str, before: int) -> int | None:
    """The first line before `before` whose quoted value does not close on it (`editor: 'Jane`): YAML reads on
    to the next quote mark, often lines later, and complains there."""
    for number, line in enumerate(source.split("\n")[: before - 1], start=1):
        match = _QUOTED_VALUE.match(line)
        if match is None:
            continue
        quote, rest = match["quote"], match["rest"].rstrip()
        closed = (
            (rest.replace("''", "").count("'") % 2 == 1)
            if quote == "'"
            else bool(re.search(r'(?<!\\)(?:\\\\)*"', rest))
        )
        if not closed:
            return number
    return None


def _value_problem(source: str, error: Exception) -> ImportProblem:
    """PyYAML raised outside its YAMLError (a date that names no day): find the value and its key."""
    loader = yaml.SafeLoader(source)
    try:
        root = loader.get_single_node()
        for key, value in root.value if isinstance(root, yaml.MappingNode) else []:
            for scalar in _scalars(value):
                try:
                    loader.construct_object(scalar, deep=True)
                except (ValueError, OverflowError) as cause:
                    kind = "date" if scalar.tag.endswith(":timestamp") else "value"
                    why = "a time zone offset must be under 24 hours" if "offset must be" in str(cause) else cause
                    return ImportProblem(
                        f"front matter `{key.value}`: {scalar.value} is not a valid {kind} ({why})",
                        line=scalar.start_mark.line + 2,
                    )
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return ImportProblem(f"front matter holds a value that cannot be read: {error}", line=2)


def _scalars(node):
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(key)
            yield from _scalars(value)


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
    unstamped = document[: match.start()] + document[match.end() :]
    return hashlib.sha256(unstamped.encode("utf-8")).hexdigest() == recorded
