"""news_parallel: a build on two cores writes exactly what a build in one process writes, and tells the user
exactly the same when articles are broken.

Each scenario builds two copies of a small generated site through `invoke build`'s own code path
(tooling.build.build_site, in this process so the log can be read): one with NEWS_PARALLEL on and the
smallest batch set to 2, so the import, the reading and the writing all split, and one with it off.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

import pytest
from pelican.log import LimitFilter

from support import ROOT, copy_project

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))
from tooling.bench import corpus  # noqa: E402
from tooling.build import build_site  # noqa: E402

ARTICLES = 24
SPLITS = ("convert_job", "_write_job", "read_now", "write_share")  # import, import writes, reading, pages


def make_site(folder: Path, parallel: bool) -> Path:
    site = copy_project(folder, with_content=False)
    corpus.write(folder / "corpus", corpus.generate(ARTICLES, seed=3))
    for raw in (folder / "corpus" / "raw").iterdir():
        raw.rename(site / "content" / "raw" / raw.name)
    with open(site / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write(f"\nNEWS_PARALLEL = {parallel}\nNEWS_PARALLEL_MIN_ITEMS = 2\nNEWS_SEO_PAGEFIND = False\n")
    return site


def build(site: Path, caplog, capsys, monkeypatch):
    caplog.clear()
    capsys.readouterr()
    monkeypatch.chdir(site)  # output/ is relative to where a build runs
    LimitFilter._raised_messages.clear()  # Pelican prints a warning once per process: once per build here
    LimitFilter._group_count.clear()
    with caplog.at_level(logging.DEBUG, logger="news_core.forked"):
        result = build_site(site, "pelicanconf.py")
    splits = [
        name
        for name in SPLITS
        for record in caplog.records
        if record.name == "news_core.forked" and f": {name} over " in record.getMessage()
    ]
    printed = [_alike(line, site) for line in capsys.readouterr().err.splitlines()]
    result.errors = [_alike(error, site) for error in result.errors]
    return result, splits, printed


class NameOrdered(set):
    def __iter__(self):
        return iter(sorted(set.__iter__(self)))


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def _alike(line: str, site: Path) -> str:
    """Without what differs between the two copies anyway: their folders and process ids."""
    return re.sub(r"process \d+", "process N", line.replace(str(site), "SITE"))


@pytest.fixture()
def sites(tmp_path, monkeypatch):
    """Pelican reads articles in the order of a set of paths, which changes from run to run; here it reads
    them in name order, so the broken articles (named zz_*) are always in the second process's half."""
    from pelican.generators import Generator

    get_files = Generator.get_files
    monkeypatch.setattr(
        Generator, "get_files", lambda self, *args, **kwargs: NameOrdered(get_files(self, *args, **kwargs))
    )
    return make_site(tmp_path / "two-cores", parallel=True), make_site(tmp_path / "one-core", parallel=False)


def test_two_cores_write_the_same_site_byte_for_byte(sites, caplog, capsys, monkeypatch):
    two_cores, one_core = sites
    result, splits, _ = build(two_cores, caplog, capsys, monkeypatch)
    assert result.ok, result.errors
    assert sorted(set(splits)) == sorted(SPLITS), "every stage handed half its work to a second process"
    result, splits, _ = build(one_core, caplog, capsys, monkeypatch)
    assert result.ok and splits == []
    assert len(list((two_cores / "output").glob("[0-9]*/*/*/index.html"))) == ARTICLES
    assert tree(two_cores / "content" / "articles") == tree(one_core / "content" / "articles")
    assert tree(two_cores / "output") == tree(one_core / "output")


def add_broken_articles(site: Path) -> None:
    """Named to sort last, so they fall in the second process's half of every stage."""
    (site / "content" / "raw" / "zz_binary.txt").write_bytes(b"\x00\x01\x02 not text \xff\xfe" * 40)
    articles = site / "content" / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    (articles / "zz_bad_date.md").write_text(
        "---\ntitle: A date nobody can read\ndate: the day after tomorrow\n---\nBody text.\n", encoding="utf-8"
    )
    (articles / "zz_missing_photo.md").write_text(
        "---\ntitle: A photo that was never filed\ndate: 2020-08-20T10:00:00+02:00\n---\n"
        "Body text.\n\n> [!FIGURE] never-filed.jpg\n> Alt: Ministers at the table\n"
        "> Caption: The talks\n> Credit: Agency/Photographer\n",
        encoding="utf-8",
    )


