"""Peak memory against corpus size: one cold build of ours (with and without Pagefind and share cards) and of
plain Pelican at each N (issue 7: memory must grow linearly to N = 10,000; measured once and recorded in
docs/bench-memory.json).

`python -m tooling.bench.memory_curve 1000 3000 10000` prints a table and writes the JSON. Peak memory is
ru_maxrss of the build's process tree as wait4() reports it: the largest single process (Pelican itself,
or a helper such as Pagefind's indexer), not their sum.
"""

from __future__ import annotations

import json
import sys

from .measure import timed_child
from .runner import WITHOUT_EXTRAS
from .sites import ROOT, prepare


def measure(sizes: list[int], seed: int = 7) -> list[dict]:
    rows = []
    for n in sizes:
        ours, plain = prepare(ROOT / "bench-results" / f"memory-{n}", n, seed)
        row = {"n": n}
        for name, site, extra in (
            ("ours", ours, ()),
            ("ours_without_extras", ours, WITHOUT_EXTRAS),
            ("plain", plain, ()),
        ):
            site.make_cold()
            run = timed_child(site.command(*extra), site.root)
            row[f"{name}_cold_s"] = round(run.seconds, 2)
            row[f"{name}_peak_mib"] = round(run.peak_mib, 1)
            row[f"{name}_pages"] = site.pages()
        rows.append(row)
        print(json.dumps(row), flush=True)
    return rows


def table(rows: list[dict]) -> str:
    names = ("ours", "ours_without_extras", "plain")
    lines = [
        "| N | " + " | ".join(f"{name} peak MiB (s) | MiB per 1,000 more" for name in names) + " |",
        "| --- |" + " --- | --- |" * len(names),
    ]
    for previous, row in zip([None, *rows], rows):
        cells = [f"{row['n']:,}"]
        for name in names:
            cells.append(f"{row[f'{name}_peak_mib']} ({row[f'{name}_cold_s']} s)")
            slope = (
                (row[f"{name}_peak_mib"] - previous[f"{name}_peak_mib"]) / (row["n"] - previous["n"]) * 1000
                if previous
                else None
            )
            cells.append("" if slope is None else f"{slope:.1f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    sizes = [int(value) for value in sys.argv[1:]] or [1000, 3000, 10000]
    rows = measure(sizes)
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "bench-memory.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(table(rows))
