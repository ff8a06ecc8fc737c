"""The suite never reads or writes the working site: in a checkout where an editor has added and edited articles,
added photos and pages and built output/, a representative part of the suite passes and leaves all of it as it
was. Tools started from the checkout write where its settings say, never into the current folder's output/."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from support import ROOT, SITE_CONTENT

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

# Tests whose results depend on the site's content (front page, sitemaps, the seed's golden Markdown).
REPRESENTATIVE = (
    "tests/test_import_seed.py",
    "tests/test_import_commands.py",
    "tests/test_theme_components.py",
    "tests/test_seo_sitemaps.py",
)


def _snapshot(*folders: Path) -> dict[str, str]:
    return {
        path.relative_to(folder.parent).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _checkout_with_an_editors_work(folder: Path) -> Path:
    checkout = folder / "checkout"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("plugins", "theme", "tooling", "tests"):
        shutil.copytree(ROOT / name, checkout / name, ignore=ignore)
    for name in ("pelicanconf.py", "publishconf.py", "tasks.py", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, checkout / name)
    shutil.copytree(SITE_CONTENT, checkout / "content")
    content = checkout / "content"
    (content / "raw" / "editor_story.txt").write_text(
        "Ferry strike ends after talks\n\nAugust 20, 2020\n\nThe ferry crews went back to work.\n\nTalks lasted days.\n"
    )
    seed = content / "articles" / "000_2050e4f5686eda9e.md"
    seed.write_text(seed.read_text(encoding="utf-8").replace("tags: []", "tags: [belarus, protests]"))
    (content / "pages" / "contact.md").write_text("Title: Contact\n\nWrite to the desk.\n")
    (content / "images").mkdir()
    Image.new("RGB", (1200, 800), (10, 80, 120)).save(content / "images" / "ferry.jpg")
    built = checkout / "output" / "2020" / "08" / "ferry-strike-ends-after-talks"
    built.mkdir(parents=True)
    (built / "index.html").write_text("<p>the editor's own build</p>")
    (checkout / "output" / "index.html").write_text("<p>front page of the editor's build</p>")
    return checkout


def test_the_suite_passes_in_an_editors_checkout_and_leaves_the_site_alone(tmp_path):
    checkout = _checkout_with_an_editors_work(tmp_path)
    before = _snapshot(checkout / "content", checkout / "output")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *REPRESENTATIVE],
        cwd=checkout,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert _snapshot(checkout / "content", checkout / "output") == before


def test_pelican_writes_the_output_and_cache_next_to_the_settings_not_into_the_current_folder(tmp_path):
    """The bench's edit-to-refresh child runs from the checkout: it must not build into the checkout's output/."""
    code = (
        "import sys; from pelican.settings import read_settings; s = read_settings(sys.argv[1]); "
        "print(s['OUTPUT_PATH']); print(s['CACHE_PATH'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "pelicanconf.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == [str(ROOT / "output"), str(ROOT / "cache")]
