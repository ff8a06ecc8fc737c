"""The images bench runs end to end on a few photos and reports every figure (timings are not asserted)."""

import pytest
from PIL import Image

from tooling.bench.images import run_images_bench

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

FIGURES = (
    "ours_cold_seconds",
    "ours_warm_seconds",
    "no_images_seconds",
    "ours_warm_overhead_seconds",
    "ours_warm_plugin_seconds",
    "ours_cold_cpu_seconds",
    "avif_speed8_added_cold_seconds",
    "encoder_cost_per_photo",
    "share_cards_cold_phase_seconds",
    "ours_files",
)


def test_images_bench_reports_every_figure(tmp_path):
    figures = run_images_bench(tmp_path, photos=1, competitor=False, warm_runs=1)
    assert all(figures[name] is not None for name in FIGURES), figures
    assert figures["ours_files"] == 4 * 2  # one photo, four widths, WebP + JPEG
    assert figures["ours_warm_phases"].get("prepare") is not None
    with Image.open(tmp_path / "photos" / "photo-000.jpg") as photo:
        assert photo.size == (4000, 3000)
