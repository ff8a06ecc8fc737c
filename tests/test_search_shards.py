"""The search index's shards (news_seo.pagefind): a page keeps its shard while others come and go, the count
is a bounded power of two, a bad shard setting is one warning, not a traceback, and Pagefind itself says
whether a page written again reads as before."""

from __future__ import annotations

import gzip
import json
import logging
import os
import shutil

import pytest

from news_seo.pagefind import bundle_of, shard_count, shard_of, shards
from news_seo.settings import DEFAULTS, apply_defaults


@pytest.mark.parametrize(
    "pages, per_shard, most, expected",
    [(0, 128, 16, 1), (128, 128, 16, 1), (129, 128, 16, 2), (1000, 128, 16, 8), (10_000, 128, 16, 16), (5, 1, 4, 4)],
)
def test_the_shard_count_is_a_power_of_two_up_to_the_limit(pages, per_shard, most, expected):
    assert shard_count(pages, per_shard, most) == expected


def test_a_page_keeps_its_shard_when_other_pages_come_and_go():
    names = [f"2026/03/article-{number}/index.html" for number in range(300)]
    before = {name: shard_of(name, 4) for name in names}
    after = shards(names[:100] + [f"2027/01/new-{number}/index.html" for number in range(50)], 4)
    for number, members in after.items():
        assert all(before.get(name, number) == number for name in members)
    assert len({*before.values()}) == 4  # the pages spread over every shard


def test_files_of_the_index_name_their_shard():
    assert bundle_of("pagefind/3/fragment/en_1.pf_fragment") == 3
    assert bundle_of("pagefind/shards.json") is None
    assert bundle_of("pagefind/pagefind-ui.js") is None


@pytest.mark.parametrize("value", ["many", 0, -2, True, 2.5])
def test_a_bad_shard_setting_is_one_warning_and_the_default(value, caplog):
    settings = {"NEWS_SEO_SEARCH_SHARD_PAGES": value, "SITENAME": "x"}
    with caplog.at_level(logging.WARNING):
        apply_defaults(settings)
    assert settings["NEWS_SEO_SEARCH_SHARD_PAGES"] == DEFAULTS["NEWS_SEO_SEARCH_SHARD_PAGES"]
    default = DEFAULTS["NEWS_SEO_SEARCH_SHARD_PAGES"]
    assert [record.getMessage() for record in caplog.records] == [
        f"news_seo: NEWS_SEO_SEARCH_SHARD_PAGES must be a whole number of at least 1, not {value!r}; using {default}"
    ]


PAGE = """<!DOCTYPE html><html lang="en"><head><title>{title}</title></head><body>
<nav><a href="/next/">Next: {neighbour}</a></nav>
<article data-pagefind-body><h1>Floods reach the valley</h1>{body}</article>
<footer>{footer}</footer></body></html>"""
BODY = "<p>Rescuers reached the valley on Thursday.</p><p>Boats carried families to safety.</p>"


def _pages(folder, **fields):
    values = {"title": "Floods", "neighbour": "Storm warning", "body": BODY, "footer": "Newsroom", **fields}
    for name in ("2026/06/floods/index.html", "2026/06/rescue/index.html"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(PAGE.format(**values), encoding="utf-8")
    return ["2026/06/floods/index.html", "2026/06/rescue/index.html"]


@pytest.mark.parametrize(
    "change, alike",
    [
        ({"neighbour": "Storm warning lifted", "footer": "Newsroom, updated"}, True),  # outside what is indexed
        ({"body": BODY.replace("Thursday", "Friday")}, False),  # a word
        ({"body": BODY.replace("<p>Boats", "<h2>Boats").replace("safety.</p>", "safety.</h2>")}, False),  # weight
        ({"body": BODY + "<p data-pagefind-ignore>Boats</p>"}, True),  # text Pagefind is told to ignore
    ],
)
def test_pagefind_itself_says_whether_rewritten_pages_read_alike(tmp_path, change, alike):
    """A page written again for a neighbour's sake keeps its shard unless Pagefind reads it differently."""
    from news_seo.pagefind import read_alike

    old, new = tmp_path / "old", tmp_path / "new"
    names = _pages(old)
    _pages(new, **change)
    assert read_alike(old, new, names, tmp_path) is alike
    assert sorted(path.name for path in tmp_path.iterdir()) == ["new", "old"]  # its views are gone


def test_when_pagefind_cannot_tell_the_pages_count_as_changed(tmp_path, monkeypatch):
    """A Pagefind that fails here (missing, or a page it rejects) leaves the shard to be indexed again, where
    the failure is reported: read_alike never keeps a shard on a guess."""
    from news_seo import pagefind

    def failing(site):
        raise pagefind.PagefindError(f"Pagefind failed over {site}: boom")

    monkeypatch.setattr(pagefind, "run_pagefind", failing)
    old, new = tmp_path / "old", tmp_path / "new"
    names = _pages(old)
    _pages(new)
    assert pagefind.read_alike(old, new, names, tmp_path) is False
    assert sorted(path.name for path in tmp_path.iterdir()) == ["new", "old"]


def _site(folder, bodies):
    for name, body in bodies.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(PAGE.format(title=name, neighbour="", body=body, footer=""), encoding="utf-8")
    return sorted(bodies)


def _bundle_bytes(folder):
    bundle = folder / "pagefind"
    return {path.relative_to(bundle).as_posix(): path.read_bytes() for path in bundle.rglob("*") if path.is_file()}


def _published_then_edited(tmp_path):
    """A published site of three pages, and a build folder holding two of them as the published files (hard
    links, as an incremental build carries them over) and the third edited."""
    from news_seo.pagefind import index_shards

    bodies = {f"2026/06/{slug}/index.html": f"<p>{slug.title()} {BODY}</p>" for slug in ("floods", "rescue", "storm")}
    published, folder = tmp_path / "output", tmp_path / "build"
    names = _site(published, bodies)
    index_shards(published, names, 1)
    for name in names[1:]:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(published / name, folder / name)
    _site(folder, {names[0]: BODY.replace("Thursday", "Friday")})
    fresh = tmp_path / "fresh"
    shutil.copytree(folder, fresh)
    index_shards(fresh, names, 1)
    return published, folder, names, _bundle_bytes(fresh)


def _fragments(folder):
    return {path.name: path for path in (folder / "pagefind" / "0" / "fragment").iterdir()}


def test_a_shard_indexed_again_reuses_the_fragments_of_pages_published_unchanged(tmp_path):
    """Pagefind compresses only the edited page's fragment: the others are the published files, untouched,
    and the bundle is byte for byte the one a fresh index of the same pages makes."""
    from news_seo.pagefind import index_shards

    published, folder, names, fresh = _published_then_edited(tmp_path)
    before = {name: (path.stat().st_mtime_ns, path.read_bytes()) for name, path in _fragments(published).items()}
    index_shards(folder, names, 1, only={0}, previous=published)
    assert _bundle_bytes(folder) == fresh
    published_inodes = {path.stat().st_ino for path in _fragments(published).values()}
    lent = [name for name, path in _fragments(folder).items() if path.stat().st_ino in published_inodes]
    assert len(lent) == 2 and len(_fragments(folder)) == 3  # the unchanged pages' fragments are the published files
    assert {
        name: (path.stat().st_mtime_ns, path.read_bytes()) for name, path in _fragments(published).items()
    } == before
    assert sorted(path.name for path in folder.iterdir()) == ["2026", "pagefind"]  # no view left behind


@pytest.mark.parametrize("spoil", ["another Pagefind", "a lengthened name"])
def test_fragments_pagefind_would_not_write_as_lent_are_not_kept(tmp_path, spoil):
    """A last bundle written by another Pagefind, or one whose fragment names were lengthened (two hashes
    began alike), lends nothing in the end: the shard is indexed again without it, as a fresh index is."""
    from news_seo.pagefind import index_shards

    published, folder, names, fresh = _published_then_edited(tmp_path)
    bundle = published / "pagefind" / "0"
    kept = next(path for path in _fragments(published).values() if b"/rescue/" in gzip.decompress(path.read_bytes()))
    if spoil == "another Pagefind":  # its fragments differ, and so do their names
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        (bundle / "pagefind-entry.json").write_text(json.dumps({**entry, "version": "0.0.1"}), encoding="utf-8")
        kept.rename(kept.with_name(kept.stem[:-1] + ("1" if kept.stem.endswith("0") else "0") + kept.suffix))
    else:
        kept.rename(kept.with_name(kept.stem + "0" + kept.suffix))
    index_shards(folder, names, 1, only={0}, previous=published)
    assert _bundle_bytes(folder) == fresh
