"""Turn the bytes of a raw dump into text: byte-order marks, UTF-8, and the Windows-1252 files of old CMSes.

UTF-8 is decoded byte sequence by byte sequence: one stray Windows-1252 byte (a `’` pasted from an old CMS into
a UTF-8 dump) is read as Windows-1252 on its own, with a warning naming its line, instead of turning every
other accented letter of the file into mojibake.
"""

from __future__ import annotations

import codecs
import threading

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


class _StrayBytes:
    """A codecs error handler reading each byte sequence that is not UTF-8 as Windows-1252, noting where."""

    name = "news_import.cp1252_where_not_utf8"

    def __init__(self):
        self._seen = threading.local()
        codecs.register_error(self.name, self)

    def __call__(self, error: UnicodeDecodeError):
        self._seen.value.append((error.start, error.end))
        return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end

    def decode(self, data: bytes) -> tuple[str, list[tuple[int, int]]]:
        self._seen.value = []
        try:
            return data.decode("utf-8", errors=self.name), self._seen.value
        finally:
            self._seen.value = []


_STRAY_BYTES = _StrayBytes()
_HIGH_BYTES = bytes(range(128, 256))


def _decode_utf8(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 text; bytes that are not UTF-8 read as Windows-1252, with a warning saying where."""
    text, stray = _STRAY_BYTES.decode(data)
    if not stray:
        return text, []
    lines = sorted({data.count(b"\n", 0, start) + 1 for start, _ in stray})
    stray_bytes = sum(end - start for start, end in stray)
    high_bytes = len(data) - len(data.translate(None, _HIGH_BYTES))
    if stray_bytes == high_bytes:  # not one valid UTF-8 sequence: the whole file is Windows-1252
        return text, [f"line {lines[0]}: not valid UTF-8; read as Windows-1252 (Latin-1)"]
    where = (
        f"line {lines[0]}"
        if len(lines) == 1
        else (f"lines {', '.join(map(str, lines[:5]))}" + (f" and {len(lines) - 5} more" if len(lines) > 5 else ""))
    )
    return text, [
        f"{where}: {len(stray)} byte(s) not valid UTF-8 in a UTF-8 file; read as Windows-1252 "
        f"there, the rest as UTF-8 (check {'that line' if len(lines) == 1 else 'those lines'})"
    ]


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
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise ImportProblem(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding}: {error.reason}"
                ) from None
            break
    if text is None:
        _reject_binary(data)
        text, warnings = _decode_utf8(data)
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
