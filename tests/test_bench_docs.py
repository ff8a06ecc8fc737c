"""README: Benchmarks documents every figure and holds a recorded table; news_cache's settings are documented."""

from __future__ import annotations

import re
import sys

from support import ROOT

sys.path.insert(0, str(ROOT))
from news_cache.settings import DEFAULTS  # noqa: E402
from news_pelican.parallel import DEFAULTS as PARALLEL_DEFAULTS  # noqa: E402
from tooling.bench.runner import README_END, README_START, record_in_readme  # noqa: E402

README = ROOT / "README.md"


def section(title: str) -> str:
    return README.read_text(encoding="utf-8").split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_every_news_cache_and_news_parallel_setting_is_in_the_settings_table():
    documented = set(re.findall(r"^\| `([^`]+)`", section("Settings"), re.M))
    assert set(DEFAULTS) | set(PARALLEL_DEFAULTS) <= documented


def test_every_figure_of_issue_7_is_explained():
    text = section("Benchmarks")
    for figure in ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"):
        assert f"| {figure} " in text, figure


def test_recording_replaces_only_the_table_between_the_markers(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{README_START}\nold table\n{README_END}\nafter\n", encoding="utf-8")
    record_in_readme(readme, "| new | table |")
    assert readme.read_text(encoding="utf-8") == f"intro\n{README_START}\n| new | table |\n{README_END}\nafter\n"
