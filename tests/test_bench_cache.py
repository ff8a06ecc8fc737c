"""news_cache never serves stale output: change a template, a setting, plugin code, an article: the page changes.

Each scenario builds a small copy of the project twice with the real `pelican` command (our plugins, our
theme, Pelican's reader cache switched on by news_cache) and reads the page a visitor gets.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from support import ROOT, copy_project, invoke, run_in

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

sys.path.insert(0, str(ROOT / "plugins"))
from news_cache.fingerprint import stable  # noqa: E402

ARTICLE = Path("output/2020/08/russia-ready-to-ensure-security-in-belarus/index.html")
SEED_MARKDOWN = Path("content/articles/000_2050e4f5686eda9e.md")
SEED_RAW = Path("content/raw/000_2050e4f5686eda9e.txt")


def build(site: Path) -> str:
    result = run_in(site, "pelican", "-s", "pelicanconf.py")
    return result.stdout + result.stderr


def page(site: Path) -> str:
    return (site / ARTICLE).read_text(encoding="utf-8")


def output_stamps(site: Path) -> dict[str, int]:
    return {str(path): path.stat().st_mtime_ns for path in (site / "output").rglob("*") if path.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def site(tmp_path) -> Path:
    site = copy_project(tmp_path / "site")
    build(site)
    assert (site / "cache" / "news_cache" / "key").is_file(), "news_cache is not switched on in pelicanconf.py"
    return site


def test_a_build_with_nothing_changed_leaves_every_output_file_alone(site):
    before, html = output_stamps(site), page(site)
    build(site)
    assert output_stamps(site) == before
    assert page(site) == html


def test_a_template_change_shows_on_the_page(site):
    edit(site / "theme/templates/base.html", "</body>", '<p id="cache-probe">template v2</p></body>')
    build(site)
    assert '<p id="cache-probe">template v2</p>' in page(site)


def test_a_setting_change_shows_on_the_page(site):
    minutes = int(re.search(r"(\d+) min read", page(site))[1])
    with open(site / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write("\nNEWS_WORDS_PER_MINUTE = 20\n")  # read by the reader: its cached result must go
    build(site)
    assert int(re.search(r"(\d+) min read", page(site))[1]) > minutes * 5


def test_a_plugin_code_change_shows_on_the_page(site):
    body_figure_credit = "picture-alliance/dpa/V. Sharifulin"  # rendered by the reader, so cached with it
    assert f"Image: {body_figure_credit}" in page(site)
    edit(site / "plugins/news_core/markdown/markup.py", 'CREDIT_LABEL = "Image: "', 'CREDIT_LABEL = "Photo: "')
    build(site)
    assert f"Photo: {body_figure_credit}" in page(site)
    assert f"Image: {body_figure_credit}" not in page(site)


def test_an_edited_raw_article_is_imported_again_and_shown(site):
    edit(site / SEED_RAW, "Thousands arrested", "Thousands detained")
    build(site)
    assert "Thousands detained" in page(site) and "Thousands arrested" not in page(site)


def test_an_editors_change_to_the_markdown_is_shown(site):
    edit(site / SEED_MARKDOWN, "## Thousands arrested", "## Thousands held")
    build(site)
    assert "Thousands held" in page(site)


LATE_PHOTO_ARTICLE = """\
---
title: A photo that came later
date: '2024-03-05'
standfirst: The figure is text until the photo arrives.
slug: late-photo
---

Opening paragraph.

> [!FIGURE] late-photo.jpg
> Alt: Rescuers on the river bank
> Caption: The river bank
> Credit: Agency/Photographer
"""


def test_a_photo_added_later_replaces_the_text_figure(site):
    from PIL import Image

    (site / "content/articles/late-photo.md").write_text(LATE_PHOTO_ARTICLE, encoding="utf-8")
    build(site)
    late_page = site / "output/2024/03/late-photo/index.html"
    assert "<picture" not in late_page.read_text(encoding="utf-8")
    (site / "content/images").mkdir(exist_ok=True)
    Image.new("RGB", (1200, 800), (40, 90, 160)).save(site / "content/images/late-photo.jpg", "JPEG")
    build(site)  # the article's Markdown did not change: its cached rendering must not be served
    assert "<picture" in late_page.read_text(encoding="utf-8")


IMPORTER_V2 = """

_convert_v1 = convert


