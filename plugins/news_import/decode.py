"""Turn the bytes of a raw dump into text: byte-order marks, UTF-8, and the Windows-1252 files of old CMSes."""

from __future__ import annotations

import codecs

from .errors import ImportProblem

MAX_RAW_BYTES = 4 * 1024 * 1024  # a long explainer is ~30 KB; anything this big is a wrong file

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters never found in text; tab, newline, form feed and carriage return are.
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def decode_raw(data: bytes, max_bytes: int = MAX_RAW_BYTES) -> tuple[str, list[str]]:
    """Return (text, warnings) with newlines normalised to \\n, or raise ImportProblem."""
    if len(data) > max_bytes:
        raise ImportProblem(
            f"file is {len(data) / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:.0f} MB limit"
            " for a raw article (is it the right file?)"
        )
    warnings: list[str] = []
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as error:
                raise ImportProblem(f"starts with a {encoding} byte-order mark but is not valid {encoding}: {error.reason}")
            break
    if text is None:
        _reject_binary(data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            warnings.append(f"line {line}: not valid UTF-8; read as Windows-1252 (Latin-1)")
            text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise ImportProblem("contains NUL characters: this looks like a binary file, not a text dump")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ImportProblem("the file is empty")
    return text, warnings


def _reject_binary(data: bytes) -> None:
    sample = data[:8192]
    if b"\x00" in sample:
        raise ImportProblem("contains NUL bytes: this looks like a binary file, not a text dump")
    control_bytes = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    if control_bytes > len(sample) // 100 + 1:
        raise ImportProblem("contains control bytes: this looks like a binary file, not a text dump")
