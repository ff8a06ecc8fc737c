"""The README documents every setting of the images plugin, and the shipped font comes with its licence."""

import re

from news_images.card import BOLD, REGULAR
from news_images.settings import DEFAULTS
from news_images.typefaces import FONTS
from support import ROOT


def _settings_table() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([^`]+)`", section, re.M))


def test_every_images_setting_is_documented():
    assert set(DEFAULTS) - _settings_table() == set()


def test_the_card_font_ships_with_its_licence():
    assert BOLD.is_file() and REGULAR.is_file()
    assert "Bitstream Vera" in (FONTS / "LICENSE").read_text(encoding="utf-8")
