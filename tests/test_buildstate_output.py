"""tooling.buildstate: whether output/ is still what the last build recorded, asked of a forked copy while the
build walks the content (or here, where there is no fork): any file added, removed, resized or touched is
seen, and a running build's folders and the status file are not counted."""

from __future__ import annotations

import logging
import os
import sys

import pytest

from support import ROOT

sys.path.insert(0, str(ROOT))
from tooling import buildstate  # noqa: E402


@pytest.fixture()
def output(tmp_path):
    folder = tmp_path / "output"
    (folder / "2026" / "floods").mkdir(parents=True)
    (folder / "2026" / "floods" / "index.html").write_text("<p>Floods</p>", encoding="utf-8")
    (folder / "feeds.xml").write_text("<rss/>", encoding="utf-8")
    (folder / buildstate.BUILD_STATUS).write_text("{}", encoding="utf-8")
    (folder / ".building-1234").mkdir()
    (folder / ".building-1234" / "half.html").write_text("half", encoding="utf-8")
    return folder


def _record(output):
    return {name: (*entry, "owner") for name, entry in buildstate.output_manifest(output).items()}


@pytest.mark.parametrize("forked", [True, False], ids=["forked", "here"])
def test_the_output_as_recorded_is_seen_so(output, forked, monkeypatch, caplog):
    import news_core.forked

    monkeypatch.setattr(news_core.forked, "can_fork", lambda: forked)
    record = _record(output)
    assert sorted(record) == ["2026/floods/index.html", "feeds.xml"]
    with caplog.at_level(logging.DEBUG, logger="news_core.forked"):
        comparison = buildstate.output_as_recorded_beside(output, record)
    copies = [line for line in caplog.records if " over 1 items in process " in line.getMessage()]
    assert bool(copies) == forked
    assert comparison() is True


@pytest.mark.parametrize(
    "change",
    [
        lambda output: (output / "2026" / "floods" / "index.html").write_text("<p>Flood</p>", encoding="utf-8"),
        lambda output: os.utime(output / "feeds.xml", ns=(1, 1)),
        lambda output: (output / "feeds.xml").unlink(),
        lambda output: (output / "2026" / "extra.html").write_text("", encoding="utf-8"),
    ],
    ids=["rewritten", "touched", "removed", "added"],
)
@pytest.mark.parametrize("forked", [True, False], ids=["forked", "here"])
def test_a_file_changed_in_the_output_since_the_record_is_seen(output, change, forked, monkeypatch):
    import news_core.forked

    monkeypatch.setattr(news_core.forked, "can_fork", lambda: forked)
    record = _record(output)
    change(output)
    assert buildstate.output_as_recorded_beside(output, record)() is False
