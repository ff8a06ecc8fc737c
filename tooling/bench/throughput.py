"""(5) Import throughput: news_core.importer.convert.convert over the whole raw corpus in one process (one core).

Run as a child (`python -m tooling.bench.throughput RAW_DIR REPEATS`) so the figure never includes the
runner's own state; it prints one JSON line. Files are read before the clock starts: this times the
importer, not the disk.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .sites import ROOT


def import_rate(raw_dir: Path, repeats: int) -> float:
    """Median articles per second of one process over `repeats` passes."""
    output = subprocess.run(
        [sys.executable, "-m", "tooling.bench.throughput", str(raw_dir), str(repeats)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])["articles_per_s"]


def _measure(raw_dir: Path, repeats: int) -> dict:
    sys.path.insert(0, str(ROOT / "plugins"))
    from news_core.importer import text_locate
    from news_core.importer.convert import convert

    documents = [(f"raw/{path.name}", path.read_bytes()) for path in sorted(raw_dir.glob("*.txt"))]
    rates = []
    for _ in range(max(1, repeats)):
        text_locate.clear_caches()  # each pass as a first import: no line classified by the pass before
        start = time.perf_counter()
        for source, data in documents:
            convert(data, source)
        rates.append(len(documents) / (time.perf_counter() - start))
    return {"articles_per_s": statistics.median(rates), "articles": len(documents)}


if __name__ == "__main__":
    print(json.dumps(_measure(Path(sys.argv[1]), int(sys.argv[2]))))
