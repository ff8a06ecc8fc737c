"""(4) Edit-to-refresh, two ways, in a child (`python -m tooling.bench.refresh SITE REPEATS`, prints JSON):

- as an editor meets it (the figure): tooling.devserver.time_edit_to_refresh, from saving a raw article to
  the dev server answering its URL with the change, through the real watcher, Rebuilder and HTTP server;
- the rebuild alone: tooling.rebuild.Rebuilder.rebuild([that file]) after the same kind of edit, timed from
  the call to its return, with what it did (incremental or not, pages rendered).
Each starts with the cold rebuild the dev server does on start.
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
                "status": "measured", "through": "Rebuilder.rebuild"}
    finally:
        rebuilder.close()


def _measure_as_seen(site: Path, repeats: int) -> dict | None:
    try:
        from tooling.devserver import time_edit_to_refresh
    except ImportError:
        return None
    timed = time_edit_to_refresh(site, edits=max(1, repeats))
    return {"seconds": timed["median"], "runs_s": [round(value, 3) for value in timed["seconds"]]}


def measure(site: Path, repeats: int) -> dict:
    rebuild_only = _measure(site, repeats)
    as_seen = _measure_as_seen(site, repeats) if rebuild_only["seconds"] is not None else None
    if as_seen is None:
        return rebuild_only
    return {**rebuild_only, **as_seen, "rebuild_only_s": rebuild_only["seconds"],
            "through": "save -> watcher -> Rebuilder -> HTTP answer with the change"}


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]).resolve(), int(sys.argv[2]))))
