"""What the search index's shards cost a reader: Chromium searching a built site over HTTP/2 (nginx, a
self-signed certificate) with the network emulated, for several shard counts of the same pages.

    python -m tooling.bench.search_readers OUTPUT [COUNT ...]

OUTPUT is a built site (`output/` of `invoke build`, e.g. the bench's 10,000-article site). For each COUNT
(default 4 8 16) a copy of it made of hard links gets its search index in COUNT shards; the search page of
the copy is replaced, never written through a link. Per network profile and count it prints, as the median
of 3 runs with the browser cache off: the time from opening `search/?q=election result` to the first
result, and from typing a second query to its results, with the requests each made. Needs nginx, openssl
and Playwright with the system Chromium (the `test` extra; bootstrap.py installs them). The README's table
under "Search shards" was made with it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from news_seo.pagefind import FOLDER, index_shards, pages_marked_for_indexing
from tooling.audit import CHROMIUM, CHROMIUM_ARGS, nginx

from .sites import ROOT

PROFILES = {"cable (40 ms, 10 Mbit/s)": (40, 10e6 / 8), "4G (150 ms, 1.6 Mbit/s)": (150, 1.6e6 / 8)}


def sharded_copy(output: Path, count: int, workdir: Path) -> Path:
    """A hard-link copy of `output` with its search index in `count` shards and this checkout's search page."""
    site = workdir / f"shards-{count}"
    subprocess.run(["cp", "-al", str(output), str(site)], check=True)
    if json.loads((site / FOLDER / "shards.json").read_text(encoding="utf-8"))["count"] != count:
        shutil.rmtree(site / FOLDER)
        index_shards(site, pages_marked_for_indexing(site), count)
    page = site / "search" / "index.html"
    fresh = page.with_suffix(".new")
    fresh.write_text(_current_search_script(page.read_text(encoding="utf-8")), encoding="utf-8")
    os.replace(fresh, page)  # a new file: the old one is a hard link of the measured site's
    return site


def _current_search_script(html: str) -> str:
    """The page with the script of theme/templates/search.html, its two values kept from the built page."""
    template = (ROOT / "theme" / "templates" / "search.html").read_text(encoding="utf-8")
    begin = template.index('window.addEventListener("DOMContentLoaded"')
    script = template[begin : template.index("</script>", begin)]
    start = html.index('window.addEventListener("DOMContentLoaded"')
    end = html.index("</script>", start)
    built = html[start:end]
    folder = built.split("var folder = new URL(", 1)[1].split(", document.baseURI)", 1)[0]
    base_url = built.split("var baseUrl = ", 1)[1].split(";", 1)[0]
    script = script.replace("{{ pagefind_path | tojson }}", folder).replace(
        "{{ pagefind_base_url | tojson }}", base_url
    )
    return html[:start] + script + html[end:]


def one_run(browser, url: str, profile) -> tuple[float, int, float, int]:
    """(seconds to the first result, requests by then, seconds for a second query, its requests)."""
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    latency, throughput = profile
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": latency, "downloadThroughput": throughput, "uploadThroughput": throughput},
    )
    requests = [0]
    page.on("request", lambda _: requests.__setitem__(0, requests[0] + 1))  # Pagefind's web worker's too
    started = time.perf_counter()
    page.goto(url + "/search/?q=election+result")
    page.wait_for_selector(".pagefind-ui__result", timeout=120_000)
    first, first_requests = time.perf_counter() - started, requests[0]
    started = time.perf_counter()
    page.locator("#search input").fill("fuel prices")
    page.wait_for_function(
        "() => (document.querySelector('.pagefind-ui__message') || {}).textContent?.includes('fuel')"
        " && document.querySelectorAll('.pagefind-ui__result-link').length > 0",
        timeout=120_000,
    )
    second = time.perf_counter() - started
    context.close()
    return first, first_requests, second, requests[0] - first_requests


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("counts", type=int, nargs="*", default=[4, 8, 16])
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(dir=args.output.parent) as folder, contextlib.ExitStack() as servers:
        workdir = Path(folder)
        workdir.chmod(0o755)  # nginx's workers run as another user
        sites = [
            (count, servers.enter_context(nginx(sharded_copy(args.output.resolve(), count, workdir), tls=True)))
            for count in args.counts
        ]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
            for name, profile in PROFILES.items():
                for count, url in sites:
                    runs = [one_run(browser, url, profile) for _ in range(3)]
                    first, first_requests, second, second_requests = (statistics.median(c) for c in zip(*runs))
                    print(
                        f"{name}, {count} shard(s): first result {first:.1f} s ({first_requests:.0f} requests), "
                        f"next query {second:.1f} s ({second_requests:.0f} requests)",
                        flush=True,
                    )
            browser.close()


if __name__ == "__main__":
    main()
