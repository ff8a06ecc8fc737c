"""The import memo (news_cache/import_memo.py): saved by the process that imported, never loaded by one that did not."""

from __future__ import annotations

import sys

from support import ROOT, SEED

sys.path.insert(0, str(ROOT / "plugins"))
from news_cache.import_memo import ConvertMemo  # noqa: E402
from news_core.importer.convert import Conversion, convert  # noqa: E402

RAW = SEED.read_bytes()


def memo_at(path) -> ConvertMemo:
    return ConvertMemo(path, "key-1", convert, Conversion)


def test_a_conversion_is_saved_and_served_by_the_next_memo(tmp_path):
    path = tmp_path / "memo.pickle"
    first = memo_at(path)
    converted = first(b"data" + RAW, "a.txt")
    first.save()
    calls = []
    second = ConvertMemo(path, "key-1", lambda *args, **kwargs: calls.append(args), Conversion)
    assert second(b"data" + RAW, "a.txt").markdown == converted.markdown
    assert calls == []  # served from the file, not converted again


def test_a_process_that_converted_nothing_neither_loads_nor_rewrites_the_memo(tmp_path, monkeypatch):
    """The build process after the import ran in its own process: the memo file holds every article's
    Markdown, and loading it there would keep megabytes on the build's heap for nothing."""
    path = tmp_path / "memo.pickle"
    filled = memo_at(path)
    filled(RAW, "a.txt")
    filled.save()
    saved = path.stat().st_mtime_ns, path.read_bytes()

    idle = memo_at(path)
    monkeypatch.setattr(ConvertMemo, "_load", lambda self: (_ for _ in ()).throw(AssertionError("memo loaded")))
    idle.save()
    idle.release()
    assert (path.stat().st_mtime_ns, path.read_bytes()) == saved
