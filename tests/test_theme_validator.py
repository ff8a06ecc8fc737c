"""The Nu Html Checker (vnu-jar) finds 0 errors on every page of the theme's test site."""

from __future__ import annotations

import subprocess

import pytest

from conftest import require
from support import ROOT

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests


VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(theme_site):
    require("java", "the Nu Html Checker runs on Java")
    require(str(VNU), "npm ci installs vnu-jar")
    output, _ = theme_site
    pages = sorted(output.rglob("*.html"))
    assert len(pages) >= 20
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", str(output)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr
