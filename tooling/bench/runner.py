"""`invoke bench`: every figure of issue 7 measured in one sitting, in one process tree.

Builds alternate (ours cold, plain cold, ours warm, plain warm) so that a neighbour's load on this shared
machine hits both sides alike; each figure is the median of its runs and the ratios are taken from medians
of the same sitting. Every build runs in its own child process (see measure.py for peak memory).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import sys
from pathlib import Path

from . import extras, hugo, stack, throughput
from .measure import Run, timed_child
from .sites import ROOT, Site, prepare

# Targets: name -> (figure, comparison, limit). Issue 7's first, then issue 14's (`invoke build` incremental,
# and the stack a Pelican user would assemble).
TARGETS = {
    "cold_ratio": ("ours cold / plain cold", "<=", 1.2),
    "warm_ratio": ("ours warm / plain cold", "<=", 0.35),
    "edit_to_refresh_s": ("edit-to-refresh, seconds", "<=", 1.0),
    "import_articles_per_s_per_core": ("import throughput, articles/s/core", ">=", 1000),
    "memory_ratio": ("ours cold peak / plain cold peak", "<=", 1.2),
    "cold_without_extras_ratio": ("ours cold without search and share cards / plain cold", "<=", 1.2),
    "stack_ratio": ("ours cold / the Pelican plugin stack cold", "<=", 0.8),
    "stack_memory_ratio": ("ours cold peak / the Pelican plugin stack peak", "<=", 1.2),
    "invoke_build_nothing_s": ("`invoke build`, nothing changed, seconds", "<=", 0.3),
    "invoke_build_body_edit_s": ("`invoke build` after a body edit, seconds", "<=", 1.0),
    "invoke_build_headline_edit_s": ("`invoke build` after a headline edit, seconds", "<=", 2.0),
}
# Issue 14 states the `invoke build` limits for N = 1,000 and, for two of them, N = 10,000.
LARGE_N, LARGE_LIMITS = (
    10_000,
    {"invoke_build_nothing_s": 1.0, "invoke_build_body_edit_s": 2.0, "invoke_build_headline_edit_s": None},
)
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
INVOKE_BUILDS = (
    "ours_invoke_build_warm",
    "ours_invoke_build_body_edit",
    "ours_invoke_build_headline_edit",
    "ours_invoke_build_body_edit_without_search",
)
# Our two heaviest extras, switched off to show what the rest of the pipeline costs against plain Pelican.
WITHOUT_EXTRAS = ("-e", "NEWS_SEO_PAGEFIND=false", "NEWS_IMAGES_SHARE_CARDS=false")
# The whole pipeline in one process (news_parallel off): what the second core saves.
ONE_PROCESS = ("-e", "NEWS_PARALLEL=false")
# Pelican's own content cache, for plain Pelican's warm figure (a separate folder: cold runs never see it).
PLAIN_WARM = ("-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", 'CACHE_PATH="cache-warm"')


RESULTS = ROOT / "bench-results"


def _invoke_builds(ours: Site, n: int, repeat: int, runs: dict) -> None:
    """What an editor meets with `invoke build`: a first build (not timed), nothing changed, one raw article's
    body edited, one headline edited; then a body edit with search off (its own settings file, so its first
    build is not timed either)."""
    timed_child(ours.invoke_build(), ours.root)  # the state an incremental build starts from
    runs["ours_invoke_build_warm"].append(_checked(ours, n, command=ours.invoke_build()))
    ours.edit_one_raw_article(100 + repeat)
    runs["ours_invoke_build_body_edit"].append(_checked(ours, n, command=ours.invoke_build()))
    ours.edit_one_headline(repeat)
    runs["ours_invoke_build_headline_edit"].append(_checked(ours, n, command=ours.invoke_build()))
    without_search = ours.without_search()
    timed_child(ours.invoke_build(without_search), ours.root)
    ours.edit_one_raw_article(200 + repeat)
    runs["ours_invoke_build_body_edit_without_search"].append(
        _checked(ours, n, command=ours.invoke_build(without_search))
    )


def run(
    n: int = 1000, seed: int = 7, repeats: int = 3, workdir: Path | None = None, only_invoke_build: bool = False
) -> dict:
    """Every figure, or with only_invoke_build only the `invoke build` ones (for a large N, where the cold
    builds of four sites would take most of an hour)."""
    workdir = workdir or RESULTS / f"site-{n}"
    ours, plain = prepare(workdir, n, seed)
    markdown = plain.root / "content" / "articles"
    hugo_site = None if only_invoke_build else hugo.prepare(workdir / "hugo", markdown)  # None: not installed
    stack_site = None if only_invoke_build else stack.prepare(workdir / "stack", markdown)
    load_before, started = os.getloadavg(), dt.datetime.now(dt.UTC)
    names = (
        INVOKE_BUILDS
        if only_invoke_build
        else BUILDS + (("hugo_cold",) if hugo_site else ()) + (("stack_cold",) if stack_site else ())
    )
    runs: dict[str, list[Run]] = {name: [] for name in names}
    if only_invoke_build:
        for repeat in range(repeats):
            ours.make_cold()
            _invoke_builds(ours, n, repeat, runs)
        builds = {name: _summary(values) for name, values in runs.items()}
        return {
            "n": n,
            "seed": seed,
            "repeats": repeats,
            "only": "invoke build",
            "when": started.isoformat(timespec="seconds"),
            "machine": _machine(load_before, workdir),
            "builds": builds,
            "targets": _verdicts({"builds": builds, "ratios": {}}, n),
        }
    timed_child(plain.command(*PLAIN_WARM), plain.root)  # fill Pelican's cache for plain warm (not timed)
    for repeat in range(repeats):
        ours.make_cold()
        runs["ours_cold"].append(_checked(ours, n))
        plain.make_cold()
        runs["plain_cold"].append(_checked(plain, n))
        if hugo_site:
            hugo_site.make_cold()
            runs["hugo_cold"].append(_checked(hugo_site, n))
        if stack_site:
            stack_site.make_cold()
            runs["stack_cold"].append(_checked(stack_site, n))
        runs["ours_warm"].append(_checked(ours, n))
        runs["plain_warm"].append(_checked(plain, n, *PLAIN_WARM))
        ours.edit_one_raw_article(repeat)
        runs["ours_one_edit"].append(_checked(ours, n))
        _invoke_builds(ours, n, repeat, runs)
        ours.make_cold()
        runs["ours_cold_without_extras"].append(_checked(ours, n, *WITHOUT_EXTRAS))
        ours.make_cold()
        runs["ours_cold_one_process"].append(_checked(ours, n, *ONE_PROCESS))
    builds = {name: _summary(values) for name, values in runs.items()}
    builds.setdefault("hugo_cold", {"status": "not installed"})
    builds.setdefault("stack_cold", {"status": f"not installed: {', '.join(stack.missing())}"})
    rate = throughput.import_rate(workdir / "corpus" / "raw", repeats)
    refresh = extras.edit_to_refresh(ours.root, repeats)
    images = extras.images(ours.root, max(4, n // 50))
    fidelity = extras.real_pages()
    plain_cold = builds["plain_cold"]["median_s"]
    figures = {
        "builds": builds,
        "import": {"articles_per_s_per_core": rate, "articles": n},
        "edit_to_refresh": refresh,
        "images": images,
        "real_pages": fidelity,
        "ratios": {
            "cold_ratio": builds["ours_cold"]["median_s"] / plain_cold,
            "warm_ratio": builds["ours_warm"]["median_s"] / plain_cold,
            "plain_warm_ratio": builds["plain_warm"]["median_s"] / plain_cold,
            "one_edit_ratio": builds["ours_one_edit"]["median_s"] / plain_cold,
            "invoke_build_warm_ratio": builds["ours_invoke_build_warm"]["median_s"] / plain_cold,
            "cold_without_extras_ratio": builds["ours_cold_without_extras"]["median_s"] / plain_cold,
            "cold_one_process_ratio": builds["ours_cold_one_process"]["median_s"] / plain_cold,
            "memory_ratio": builds["ours_cold"]["peak_mib"] / builds["plain_cold"]["peak_mib"],
            "memory_without_extras_ratio": (
                builds["ours_cold_without_extras"]["peak_mib"] / builds["plain_cold"]["peak_mib"]
            ),
        },
    }
    if hugo_site:
        figures["ratios"]["hugo_cold_ratio"] = builds["hugo_cold"]["median_s"] / plain_cold
    if stack_site:
        figures["ratios"]["stack_ratio"] = builds["ours_cold"]["median_s"] / builds["stack_cold"]["median_s"]
        figures["ratios"]["stack_memory_ratio"] = builds["ours_cold"]["peak_mib"] / builds["stack_cold"]["peak_mib"]
    return {
        "n": n,
        "seed": seed,
        "repeats": repeats,
        "when": started.isoformat(timespec="seconds"),
        "machine": _machine(load_before, workdir),
        **figures,
        "targets": _verdicts(figures, n),
    }


def _checked(site: Site, n: int, *extra: str, command: list[str] | None = None) -> Run:
    result = timed_child(command or site.command(*extra), site.root)
    built = site.pages()
    if built != n:  # a fast build that skipped articles is no result
        raise RuntimeError(f"{site.root.name}: built {built} article pages of {n}; see {site.root}/bench-child.log")
    return result


def _summary(values: list[Run]) -> dict:
    return {
        "median_s": statistics.median(run.seconds for run in values),
        "runs_s": [round(run.seconds, 3) for run in values],
        "peak_mib": max(run.peak_mib for run in values),
        # CPU time is steadier than wall time on a shared machine (it sums both cores and Pagefind's threads).
        "median_cpu_s": statistics.median(run.cpu_seconds for run in values),
    }


def _verdicts(figures: dict, n: int) -> dict:
    builds = figures["builds"]
    values = {
        **figures["ratios"],
        "edit_to_refresh_s": figures.get("edit_to_refresh", {}).get("seconds"),
        "import_articles_per_s_per_core": figures.get("import", {}).get("articles_per_s_per_core"),
        "invoke_build_nothing_s": builds.get("ours_invoke_build_warm", {}).get("median_s"),
        "invoke_build_body_edit_s": builds.get("ours_invoke_build_body_edit", {}).get("median_s"),
        "invoke_build_headline_edit_s": builds.get("ours_invoke_build_headline_edit", {}).get("median_s"),
    }
    verdicts = {}
    for name, (label, comparison, limit) in TARGETS.items():
        if n >= LARGE_N and name in LARGE_LIMITS:
            limit = LARGE_LIMITS[name]
        value = values.get(name)
        met = None if value is None or limit is None else (value <= limit if comparison == "<=" else value >= limit)
        verdicts[name] = {
            "label": label,
            "target": f"{comparison} {limit}" if limit is not None else "none stated",
            "value": value,
            "met": met,
        }
    return verdicts


def _machine(load: tuple[float, float, float], workdir: Path) -> dict:
    import markdown
    import pelican

    cpu = next(
        (line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")),
        platform.processor() or "unknown",
    )
    memory = next((line.split()[1] for line in _lines("/proc/meminfo") if line.startswith("MemTotal")), "0")
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(int(memory) / 2**20, 1),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pelican": pelican.__version__,
        "markdown": markdown.__version__,
        "load_average_at_start": [round(value, 2) for value in load],
        "filesystem": filesystem_of(workdir),
        "hugo": hugo.version(),
        "stack": stack.versions(),
        "commit": _commit(),
    }


def filesystem_of(path: Path) -> str:
    """The type of the file system holding `path` ("ext4", "tmpfs"...), from /proc/mounts ("unknown" elsewhere).
    It shapes cold builds: right after thousands of deletions, ext4 looks at each recently freed inode before
    reusing it, and a build that creates more files pays more for that (see README: Benchmarks)."""
    target, best, kind = str(path.resolve()), "", "unknown"
    for line in _lines("/proc/mounts"):
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, kind = mount_point, fields[2]
    return kind


def _commit() -> str:
    """The commit measured, with `+changes` when the work tree differed from it (shared checkouts do)."""
    import subprocess

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + ("+changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def table(result: dict) -> str:
    """The figures as a Markdown table (printed by `invoke bench`, pasted into README: Benchmarks)."""
    builds, ratios = result["builds"], result.get("ratios", {})
    rows = [("figure", "median", "peak MiB", "target", "met")]
    verdicts = result["targets"]

    def mark(name: str) -> str:
        met = verdicts[name]["met"]
        return "n/a" if met is None else ("yes" if met else "no")

    def build_row(label: str, name: str, target: str = "", met: str = "") -> tuple:
        return (label, f"{builds[name]['median_s']:.2f} s", f"{builds[name]['peak_mib']:.1f}", target, met)

    def seconds_target(name: str) -> str:
        return f"{verdicts[name]['target']} s" if verdicts[name]["target"] != "none stated" else ""

    invoke_rows = [
        build_row(
            "ours, `invoke build`, nothing changed",
            "ours_invoke_build_warm",
            seconds_target("invoke_build_nothing_s"),
            mark("invoke_build_nothing_s"),
        ),
        build_row(
            "ours, `invoke build`, one raw article's body edited",
            "ours_invoke_build_body_edit",
            seconds_target("invoke_build_body_edit_s"),
            mark("invoke_build_body_edit_s"),
        ),
        build_row(
            "ours, `invoke build`, one headline edited (list pages too)",
            "ours_invoke_build_headline_edit",
            seconds_target("invoke_build_headline_edit_s"),
            mark("invoke_build_headline_edit_s"),
        ),
        build_row("ours, `invoke build`, body edited, search off", "ours_invoke_build_body_edit_without_search"),
    ]
    if result.get("only") == "invoke build":
        rows += invoke_rows
    else:
        rows += [
            build_row(
                "(1) ours, cold (import + build)",
                "ours_cold",
                f"<= 1.2 x (2): {ratios['cold_ratio']:.2f}",
                mark("cold_ratio"),
            ),
            build_row(
                "ours, cold, without Pagefind and share cards",
                "ours_cold_without_extras",
                f"<= 1.2 x (2): {ratios['cold_without_extras_ratio']:.2f}",
                mark("cold_without_extras_ratio"),
            ),
            build_row(
                "ours, cold, all in one process (`NEWS_PARALLEL = False`)",
                "ours_cold_one_process",
                f"{ratios['cold_one_process_ratio']:.2f} x (2)",
            ),
            build_row("(2) plain Pelican, default theme, cold", "plain_cold"),
        ]
        if "stack_ratio" in ratios:  # only when the `bench` extra is installed
            rows.append(
                build_row(
                    "(8) Pelican + plugins + Pagefind CLI (the stack a user assembles), cold",
                    "stack_cold",
                    f"(1) <= 0.8 x (8): {ratios['stack_ratio']:.2f}",
                    mark("stack_ratio"),
                )
            )
        if "hugo_cold_ratio" in ratios:  # optional: only when Hugo is installed
            rows.append(
                build_row(
                    f"Hugo {result['machine'].get('hugo')}, same Markdown, cold",
                    "hugo_cold",
                    f"{ratios['hugo_cold_ratio']:.2f} x (2)",
                )
            )
        rows += [
            build_row(
                "(3) ours, warm, nothing changed",
                "ours_warm",
                f"<= 0.35 x (2): {ratios['warm_ratio']:.2f}",
                mark("warm_ratio"),
            ),
            build_row(
                "plain Pelican with its content cache, warm", "plain_warm", f"{ratios['plain_warm_ratio']:.2f} x (2)"
            ),
            build_row(
                "ours, warm, one raw article edited (full `pelican` run)",
                "ours_one_edit",
                f"{ratios['one_edit_ratio']:.2f} x (2)",
            ),
            *invoke_rows,
        ]
        refresh = result["edit_to_refresh"]
        rows.append(
            (
                "(4) edit-to-refresh, one article (save to served page)",
                _seconds_or_status(refresh),
                "",
                "<= 1.0 s",
                mark("edit_to_refresh_s"),
            )
        )
        rate = result["import"]["articles_per_s_per_core"]
        rows.append(
            (
                "(5) import throughput",
                f"{rate:,.0f} articles/s/core",
                "",
                ">= 1,000",
                mark("import_articles_per_s_per_core"),
            )
        )
        images = result["images"]
        rows.append(
            (f"(6) images: {images.get('photos', '?')} photos, empty cache", _seconds_or_status(images), "", "", "")
        )
        rows += _real_page_rows(result.get("real_pages", {}))
        rows.append(("(7) peak memory, (1) / (2)", f"{ratios['memory_ratio']:.2f}", "", "<= 1.2", mark("memory_ratio")))
        rows.append(
            (
                "peak memory without Pagefind and share cards / (2)",
                f"{ratios['memory_without_extras_ratio']:.2f}",
                "",
                "",
                "",
            )
        )
        if "stack_memory_ratio" in ratios:
            rows.append(
                (
                    "peak memory, (1) / (8)",
                    f"{ratios['stack_memory_ratio']:.2f}",
                    "",
                    "<= 1.2",
                    mark("stack_memory_ratio"),
                )
            )
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "| --- | --- | --- | --- | --- |")
    machine = result["machine"]
    lines.append("")
    lines.append(
        f"N = {result['n']:,} articles (seed {result['seed']}), median of {result['repeats']} alternating "
        f"runs, {result['when']}; {machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB, "
        f"{machine['system']}, Python {machine['python']}, Pelican {machine['pelican']}, "
        f"load average at start {machine['load_average_at_start'][0]}, "
        f"sites on {machine.get('filesystem', 'unknown')}, commit {machine.get('commit', '?')}."
    )
    return "\n".join(lines)


def _real_page_rows(pages: dict) -> list[tuple]:
    """Body F1 on the benchmark's real pages, ours (saved HTML, text dump) beside trafilatura's stored one."""
    if pages.get("status") != "measured":
        return [("import fidelity on real pages", pages.get("status", "not measured"), "", "", "")]
    theirs = pages["trafilatura_2.0.0_stored"]
    rows = []
    for kind, label, target, limit in (("html", "saved HTML", ">= 0.96", 0.96), ("text", "text dump", ">= 0.90", 0.90)):
        ours = pages[kind]
        rows.append(
            (
                f"import fidelity, {pages['pages']} real pages, {label}: body F1 (P / R)",
                f"{ours['f1']:.3f} ({ours['precision']:.3f} / {ours['recall']:.3f}); "
                f"median {ours['median_ms']:.0f} ms, max {ours['max_ms']:.0f} ms",
                "",
                f"{target}; trafilatura {theirs['f1']:.3f}",
                "yes" if ours["f1"] >= limit else "no",
            )
        )
    return rows


def _seconds_or_status(figure: dict) -> str:
    if figure.get("seconds") is not None:
        return f"{figure['seconds']:.2f} s"
    return figure.get("status", "missing")


def write(result: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for latest.json and the built sites")
    parser.add_argument(
        "--record", action="store_true", help="also write docs/bench.json and put the table into README.md (Benchmarks)"
    )
    parser.add_argument(
        "--only-invoke-build",
        action="store_true",
        help="only the `invoke build` figures (nothing changed, edits), e.g. at N = 10,000",
    )
    args = parser.parse_args(argv)
    if args.only_invoke_build and args.record:
        parser.error("--record writes the whole table: measure everything")
    result = run(args.n, args.seed, args.repeats, args.out / f"site-{args.n}", only_invoke_build=args.only_invoke_build)
    write(result, args.out / ("latest-invoke-build.json" if args.only_invoke_build else "latest.json"))
    print(table(result))
    print(f"\nwritten: {args.out}", file=sys.stderr)
    if args.record:
        write(result, ROOT / "docs" / "bench.json")
        record_in_readme(ROOT / "README.md", table(result))
        print("recorded: docs/bench.json, README.md (Benchmarks)", file=sys.stderr)


README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"


def record_in_readme(readme: Path, text: str) -> None:
    """Replace what stands between the two markers in README: Benchmarks, and nothing else."""
    document = readme.read_text(encoding="utf-8")
    head, found, rest = document.partition(README_START)
    _, found_end, tail = rest.partition(README_END)
    if not (found and found_end):
        raise SystemExit(f"{readme}: the Benchmarks section lacks its {README_START} / {README_END} markers")
    readme.write_text(f"{head}{README_START}\n{text}\n{README_END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
