"""Peak memory against corpus size: one cold build of ours and of plain Pelican at each N (issue 7: memory
must grow linearly to N = 10,000; measured once and recorded in docs/bench-memory.json).

`python -m tooling.bench.memory_curve 1000 3000 10000` prints a table and writes the JSON. Peak memory is
ru_maxrss of the build's process tree as wait4() reports it: the largest single process (Pelican itself,
or a helper such as Pagefind's indexer), not their sum.
"""

from __future__ import annotations

import json
import sys

from .measure import timed_child
from .sites import ROOT, prepare


def measure(sizes: list[int], seed: int = 7) -> list[dict]:
    rows = []
    for n in sizes:
        ours, plain = prepare(ROOT / "bench-results" / f"memory-{n}", n, seed)
        row = {"n": n}
        for name, site in (("ours", ours), ("plain", plain)):
            site.make_cold()
            run = timed_child(site.command(), site.root)
            row[f"{name}_cold_s"] = round(run.seconds, 2)
            row[f"{name}_peak_mib"] = round(run.peak_mib, 1)
            row[f"{name}_pages"] = site.pages()
        rows.append(row)
        print(json.dumps(row), flush=True)
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| N | ours cold s | ours peak MiB | plain cold s | plain peak MiB | ours MiB per 1,000 articles |",
             "| --- | --- | --- | --- | --- | --- |"]
    first = rows[0]
    for row in rows:
        slope = ""
        if row is not first:
            slope = f"{1000 * (row['ours_peak_mib'] - first['ours_peak_mib']) / (row['n'] - first['n']):.1f}"
        lines.append(f"| {row['n']:,} | {row['ours_cold_s']} | {row['ours_peak_mib']} | {row['plain_cold_s']} | "
                     f"{row['plain_peak_mib']} | {slope} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sizes = [int(value) for value in sys.argv[1:]] or [1000, 3000, 10000]
    rows = measure(sizes)
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "bench-memory.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(table(rows))
