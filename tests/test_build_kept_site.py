"""A body edit's `invoke build` (tooling.build.build_site, run in this process so its calls can be counted)
takes the last build's finished site (tooling/snapshot.py) without the work a full build needs: it reads
that site while the edited raw article is imported in a forked copy (on a site large enough for that to
pay), and news_parallel does not look over
every article for unread ones, since Pelican's generators read none. tests/test_build_incremental.py checks
that the pages are a full build's, byte for byte."""

from __future__ import annotations

import logging
import pickle
import sys
import time
from pathlib import Path

import pytest
from pelican.log import LimitFilter

from support import ROOT, copy_project

pytestmark = pytest.mark.build

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))
from tooling import snapshot  # noqa: E402
from tooling.bench import corpus  # noqa: E402
from tooling.build import build_site  # noqa: E402

KEPT_SITE = "(from the finished site kept by the last build)"


@pytest.fixture()
def site(tmp_path, monkeypatch):
    site = copy_project(tmp_path / "site", with_content=False)
    corpus.write(tmp_path / "corpus", corpus.generate(12, seed=5))
    for raw in (tmp_path / "corpus" / "raw").iterdir():
        raw.rename(site / "content" / "raw" / raw.name)
    with open(site / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write("\nNEWS_PARALLEL_MIN_ITEMS = 2\nNEWS_SEO_PAGEFIND = False\n")
    monkeypatch.chdir(site)  # output/ is relative to where a build runs
    return site


def _build(site: Path, caplog):
    caplog.clear()
    LimitFilter._raised_messages.clear()  # Pelican says a warning once per process: once per build here
    LimitFilter._group_count.clear()
    with caplog.at_level(logging.DEBUG, logger="news_core.forked"):
        result = build_site(site, "pelicanconf.py")
    assert result.completed and not result.errors, result.errors
    forked = [record.getMessage() for record in caplog.records if record.name == "news_core.forked"]
    return result, forked


def _edit_a_body(site: Path) -> str:
    """One more sentence in a paragraph deep in the first raw article's text (its longest after the sixth)."""
    raw = min((site / "content" / "raw").glob("*.txt"))
    paragraphs = raw.read_text(encoding="utf-8").split("\n\n")
    longest = max(range(6, len(paragraphs)), key=lambda at: len(paragraphs[at]))
    paragraphs[longest] += " Officials confirmed the figures again on day 2 of the talks."
    raw.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return raw.stem


def _wait_for_the_kept_site(site: Path) -> None:
    kept = site / "cache" / "news_cache" / snapshot.SNAPSHOT_NAME
    deadline = time.monotonic() + 30
    while (not kept.exists() or list(kept.parent.glob(f".{kept.name}.*"))) and time.monotonic() < deadline:
        time.sleep(0.05)  # written by a forked copy of the first build, at the lowest priority


def test_a_body_edit_reads_the_kept_site_during_the_import_and_looks_over_no_article(site, caplog, monkeypatch):
    import tooling.build
    from news_parallel import reading

    monkeypatch.setattr(tooling.build, "READ_AHEAD_FROM_BYTES", 0)  # read ahead however small the site
    looked_over = []
    prefetch = reading.prefetch_articles
    monkeypatch.setattr(reading, "prefetch_articles", lambda *a: looked_over.append(1) or prefetch(*a))
    read = []
    read_ahead = snapshot.read_ahead
    monkeypatch.setattr(
        snapshot, "read_ahead", lambda *a, **k: read.append(len(a) > 2 or "settings" in k) or read_ahead(*a, **k)
    )

    first, forked = _build(site, caplog)
    assert "every page" in first.summary
    assert looked_over and any(": read_now over " in message for message in forked)  # read on both cores
    assert read == []
    _wait_for_the_kept_site(site)

    looked_over.clear()
    edited_raw = _edit_a_body(site)
    edited, forked = _build(site, caplog)
    assert KEPT_SITE in edited.summary, edited.summary
    assert read == [False]  # once, before this build's settings existed: while the copy imported
    assert any(": import_saying_it_here over 1 items" in message for message in forked), forked  # the import
    assert looked_over == []
    markdown = site / "content" / "articles" / f"{edited_raw}.md"
    assert "day 2 of the talks" in markdown.read_text(encoding="utf-8")
    assert any("day 2 of the talks" in path.read_text(encoding="utf-8") for path in (site / "output").rglob("*.html"))


def test_a_headline_edit_in_a_raw_article_runs_the_generators_after_reading_ahead(site, caplog, monkeypatch):
    """The kept site read during the import is let go when the edit turns out to be more than the body."""
    import tooling.build

    monkeypatch.setattr(tooling.build, "READ_AHEAD_FROM_BYTES", 0)
    _build(site, caplog)
    _wait_for_the_kept_site(site)
    raw = min((site / "content" / "raw").glob("*.txt"))
    text = raw.read_text(encoding="utf-8")
    title = text.split("\n\n")[1].strip()  # after the navigation's lines
    raw.write_text(text.replace(title, title + " again", 1), encoding="utf-8")
    edited, _ = _build(site, caplog)
    assert KEPT_SITE not in edited.summary, edited.summary
    assert any(title + " again" in path.read_text(encoding="utf-8") for path in (site / "output").rglob("*.html"))


def test_a_raw_article_that_fails_to_import_beside_the_read_ahead_is_reported(site, caplog, capsys, monkeypatch):
    """The forked copy's import error reaches the build as the import's own: one line naming the file, the
    build's errors, and the rest of the site still built (the last good Markdown stays in place)."""
    import tooling.build

    monkeypatch.setattr(tooling.build, "READ_AHEAD_FROM_BYTES", 0)
    _build(site, caplog)
    _wait_for_the_kept_site(site)
    raw = min((site / "content" / "raw").glob("*.txt"))
    markdown = (site / "content" / "articles" / f"{raw.stem}.md").read_text(encoding="utf-8")
    raw.write_bytes(b"")
    capsys.readouterr()
    caplog.clear()
    result = build_site(site, "pelicanconf.py")
    printed = capsys.readouterr().err
    assert result.completed and result.errors == ["1 raw article(s) failed to import"], result.errors
    assert f"error: raw/{raw.name}: the file is empty" in printed, printed
    assert (site / "content" / "articles" / f"{raw.stem}.md").read_text(encoding="utf-8") == markdown


def test_a_body_edit_loads_no_reader_cache_and_a_headline_edit_loads_it_when_the_generators_read(
    site, caplog, monkeypatch
):
    """The kept site holds the bodies and what the edited article is checked against: a body edit reads the
    edited article alone and never loads Pelican's reader cache (0.45 s and 80 MB at 10,000 articles). When
    the edit turns out to be more than the body, the cache is loaded then, before the generators read."""
    import pelican.cache

    from news_cache import stamps

    loaded = []

    class Recording:  # Pelican's own load of its cache files goes through its module's `pickle`
        def __getattr__(self, name):
            return getattr(pickle, name)

        def load(self, stream, *args, **kwargs):
            loaded.append(("when made", Path(stream.name).name))
            return pickle.load(stream, *args, **kwargs)

    monkeypatch.setattr(pelican.cache, "pickle", Recording())
    load_late = stamps._load_cache_file
    monkeypatch.setattr(
        stamps, "_load_cache_file", lambda name: loaded.append(("late", Path(name).name)) or load_late(name)
    )
    _build(site, caplog)
    _wait_for_the_kept_site(site)
    loaded.clear()
    _edit_a_body(site)
    edited, _ = _build(site, caplog)
    assert KEPT_SITE in edited.summary, edited.summary
    assert loaded == []
    raw = min((site / "content" / "raw").glob("*.txt"))
    text = raw.read_text(encoding="utf-8")
    title = text.split("\n\n")[1].strip()
    raw.write_text(text.replace(title, title + " again", 1), encoding="utf-8")
    edited, _ = _build(site, caplog)
    assert KEPT_SITE not in edited.summary, edited.summary
    assert ("late", "ArticlesGenerator-Readers") in loaded and ("when made", "ArticlesGenerator-Readers") not in loaded
