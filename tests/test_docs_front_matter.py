"""The README documents exactly the front matter the importer writes (and the settings the plugin reads)."""

import datetime as dt
import re

from news_core.importer import frontmatter
from news_core.importer.article import Article
from news_core.importer.markdown_writer import front_matter_fields
from news_import.settings import DEFAULTS
from support import ROOT

EDITOR_ONLY_KEYS = {"key_facts"}  # documented for editors; the importer never writes them


def readme_table(heading: str) -> list[str]:
    """First-column names of the table under a README heading."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([^`]+)`", section, re.M)


def test_front_matter_table_lists_every_key_in_order():
    everything = Article(title="t", modified=dt.date(2020, 8, 16), source_url="https://example.org/a")
    written = [*front_matter_fields(everything), frontmatter.STAMP_KEY]
    documented = readme_table("Front matter")
    assert [key for key in documented if key not in EDITOR_ONLY_KEYS] == written


def test_every_import_setting_is_documented():
    assert set(DEFAULTS) <= set(readme_table("Settings"))