def convert(*args, **kwargs):  # the test's "new importer version": it words one heading differently
    result = _convert_v1(*args, **kwargs)
    result.markdown = result.markdown.replace("## Thousands arrested", "## Thousands held (importer v2)")
    return result
"""


@pytest.mark.parametrize("command", [("pelican", "-s", "pelicanconf.py"), ("invoke", "build")])
def test_a_new_importer_version_imports_again_instead_of_serving_the_memo(site, command):
    run_in(site, *command)  # the memo now holds every article, for either way of importing
    with open(site / "plugins/news_core/importer/convert.py", "a", encoding="utf-8") as code:
        code.write(IMPORTER_V2)
    run_in(site, *command)
    assert "Thousands held (importer v2)" in (site / SEED_MARKDOWN).read_text(encoding="utf-8")
    assert "Thousands held (importer v2)" in page(site)


COUNTED_CONVERT = """

_convert_uncounted = convert


def convert(data, source, *args, **kwargs):  # the test's probe: every real conversion leaves a line
    with open("convert-calls.txt", "a", encoding="utf-8") as calls:
        calls.write(source + "\\n")
    return _convert_uncounted(data, source, *args, **kwargs)
"""


@pytest.mark.parametrize("command", [("pelican", "-s", "pelicanconf.py"), ("invoke", "build")])
def test_the_import_memo_is_kept_by_the_process_that_imported(site, command):
    """The import runs in a process of its own (news_parallel): its memo must still reach the next build."""
    with open(site / "plugins/news_core/importer/convert.py", "a", encoding="utf-8") as code:
        code.write(COUNTED_CONVERT)
    calls = site / "convert-calls.txt"
    run_in(site, *command)  # new code: the memo starts afresh and the seed is converted once
    assert calls.read_text(encoding="utf-8").splitlines() == ["raw/000_2050e4f5686eda9e.txt"]
    (site / "output" / "index.html").unlink()  # or the `pelican` run would be skipped as up to date
    run_in(site, *command)
    assert calls.read_text(encoding="utf-8").splitlines() == ["raw/000_2050e4f5686eda9e.txt"]


def test_invoke_build_keeps_the_reader_cache_although_it_writes_to_a_fresh_folder_each_time(site):
    invoke(site, "build")
    key = site / "cache" / "news_cache" / "key"
    first = key.stat().st_mtime_ns, key.read_text()
    invoke(site, "build")
    assert (key.stat().st_mtime_ns, key.read_text()) == first


def test_a_deleted_output_file_is_written_again(site):
    (site / ARTICLE).unlink()
    (site / "output/index.html").unlink()
    build(site)
    assert "Thousands arrested" in page(site)
    assert (site / "output/index.html").is_file()


def test_a_build_with_errors_runs_in_full_again_and_reports_them_again(site):
    broken = site / "content/articles/broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\n\nText.\n", encoding="utf-8")
    first = build(site)
    assert "broken.md" in first
    second = build(site)
    assert "broken.md" in second, "the second build was skipped and hid the error"


def test_a_production_build_with_a_news_sitemap_always_runs_because_now_moves_on(site):
    with open(site / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write('\nSITEURL = "https://example.org"\nRELATIVE_URLS = False\n')
    build(site)
    before = output_stamps(site)
    build(site)  # nothing changed but the time: the News sitemap's window of recent articles moved
    after = output_stamps(site)
    assert any(name.endswith("news-sitemap.xml") for name in after)
    assert after[str(site / ARTICLE)] != before[str(site / ARTICLE)]


def test_switching_the_cache_off_builds_in_full(site):
    before = output_stamps(site)
    with open(site / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write("\nNEWS_CACHE = False\n")
    build(site)
    assert output_stamps(site)[str(site / ARTICLE)] != before[str(site / ARTICLE)]


def _named():
    pass


@pytest.mark.parametrize(
    "value, expected",
    [
        ({"b": 1, "a": [2, 3]}, "{'a': [2, 3], 'b': 1}"),
        ({3, 1, 2}, "{1, 2, 3}"),
        (_named, f"{__name__}._named"),
        (object(), "<object object>"),
        ({"f": {"nested": _named}}, "{'f': {'nested': " + f"{__name__}._named" + "}}"),
    ],
)
def test_settings_are_keyed_without_memory_addresses_or_ordering(value, expected):
    assert stable(value) == expected
