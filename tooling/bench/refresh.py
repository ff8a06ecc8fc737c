"""(4) Edit-to-refresh, two ways, in a child (`python -m tooling.bench.refresh SITE REPEATS`, prints JSON):

- as an editor meets it (the figure): time_edit_to_refresh below, from saving a raw article to
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
        return {
            "seconds": statistics.median(times),
            "runs_s": [round(value, 3) for value in times],
            "kind": kinds[-1],
            "pages_rendered": rendered[-1],
            "cold_start_s": round(start.seconds, 3),
            "status": "measured",
            "through": "Rebuilder.rebuild",
        }
    finally:
        rebuilder.close()


def _measure_as_seen(site: Path, repeats: int) -> dict:
    timed = time_edit_to_refresh(site, edits=max(1, repeats))
    return {"seconds": timed["median"], "runs_s": [round(value, 3) for value in timed["seconds"]]}


def measure(site: Path, repeats: int) -> dict:
    rebuild_only = _measure(site, repeats)
    as_seen = _measure_as_seen(site, repeats) if rebuild_only["seconds"] is not None else None
    if as_seen is None:
        return rebuild_only
    return {
        **rebuild_only,
        **as_seen,
        "rebuild_only_s": rebuild_only["seconds"],
        "through": "save -> watcher -> Rebuilder -> HTTP answer with the change",
    }


def time_edit_to_refresh(
    root: Path, settings_file: str = "pelicanconf.py", edits: int = 3, raw: Path | None = None
) -> dict:
    """Edit-to-refresh as an editor meets it, for `invoke bench`: seconds from saving a raw article (one more
    sentence in its body) to this dev server answering the article's URL with the new sentence, through the
    real file watcher, Rebuilder and HTTP server on 127.0.0.1 (everything but the browser's own reload)."""
    import http.client
    import statistics
    import threading
    import uuid

    from tooling.devserver import LiveState, Rebuilder, make_server, rebuild_on_changes

    rebuilder = Rebuilder(root, settings_file)
    first = rebuilder.rebuild()
    if not first.completed:
        raise RuntimeError(f"the first build failed: {first.errors}")
    raw = Path(raw or min(rebuilder.raw_dir.glob("*.txt"))).resolve()
    live = LiveState()
    server = make_server(rebuilder.output, "127.0.0.1", 0, live)
    port = server.server_address[1]
    stop = threading.Event()
    threads = [
        threading.Thread(target=server.serve_forever, daemon=True),
        threading.Thread(target=rebuild_on_changes, args=(rebuilder, live.published, stop), daemon=True),
    ]
    for thread in threads:
        thread.start()

    def fetch(path: str) -> bytes:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", path)
            return connection.getresponse().read()
        finally:
            connection.close()

    def save_and_wait(number: int) -> tuple[float, str]:
        sentence = f"Officials repeated the figures in check {number} ({uuid.uuid4().hex[:8]})."
        paragraphs = raw.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
        paragraphs.insert(max(len(paragraphs) - 1, 3), sentence)
        version = live.snapshot()["version"]
        started = time.perf_counter()
        raw.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        live.wait_for_change(version, timeout=120)
        url = "/" + next(iter(rebuilder.changed_urls.values()), "")
        while sentence.encode() not in fetch(url):
            if time.perf_counter() - started > 120:
                raise RuntimeError(f"{url} did not show the edit within 120 s")
            time.sleep(0.005)
        return time.perf_counter() - started, url

    try:
        time.sleep(0.5)  # the watcher starts watching
        save_and_wait(-1)  # warm-up: the first edit after a cold build also loads what later ones reuse
        seconds = [save_and_wait(number)[0] for number in range(edits)]
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        for thread in threads:
            thread.join(timeout=10)
        rebuilder.close()
    return {"seconds": seconds, "median": statistics.median(seconds), "edits": edits}


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]).resolve(), int(sys.argv[2]))))
