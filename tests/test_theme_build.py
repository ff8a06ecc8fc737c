"""What the build tells an editor about the theme: photos to supply; a broken theme is named, not a traceback."""

from __future__ import annotations

import shutil

import pytest

from support import copy_project, invoke

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests


def test_build_sums_up_the_photos_an_editor_should_supply_and_lists_them_on_request(theme_site):
    output, log = theme_site
    summary = [line for line in log.splitlines() if "no photo yet" in line]
    assert summary == [
        "warning: news_theme: 6 figures in 3 articles have no photo yet; `invoke photos-needed` lists them"
    ], log
    assert "supply a photo" not in log  # one line, not one per figure
    listed = invoke(output.parent, "photos-needed").stdout
    assert (
        "articles/000_2050e4f5686eda9e.md: supply a photo for the hero: Belarusian President Alexander "
        "Lukashenko (credit: Reuters/M. Guchek)"
    ) in listed
    assert (
        "articles/000_2050e4f5686eda9e.md: supply a photo for the figure 1: A protester lays a bouquet "
        "atop a pile of flowers in Minsk (credit: picture-alliance/dpa/V. Sharifulin)"
    ) in listed
    assert (
        "article_with_hero_photo_key_facts_and_figures.md: supply a photo for the figure 2: Inspectors board "
        "a ship (credit: dpa/Y. Karahan)"
    ) in listed
    assert "supply a photo for the hero: A cargo ship" not in listed  # a hero with its photo is not listed
    assert len(listed.splitlines()) == 6
    assert "Traceback" not in log


def test_the_css_bundle_is_written_once_with_a_content_hash(theme_site):
    output, _ = theme_site
    bundles = list((output / "theme" / "css").glob("site.*.css"))
    assert len(bundles) == 1
    css = bundles[0].read_text()
    assert "prefers-color-scheme:dark" in css and "@media print" in css and ".pullquote" in css
    assert "/*" not in css
    assert not (output / "theme" / "css" / "tokens.css").exists()  # sources are not published


def test_missing_design_tokens_are_named_and_the_site_still_builds(tmp_path):
    project = copy_project(tmp_path / "site")
    (project / "theme" / "css" / "tokens.css").unlink()
    shutil.rmtree(project / "content" / "raw")
    result = invoke(project, "build", check=False, env={"COLUMNS": "200"})
    log = result.stdout + result.stderr
    assert "tokens.css: the theme's design tokens are missing" in log
    assert "Traceback" not in log
    assert (project / "output" / "index.html").is_file()


def test_our_plugins_build_with_pelicans_simple_theme(tmp_path):
    """Another theme has no 404.html or search.html: the plugins add those pages only when the theme has them."""
    project = copy_project(tmp_path / "site")
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write('\nTHEME = "simple"\nNEWS_SEO_PAGEFIND = False\n')
    result = invoke(project, "build", check=False, env={"COLUMNS": "200"})
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "Traceback" not in log and "TemplateNotFound" not in log
    page = project / "output" / "2020" / "08" / "russia-ready-to-ensure-security-in-belarus" / "index.html"
    assert "Russia ready to ‘ensure security’ in Belarus" in page.read_text(encoding="utf-8")
    assert not (project / "output" / "404.html").exists() and not (project / "output" / "search").exists()