def test_broken_articles_in_the_second_half_are_reported_once_and_alike(sites, caplog, capsys, monkeypatch):
    for site in sites:
        add_broken_articles(site)
    two_cores, one_core = sites
    parallel, splits, parallel_lines = build(two_cores, caplog, capsys, monkeypatch)
    serial, _, serial_lines = build(one_core, caplog, capsys, monkeypatch)
    assert "read_now" in splits
    assert parallel.completed and serial.completed  # the rest of the site is built
    assert parallel.errors == serial.errors
    assert any("failed to import" in error for error in parallel.errors)
    assert any("zz_bad_date.md" in error for error in parallel.errors)
    assert any(line.startswith("error: ") and "zz_binary.txt" in line for line in parallel_lines)
    assert parallel_lines == serial_lines
    photo_warnings = [line for line in parallel_lines if "never-filed.jpg" in line and line.startswith("warning:")]
    assert len(photo_warnings) == 1, parallel_lines
    assert not any("Traceback" in line for line in parallel_lines)
    assert tree(two_cores / "output") == tree(one_core / "output")


def test_a_template_error_in_the_second_process_stops_the_build_as_in_one(sites, caplog, capsys, monkeypatch):
    for site in sites:
        # A build that stops never collects its share-card workers (the next build does); in this long-lived
        # test process they would hold the browser driver's socket open past the session's end.
        with open(site / "pelicanconf.py", "a", encoding="utf-8") as settings:
            settings.write("NEWS_IMAGES_SHARE_CARDS = False\n")
        template = site / "theme" / "templates" / "article.html"
        text = template.read_text(encoding="utf-8")
        # articles[1] is the first page the second process writes (it takes every other article).
        template.write_text(
            text.replace(
                "{% block content %}", "{% block content %}{% if article == articles[1] %}{{ 1 // 0 }}{% endif %}", 1
            ),
            encoding="utf-8",
        )
    two_cores, one_core = sites
    parallel, splits, parallel_lines = build(two_cores, caplog, capsys, monkeypatch)
    serial, _, serial_lines = build(one_core, caplog, capsys, monkeypatch)
    assert "write_share" in splits
    assert not parallel.completed and not serial.completed
    assert not (two_cores / "output").exists()  # nothing half-written was swapped in
    stopped = [line for line in parallel_lines if "the build stopped" in line]
    assert stopped == [line for line in serial_lines if "the build stopped" in line]
    assert "ZeroDivisionError" in stopped[0]


def test_an_edit_written_on_two_cores_takes_the_search_shards_started_early(sites, caplog, capsys, monkeypatch):
    """A headline edit writes its article and the neighbours' pages on two cores: the forked copy's pages count
    as written (the writer's record), so the search shards started before the `finalized` hooks are taken,
    not thrown away and indexed a second time."""
    from tooling import search_index

    two_cores, one_core = sites
    for site in sites:
        with open(site / "pelicanconf.py", "a", encoding="utf-8") as settings:
            settings.write("NEWS_SEO_PAGEFIND = True\nNEWS_SEO_SEARCH_SHARD_PAGES = 4\n")
        build(site, caplog, capsys, monkeypatch)
        markdown = sorted((site / "content" / "articles").glob("*.md"))[5]
        markdown.write_text(re.sub(r"^title: ", "title: Updated - ", markdown.read_text(), count=1, flags=re.M))
    started, thrown_away = [], []
    start_early = search_index.start_early
    monkeypatch.setattr(
        search_index, "start_early", lambda *a, **k: started.append(start_early(*a, **k)) or started[-1]
    )
    monkeypatch.setattr(search_index.EarlyIndexing, "discard", lambda self: thrown_away.append(self))
    result, splits, _ = build(two_cores, caplog, capsys, monkeypatch)
    assert result.ok and "write_share" in splits, (result.errors, splits)
    assert len(started) == 1 and started[0] is not None and thrown_away == []
    build(one_core, caplog, capsys, monkeypatch)
    assert tree(two_cores / "output") == tree(one_core / "output")
