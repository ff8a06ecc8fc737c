"""Fixtures shared by the suite: project copies and builds, and a real headless Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from support import ROOT, copy_project, invoke
from tooling.audit import CHROMIUM, CHROMIUM_ARGS

ARTIFACTS = ROOT / "test-artifacts"


# Tests that use these fixtures build a site or drive Chromium; `invoke test --fast` leaves them out. Modules that
# build or serve by themselves say so with their own `pytestmark`.
_MARK_BY_FIXTURE = {
    "built_site": "build",
    "theme_site": "build",
    "published_theme_site": "build",
    "browser": "browser",
    "page": "browser",
}


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        for fixture in set(getattr(item, "fixturenames", ())) & _MARK_BY_FIXTURE.keys():
            item.add_marker(_MARK_BY_FIXTURE[fixture])


@pytest.fixture(autouse=True)
def no_services_from_earlier_tests():
    """A plugin offers its service when Pelican registers it; a test that renders without that plugin must not
    see the offer an earlier test's in-process build left behind."""
    from news_core import services

    services.withdraw_all()
    yield


def require(tool: str, reason: str) -> None:
    """Browser and server tests never skip in CI: a missing tool there is a failure, not a skip."""
    if shutil.which(tool) or Path(tool).exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"{tool} is missing in CI: {reason}")
    pytest.skip(f"{tool} not installed ({reason}); `python3 bootstrap.py test` installs it")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The repository's own site (the seed article), built once with `invoke build` in a copy."""
    project = copy_project(tmp_path_factory.mktemp("site"))
    invoke(project, "build")
    return project / "output"


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM, "pages are checked in a real browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def _theme_project(destination: Path) -> Path:
    """The seed plus the theme's component fixtures (tests/fixtures/theme/), with a hero photo to show."""
    project = copy_project(destination)
    for fixture in (Path(__file__).parent / "fixtures" / "theme").glob("*.md"):
        shutil.copy2(fixture, project / "content" / "articles" / fixture.name)
    # The hero photo of the grain-corridor fixture (its silo.png stays missing: a text figure and a warning).
    (project / "content" / "images").mkdir(exist_ok=True)
    down, across = (Image.linear_gradient("L").rotate(angle).resize((1600, 1000)) for angle in (0, 90))
    Image.merge("RGB", (down, across, Image.new("L", (1600, 1000), 150))).save(
        project / "content" / "images" / "grain-ship.png"
    )
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write(
            '\nYEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"\n'
            'MONTH_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/index.html"\n'
            "DEFAULT_PAGINATION = 3\n"
            'NEWS_AUTHORS = {"kmm": {"name": "Kate Martin", "role": "Europe correspondent"},'
            ' "ab": "Anna Berg"}\n'
        )
    return project


@pytest.fixture(scope="session")
def theme_site(tmp_path_factory):
    """The theme's test site (_theme_project), built once with `invoke build` (a preview: "Photo needed" panels).

    Yields (output folder, build log); period archives and pagination (3 a page) are on, so every template renders;
    NEWS_AUTHORS names two of the sign-offs' initials (`mm` stays unknown).
    """
    project = _theme_project(tmp_path_factory.mktemp("theme-site"))
    result = invoke(project, "build", env={"COLUMNS": "200"})
    return project / "output", result.stdout + result.stderr


@pytest.fixture(scope="session")
def published_theme_site(tmp_path_factory):
    """The same site built for production (`invoke preview`: publishconf.py, SITEURL https://example.org);
    no search index (nothing here searches it). Yields (output folder, build log)."""
    project = _theme_project(tmp_path_factory.mktemp("published-theme-site"))
    with open(project / "publishconf.py", "a", encoding="utf-8") as settings:
        settings.write("\nNEWS_SEO_PAGEFIND = False\n")
    result = invoke(project, "preview", env={"COLUMNS": "200", "SITEURL": "https://example.org"})
    return project / "output", result.stdout + result.stderr
