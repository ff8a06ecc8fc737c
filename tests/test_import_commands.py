"""The commands editors run: `news-import FILE`, `invoke import`, and `invoke build` importing first."""

import subprocess
import sys

import pytest

from support import SEED, copy_project, invoke

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

GOOD = "Storm hits the coast\n\nAugust 15, 2020\n\nA storm hit the coast on Saturday.\n\nTrees fell.\n"


def news_import(*args):
    return subprocess.run([sys.executable, "-m", "news_import.cli", *map(str, args)], capture_output=True, text=True)


def test_news_import_prints_the_markdown_of_one_file():
    result = news_import(SEED)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("---\ntitle: Russia ready to 'ensure security' in Belarus\n")
    assert "## Ongoing protests" in result.stdout
    assert "\nsource: raw/000_2050e4f5686eda9e.txt\n" in result.stdout  # as `invoke import` records it


def test_news_import_reports_a_bad_file_without_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("Title\n\nFebruary 30, 2020\n\nText.\n")
    result = news_import(bad)
    assert result.returncode == 1 and result.stdout == ""
    assert (
        result.stderr.strip()
        == f"error: {bad}:3: 'February 30, 2020' is not a valid date (day is out of range for month)"
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("import"), with_content=False)
    raw = project / "content" / "raw"
    (raw / "storm.txt").write_text(GOOD)
    (raw / "empty.txt").write_text("")
    return project


def test_invoke_import_summarises_and_fails_when_a_file_failed(project):
    result = invoke(project, "import", check=False)
    assert result.returncode != 0
    assert "error: raw/empty.txt: the file is empty" in result.stderr
    assert "import: 1 imported, 0 unchanged, 0 kept because edited, 1 failed" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert (project / "content" / "articles" / "storm.md").exists()


def test_invoke_import_of_named_paths_only(project):
    result = invoke(project, "import", "--paths", "content/raw/storm.txt")
    assert "import: 0 imported, 1 unchanged, 0 kept because edited, 0 failed" in result.stderr


def test_invoke_build_imports_first_and_builds_the_rest(project):
    (project / "content" / "raw" / "storm.txt").write_text(GOOD.replace("Trees fell.", "Trees fell on cars."))
    result = invoke(project, "build", check=False)
    assert result.returncode != 0, "a failed article makes the build exit non-zero"
    assert "Traceback" not in result.stderr + result.stdout
    page = project / "output" / "2020" / "08" / "storm-hits-the-coast" / "index.html"
    assert "Trees fell on cars." in page.read_text()


def test_invoke_build_produces_the_seed_page_with_its_text(built_site):
    page = built_site / "2020" / "08" / "russia-ready-to-ensure-security-in-belarus" / "index.html"
    html = page.read_text()
    assert "Russia ready to ‘ensure security’ in\u00a0Belarus" in html  # typeset when rendered
    assert "Officials have reported that two protesters have died" in html
    assert "picture-alliance/dpa/V. Sharifulin" in html
    assert "Skip to main menu" not in html and "Skip to more DW sites" not in html  # the dump's navigation


def test_news_import_reads_dates_in_the_site_timezone(tmp_path):
    """A dated line with a time but no zone is the site's local time: the CLI finds TIMEZONE in the site's
    pelicanconf.py, as the build does, instead of assuming one."""
    raw = tmp_path / "content" / "raw"
    raw.mkdir(parents=True)
    (raw / "storm.txt").write_text(GOOD.replace("August 15, 2020", "August 15, 2020, 10:30"))
    for zone, offset in (("America/New_York", "-04:00"), ("Asia/Tokyo", "+09:00")):
        (tmp_path / "pelicanconf.py").write_text(f"TIMEZONE = {zone!r}\n")
        result = news_import(raw / "storm.txt")
        assert result.returncode == 0, result.stderr
        assert f"\ndate: '2020-08-15T10:30:00{offset}'\n" in result.stdout
