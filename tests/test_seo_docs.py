"""Every news_seo setting is documented in the README's Settings table."""

import re

from news_seo.settings import DEFAULTS
from support import ROOT


def test_every_seo_setting_is_documented():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    assert set(DEFAULTS) <= set(re.findall(r"^\| `([^`]+)`", section, re.M))
