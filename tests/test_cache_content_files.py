"""Odd files under content/ never stop a build: a symbolic link to nothing, a loop of links, a link to a
folder above it and an editor's lock file are left out, each named once (the lock file not at all)."""

from __future__ import annotations

import os

import pytest

from support import copy_project, invoke, run_in

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

SEED_PAGE = "output/2020/08/russia-ready-to-ensure-security-in-belarus/index.html"


@pytest.fixture(scope="module")
def odd_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("odd-files"))
    articles, pages = project / "content" / "articles", project / "content" / "pages"
    os.symlink("/nonexistent/draft.md", articles / "moved-away.md")
    os.symlink("loop-b.md", articles / "loop-a.md")
    os.symlink("loop-a.md", articles / "loop-b.md")
    os.symlink("editor@desk.4242:1700000000", articles / ".#000_2050e4f5686eda9e.md")  # what Emacs leaves
    (pages / "sub").mkdir()
    os.symlink("..", pages / "sub" / "up")
    return project


@pytest.mark.parametrize("command", [("invoke", "build"), ("pelican", "-s", "pelicanconf.py")])
def test_odd_files_are_named_once_and_the_site_builds(odd_project, command):
    result = run_in(odd_project, *command, env={"COLUMNS": "300"})
    log = result.stdout + result.stderr
    assert "Traceback" not in log and "error" not in log.lower()
    for name, reason in (
        ("articles/moved-away.md", "a symbolic link to a missing file"),
        ("articles/loop-a.md", "a loop of symbolic links"),
        ("articles/loop-b.md", "a loop of symbolic links"),
        ("pages/sub/up", "a symbolic link to a folder above it (a loop)"),
    ):
        assert log.count(f"news_cache: {name}: {reason}; skipped") == 1, log
    assert ".#000" not in log
    assert (odd_project / SEED_PAGE).is_file()
    assert (odd_project / "output" / "about" / "index.html").is_file()


def test_a_build_with_nothing_changed_still_names_them(odd_project):
    invoke(odd_project, "build")
    again = invoke(odd_project, "build")
    assert "nothing changed since the last build" in again.stderr
    assert "news_cache: articles/moved-away.md:" in again.stderr and ".#000" not in again.stderr


class _Generator:
    """What skip_unreadable_files needs of a Pelican generator: its content folder and get_files, counted."""

    def __init__(self, path):
        self.path = str(path)
        self.walks = 0

    def get_files(self, paths, exclude=None, extensions=None):
        self.walks += 1
        found = set()
        for folder in [paths] if isinstance(paths, str) else paths:
            for name in sorted(os.listdir(os.path.join(self.path, folder))):
                if not (exclude and name in exclude):
                    found.add(os.path.join(folder, name))
        return found


def test_a_generator_walks_the_content_once_for_the_same_question(tmp_path):
    """news_parallel's read-ahead and Pelican's loop both ask for the articles: one walk and one stat per file
    at 10,000 articles each time, for the same answer within one build."""
    from news_cache.content_files import skip_unreadable_files

    (tmp_path / "articles").mkdir()
    for name in ("a.md", "b.md", "raw"):
        (tmp_path / "articles" / name).write_text("x", encoding="utf-8")
    generator = _Generator(tmp_path)
    skip_unreadable_files(generator)
    first = generator.get_files(["articles"], exclude=["raw"])
    first.add("articles/spoiled.md")  # a caller changing its answer does not change the next one
    second = generator.get_files(["articles"], exclude=["raw"])
    assert second == {"articles/a.md", "articles/b.md"}
    assert generator.walks == 1
    assert generator.get_files(["articles"], exclude=None) == {"articles/a.md", "articles/b.md", "articles/raw"}
    assert generator.walks == 2  # another question is walked for
