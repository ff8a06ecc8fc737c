"""(4) Edit-to-refresh: the dev server's in-process rebuild (tooling.rebuild.Rebuilder) after one raw article
changes, timed from the call to its return (the page is then written; the browser reload is on top).

Run as a child (`python -m tooling.bench.refresh SITE REPEATS`): one cold rebuild first, as the dev server
does on start, then REPEATS edits of one raw article, each followed by rebuild([that file]). Prints JSON.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path


def _measure(site: Path, repeats: int) -> dict:
    from tooling.rebuild import Rebuilder

    from .sites import Site

    rebuilder = Rebuilder(site)
    try:
        start = rebuilder.rebuild()
        if not start.ok:
            return {"seconds": None, "status": f"the first (cold) rebuild failed: {start.errors[:3]}"}
        times, kinds, rendered = [], [], []
        raw = min((site / "content" / "raw").glob("*.txt"))
        for number in range(max(1, repeats)):
            Site(site, ()).edit_one_raw_article(100 + number)
            began = time.perf_counter()
            result = rebuilder.rebuild([raw])
            times.append(time.perf_counter() - began)
            if not result.ok:
                return {"seconds": None, "status": f"rebuild failed: {result.errors[:3]}"}
            kinds.append(result.kind)
            rendered.append(result.rendered)
        return {"seconds": statistics.median(times), "runs_s": [round(value, 3) for value in times],
                "kind": kinds[-1], "pages_rendered": rendered[-1], "cold_start_s": round(start.seconds, 3),
                "status": "measured"}
    finally:
        rebuilder.close()


if __name__ == "__main__":
    print(json.dumps(_measure(Path(sys.argv[1]).resolve(), int(sys.argv[2]))))
