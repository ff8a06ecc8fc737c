"""Turn the bytes of a saved web page into text, honouring the encoding the page declares.

Order, as browsers do it: a byte-order mark wins; then `<meta charset>` or
`<meta http-equiv="Content-Type" content="...; charset=...">` in the first bytes; then UTF-8, with
Windows-1252 as the fallback of old CMSes (with a warning). The size limit and the binary-file checks are
the text importer's (decode.py), so both kinds of raw file fail the same way.
"""

from __future__ import annotations

import codecs
import re

from .decode import MAX_RAW_BYTES, decode_raw
from .errors import ImportProblem

_PRESCAN_BYTES = 4096  # browsers look at 1024; saved pages sometimes put a long <head> comment first
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*(?P<name>[A-Za-z0-9._:-]+)""", re.I)
# Labels that browsers read as something else (WHATWG Encoding Standard).
_BROWSER_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "x-sjis": "shift_jis",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
}
_UTF16_OR_32 = ("utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be")


def declared_encoding(data: bytes) -> str | None:
    """The charset named by a `<meta>` tag near the top of the page, as the page spells it."""
    match = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    return match["name"].decode("ascii").lower() if match else None


def decode_html(data: bytes, max_bytes: int = MAX_RAW_BYTES) -> tuple[str, list[str]]:
    """Return (text, warnings) for a saved page, or raise ImportProblem (too big, binary, empty)."""
    declared = declared_encoding(data) if not _has_bom(data) else None
    if declared is None:
        return decode_raw(data, max_bytes)
    if len(data) > max_bytes:
        return decode_raw(data, max_bytes)  # raises the same size error as for text dumps
    codec = _codec(declared)
    if codec is None:
        text, warnings = decode_raw(data, max_bytes)
        return text, [f"the page declares an unknown encoding {declared!r}; read as UTF-8"] + warnings
    if codec == "utf_8":
        return decode_raw(data, max_bytes)  # with the text importer's Windows-1252 fallback and its warning
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        text = data.decode(codec, errors="replace")
        return _normalised(text), [
            f"line {line}: not valid {declared} although the page declares it; unreadable characters were replaced"
        ]
    return _normalised(text), []


def _codec(label: str) -> str | None:
    label = _BROWSER_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return None
    # A page that says UTF-16 in an ASCII-compatible <meta> cannot be UTF-16: browsers read it as UTF-8.
    return "utf_8" if name in _UTF16_OR_32 else name


def _has_bom(data: bytes) -> bool:
    return data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def _normalised(text: str) -> str:
    if "\x00" in text:
        raise ImportProblem("contains NUL characters: this looks like a binary file, not a saved page")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ImportProblem("the file is empty")
    return text
