"""Re-importing never loses an editor's work; writes are atomic; the summary counts every outcome."""

from pathlib import Path

import pytest

import news_core.files as news_files
from news_core.importer import sync
from news_core.importer.sync import Status, import_all

RAW_TEXT = "Flood waters recede in Saxony\n\nAugust 15, 2020\n\nThe standfirst.\n\nFirst paragraph.\n"


@pytest.fixture
def site(tmp_path):
    content = tmp_path / "content"
    (content / "raw").mkdir(parents=True)
    raw = content / "raw" / "flood.txt"
    raw.write_text(RAW_TEXT)
    return content, raw, content / "articles" / "flood.md"


def run(content: Path):
    summary = import_all(content, content / "raw", content / "articles")
    assert len(summary.outcomes) == 1
    return summary.outcomes[0]


def test_first_import_writes_then_a_second_changes_nothing(site):
    content, _, markdown = site
    assert run(content).status is Status.IMPORTED
    written = markdown.read_bytes()
    before = markdown.stat().st_mtime_ns
    assert run(content).status is Status.UNCHANGED
    assert markdown.read_bytes() == written and markdown.stat().st_mtime_ns == before


def test_raw_changed_and_markdown_untouched_rewrites_it(site):
    content, raw, markdown = site
    run(content)
    raw.write_text(RAW_TEXT.replace("First paragraph.", "First paragraph, corrected."))
    assert run(content).status is Status.UPDATED
    assert "First paragraph, corrected." in markdown.read_text()
    assert not markdown.with_name("flood.md.new").exists()


def test_edited_markdown_is_kept_and_the_fresh_import_written_beside_it(site):
    content, raw, markdown = site
    run(content)
    edited = markdown.read_text().replace("First paragraph.", "First paragraph, as the editor rewrote it.")
    markdown.write_text(edited)
    raw.write_text(RAW_TEXT.replace("First paragraph.", "First paragraph, updated by the wire."))
    outcome = run(content)
    assert outcome.status is Status.KEPT
    assert markdown.read_text() == edited
    beside = markdown.with_name("flood.md.new")
    assert "updated by the wire" in beside.read_text()
    assert any("flood.md" in message and "flood.md.new" in message for message in outcome.messages)


def test_edited_markdown_with_unchanged_raw_is_kept_quietly(site):
    content, _, markdown = site
    run(content)
    markdown.write_text(markdown.read_text().replace("tags: []", "tags:\n- floods"))
    outcome = run(content)
    assert outcome.status is Status.KEPT and outcome.messages == []
    assert "- floods" in markdown.read_text()
    assert not markdown.with_name("flood.md.new").exists()


def test_a_failed_re_import_keeps_the_previous_markdown(site):
    content, raw, markdown = site
    run(content)
    previous = markdown.read_text()
    raw.write_bytes(b"")
    assert run(content).status is Status.FAILED
    assert markdown.read_text() == previous


def test_atomic_write_leaves_no_partial_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "article.md"
    target.write_text("the editor's version\n")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(news_files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        sync.atomic_write(target, "half of a new version")
    assert target.read_text() == "the editor's version\n"
    assert [p.name for p in tmp_path.iterdir()] == ["article.md"]


def test_summary_line_counts_every_outcome(site):
    content, raw, _ = site
    (raw.parent / "empty.txt").write_bytes(b"")
    summary = import_all(content, content / "raw", content / "articles")
    assert summary.line() == "1 imported, 0 unchanged, 0 kept because edited, 1 failed"
