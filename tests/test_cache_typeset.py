"""news_cache's typesetting memo: the theme's typeset front-matter fields are kept between builds, so a
build after an edit typesets only the new texts, with exactly the characters typeset() gives, and the memo
is dropped when the code or settings it was made under change."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import textwrap

import pytest

from news_cache.typeset_memo import MEMO_NAME, TypesetMemo
from news_core.markdown.typography import typeset
from support import copy_project

TEXTS = [
    "Russia ready to 'ensure security' in Belarus",
    'The Kremlin said it was "confident" of it',
    "\"People brought banners saying 'we will figure this out without Putin.' They don't\"",
    "the class of '22 -- and the '90s",
    "On 15 August 2020, 10:30 CEST... Moscow - and Minsk",
    "Café owners protest in Zürich",
    "",
]


def test_the_memo_gives_what_typeset_gives_before_and_after_it_is_kept(tmp_path):
    calls = []

    def counted(text):
        calls.append(text)
        return typeset(text)

    memo = TypesetMemo(tmp_path / MEMO_NAME, counted)
    assert [memo(text) for text in TEXTS + TEXTS] == [typeset(text) for text in TEXTS + TEXTS]
    assert len(calls) == len(TEXTS)  # each text typeset once
    memo.save()
    again = TypesetMemo(tmp_path / MEMO_NAME, counted)
    assert [again(text) for text in TEXTS] == [typeset(text) for text in TEXTS]
    assert len(calls) == len(TEXTS)  # none typeset again
    assert again(None) == typeset(None)  # not text: no memo entry


def test_the_memo_keeps_only_the_texts_of_its_last_build(tmp_path):
    first = TypesetMemo(tmp_path / MEMO_NAME, typeset)
    for text in TEXTS:
        first(text)
    first.save()
    second = TypesetMemo(tmp_path / MEMO_NAME, typeset)
    second(TEXTS[0])
    second("A new headline -- after an edit")
    second.save()
    with open(tmp_path / MEMO_NAME, "rb") as stream:
        assert set(pickle.load(stream)) == {TEXTS[0], "A new headline -- after an edit"}


def test_an_unreadable_memo_typesets_everything(tmp_path):
    (tmp_path / MEMO_NAME).write_bytes(b"not a pickle")
    memo = TypesetMemo(tmp_path / MEMO_NAME, typeset)
    assert memo(TEXTS[0]) == typeset(TEXTS[0])


COUNT_TYPESETS = textwrap.dedent("""
    import json, runpy, sys
    from news_core.markdown import typography
    real, typeset = typography.typeset, []

    def counted(text):  # the fields' typesetting (by the theme, or through the memo), not the templates' filters
        if sys._getframe(1).f_code.co_qualname.split(".")[0] in ("typeset_content", "TypesetMemo"):
            typeset.append(text)
        return real(text)

    typography.typeset = counted  # before any plugin imports it
    sys.argv = ["pelican", "-s", "pelicanconf.py", "-q", "-e", "NEWS_SEO_PAGEFIND=false", *sys.argv[1:]]
    try:
        runpy.run_module("pelican", run_name="__main__")
    except SystemExit:
        pass
    print("TYPESET", json.dumps(len(typeset)))
""")


def typeset_per_build(site, *settings: str) -> int:
    (site / "output" / "index.html").unlink(missing_ok=True)  # not up to date: the build runs
    done = subprocess.run(
        [sys.executable, "-c", COUNT_TYPESETS, *settings], cwd=site, capture_output=True, text=True, timeout=300
    )
    line = next((line for line in done.stdout.splitlines() if line.startswith("TYPESET ")), None)
    assert line, done.stderr
    return json.loads(line.removeprefix("TYPESET "))


@pytest.mark.build
def test_a_build_typesets_only_what_the_last_one_did_not(tmp_path):
    site = copy_project(tmp_path / "site")
    assert typeset_per_build(site) > 5  # every article's headline, standfirst, captions...
    seed_page = next((site / "output").rglob("russia-ready-to-ensure-security-in-belarus/index.html"))
    before = seed_page.read_bytes()
    assert typeset_per_build(site) == 0  # all from the memo
    assert seed_page.read_bytes() == before
    article = next(path for path in (site / "content" / "articles").glob("*.md") if "Belarus" in path.read_text())
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("\ntitle: ", "\ntitle: Update -- ", 1), encoding="utf-8")
    assert typeset_per_build(site) == 1  # the new headline alone
    assert "Update – " in seed_page.read_text(encoding="utf-8")
    assert typeset_per_build(site, "-e", 'SITESUBTITLE="Explainers"') > 5  # new settings: the memo went


@pytest.mark.build
def test_without_news_cache_every_field_is_typeset_every_time(tmp_path):
    site = copy_project(tmp_path / "site")
    assert typeset_per_build(site, "-e", "NEWS_CACHE=false") > 5
    assert typeset_per_build(site, "-e", "NEWS_CACHE=false") > 5
