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
import json
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from news_seo.pagefind import FOLDER, index_shards, pages_marked_for_indexing

from .sites import ROOT

PROFILES = {"cable (40 ms, 10 Mbit/s)": (40, 10e6 / 8), "4G (150 ms, 1.6 Mbit/s)": (150, 1.6e6 / 8)}
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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


def start_nginx(sites: list[tuple[int, Path]], workdir: Path) -> subprocess.Popen:
    conf = workdir / "nginx"
    (conf / "tmp").mkdir(parents=True)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
        + ["-keyout", str(conf / "key.pem"), "-out", str(conf / "cert.pem")],
        check=True,
        capture_output=True,
    )
    servers = "".join(
        f"server {{ listen 127.0.0.1:{port} ssl http2; ssl_certificate {conf}/cert.pem; "
        f"ssl_certificate_key {conf}/key.pem; root {site}; gzip on; "
        "gzip_types application/json application/javascript text/css; }\n"
        for port, site in sites
    )
    temp = " ".join(f"{kind}_temp_path {conf}/tmp;" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (conf / "nginx.conf").write_text(
        f"worker_processes 2; pid {conf}/nginx.pid; error_log {conf}/error.log;\nevents {{}}\n"
        f"http {{ include /etc/nginx/mime.types; access_log off; {temp}\n{servers}}}\n",
        encoding="utf-8",
    )
    server = subprocess.Popen(
        ["nginx", "-p", str(conf), "-c", str(conf / "nginx.conf"), "-e", str(conf / "error.log"), "-g", "daemon off;"]
    )
    time.sleep(0.5)
    return server


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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("counts", type=int, nargs="*", default=[4, 8, 16])
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(dir=args.output.parent) as folder:
        workdir = Path(folder)
        workdir.chmod(0o755)  # nginx's workers run as another user
        sites = [(_free_port(), sharded_copy(args.output.resolve(), count, workdir)) for count in args.counts]
        server = start_nginx(sites, workdir)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                for name, profile in PROFILES.items():
                    for (port, _), count in zip(sites, args.counts, strict=True):
                        runs = [one_run(browser, f"https://127.0.0.1:{port}", profile) for _ in range(3)]
                        first, first_requests, second, second_requests = (statistics.median(c) for c in zip(*runs))
                        print(
                            f"{name}, {count} shard(s): first result {first:.1f} s ({first_requests:.0f} requests), "
                            f"next query {second:.1f} s ({second_requests:.0f} requests)",
                            flush=True,
                        )
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
