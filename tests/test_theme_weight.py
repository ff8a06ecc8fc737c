"""The seed's article page stays within the 14 KB budget for HTML + CSS gzipped (what `invoke audit` reports)."""

from __future__ import annotations

import pytest

from tooling.audit import SEED_PAGE, WEIGHT_BUDGET, page_weight

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests


def test_seed_page_html_and_css_fit_in_14_kb_gzipped(theme_site):
    output, _ = theme_site
    weight = page_weight(output, SEED_PAGE)
    assert weight["css"] > 1000 and weight["html"] > 5000  # both files were found and measured
    assert weight["total_gzip"] <= WEIGHT_BUDGET, weight
