"""`invoke audit`: the built site scored the way a reader's browser and the checkers see it.

Builds the site with the production settings (publishconf.py: absolute URLs, feeds) for a private nginx
(gzip on, like production) on 127.0.0.1, into a temporary folder (output/ is left alone), and prints:
Lighthouse scores (npm lighthouse 12.2.3 driving Debian Chromium) for the seed article and the front page,
axe-core violations (article, front page, a tag page), Nu Html Checker errors over every page, and the
gzipped weight of the seed article's HTML + CSS. Targets: Lighthouse 100 x 4; HTML + CSS <= 14 KB gzipped.

Before anything is built it checks what it drives: the npm checkers (package.json) are installed with
`npm ci` when npm is there; anything else missing (Chromium, nginx, Java, Node, Playwright) is named in one
message with the command that installs it, instead of a traceback half-way.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

SEED_PAGE = "2020/08/russia-ready-to-ensure-security-in-belarus/"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (  # as shared/TOOLS.md gives them; the test suite's browser and the benches use them too
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
CHROME_FLAGS = " ".join(CHROMIUM_ARGS)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
WEIGHT_BUDGET = 14 * 1024

NGINX_CONF = """
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy; fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
    gzip on; gzip_comp_level 6; gzip_types text/css application/javascript application/json image/svg+xml;
    server {{
        listen 127.0.0.1:{port}{listen};{tls}
        root {root};
        error_page 404 /404.html;
        location /theme/css/ {{ add_header Cache-Control "public, max-age=31536000, immutable"; }}
    }}
}}
"""


NODE_CHECKERS = {  # node_modules path -> npm package (versions pinned in package.json / package-lock.json)
    "lighthouse/cli/index.js": "lighthouse",
    "axe-core/axe.min.js": "axe-core",
    "vnu-jar/build/dist/vnu.jar": "vnu-jar",
}
SYSTEM_TOOLS = {  # what to look for -> the Debian package that provides it
    CHROMIUM: "chromium",
    "nginx": "nginx",
    "java": "default-jre-headless",
    "node": "nodejs",
    "npx": "npm",
}
INSTALL_HINT = "`python3 bootstrap.py test` installs all of it (as root or with sudo)"


def _found(tool: str) -> bool:
    return Path(tool).exists() if tool.startswith("/") else shutil.which(tool) is not None


def missing_node_checkers(root: Path) -> list[str]:
    return [package for path, package in NODE_CHECKERS.items() if not (root / "node_modules" / path).exists()]


def prerequisites(root: Path, install=subprocess.run) -> list[str]:
    """What the audit still lacks, one line each (empty: ready). Installs the npm checkers when it can."""
    problems = [
        f"{tool} is missing (Debian package {package})" for tool, package in SYSTEM_TOOLS.items() if not _found(tool)
    ]
    if missing_node_checkers(root) and _found("npm"):
        print("audit: installing the checkers from package-lock.json (npm ci) ...", flush=True)
        install(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=root, check=False)
    missing = missing_node_checkers(root)
    if missing:
        problems.append(f"npm packages {', '.join(missing)} are missing (`npm ci` in {root} installs them)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("the Python package playwright is missing (`pip install -e '.[test]'`)")
    return problems


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def nginx(root: Path, port: int | None = None, tls: bool = False):
    """A private nginx serving `root` on 127.0.0.1 (a free port unless given); yields the base URL. With `tls`,
    over HTTPS and HTTP/2 as static hosts serve, with a self-signed certificate (browsers must ignore it)."""
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="audit-nginx-") as folder:
        conf = Path(folder) / "nginx.conf"
        listen, certificate = "", ""
        if tls:
            subprocess.run(
                ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
                + ["-keyout", f"{folder}/key.pem", "-out", f"{folder}/cert.pem"],
                check=True,
                capture_output=True,
            )
            listen = " ssl http2"
            certificate = f" ssl_certificate {folder}/cert.pem; ssl_certificate_key {folder}/key.pem;"
        conf.write_text(NGINX_CONF.format(dir=folder, port=port, root=root.resolve(), listen=listen, tls=certificate))
        process = subprocess.Popen(
            ["nginx", "-p", folder, "-c", str(conf), "-e", f"{folder}/error.log", "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            _wait_for_port(port, process)
            yield f"{'https' if tls else 'http'}://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=10)


def _wait_for_port(port: int, process: subprocess.Popen) -> None:
    for _ in range(100):
        if process.poll() is not None:
            raise SystemExit(f"audit: nginx did not start: {process.stderr.read().decode(errors='replace')}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise SystemExit("audit: nginx did not start listening")


def lighthouse(root: Path, url: str) -> dict[str, int]:
    """Lighthouse category scores (0-100) for one URL, mobile defaults (simulated throttling)."""
    with tempfile.TemporaryDirectory(prefix="audit-lh-") as folder:
        report = Path(folder) / "lh.json"
        env = dict(os.environ, CHROME_PATH=CHROMIUM)
        result = subprocess.run(
            [
                "npx",
                "--no-install",
                "lighthouse",
                url,
                "--output=json",
                f"--output-path={report}",
                "--quiet",
                f"--chrome-flags={CHROME_FLAGS}",
            ],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0 or not report.exists():
            raise SystemExit(f"audit: lighthouse failed for {url}:\n{result.stderr[-2000:]}")
        categories = json.loads(report.read_text())["categories"]
    return {name: round((categories[name]["score"] or 0) * 100) for name in CATEGORIES}


def axe_violations(root: Path, urls: list[str]) -> dict[str, list[str]]:
    """axe-core rule ids violated on each URL (light and dark colour schemes)."""
    from playwright.sync_api import sync_playwright

    axe = root / "node_modules" / "axe-core" / "axe.min.js"
    found: dict[str, list[str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        for url in urls:
            for scheme in ("light", "dark"):
                context = browser.new_context(color_scheme=scheme)
                page = context.new_page()
                page.goto(url, wait_until="networkidle")
                page.add_script_tag(path=str(axe))
                result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
                found[f"{url} ({scheme})"] = [item["id"] for item in result["violations"]]
                context.close()
        browser.close()
    return found


def validator_errors(root: Path, output: Path) -> list[str]:
    vnu = root / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    result = subprocess.run(
        ["java", "-jar", str(vnu), "--errors-only", "--skip-non-html", "--format", "json", str(output)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{message.get('url', '')}: {message.get('message', '')}"
        for message in messages
        if message.get("type") == "error"
    ]


def page_weight(output: Path, page: str) -> dict[str, int]:
    """Bytes of the page's HTML and its stylesheet, raw and gzipped (level 6, as nginx serves them)."""
    html_path = output / page / "index.html" if not page.endswith(".html") else output / page
    html = html_path.read_bytes()
    sheet = re.search(rb'<link rel="stylesheet" href="([^"]+)"', html)
    css = _local_file(output, html_path, sheet.group(1).decode()).read_bytes() if sheet else b""
    weights = {
        "html": len(html),
        "css": len(css),
        "html_gzip": len(gzip.compress(html, 6)),
        "css_gzip": len(gzip.compress(css, 6)),
    }
    weights["total_gzip"] = weights["html_gzip"] + weights["css_gzip"]
    return weights


def _local_file(output: Path, html_path: Path, href: str) -> Path:
    """The file behind a stylesheet link, absolute (http://127.0.0.1:PORT/theme/...) or relative."""
    path = urlsplit(href).path
    return output / path.lstrip("/") if path.startswith("/") else (html_path.parent / path).resolve()


def first_tag_page(output: Path) -> str | None:
    pages = sorted((output / "tag").glob("*.html")) if (output / "tag").is_dir() else []
    return str(pages[0].relative_to(output)) if pages else None


def build_for(root: Path, base_url: str, folder: Path) -> Path:
    """The production build with SITEURL pointing at the local server, so canonical URLs are absolute."""
    from tooling.build import build_site

    result = build_site(root, "publishconf.py", overrides={"SITEURL": base_url}, output=folder / "site")
    if not result.completed:
        raise SystemExit("audit: the build failed (errors above)")
    return result.output


def run_audit(root: Path, page: str = SEED_PAGE, json_out: Path | None = None) -> dict:
    problems = prerequisites(root)
    if problems:
        raise SystemExit(
            "audit: cannot run yet:\n" + "".join(f"  - {line}\n" for line in problems) + f"  {INSTALL_HINT}"
        )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    results: dict = {"page": page}
    with tempfile.TemporaryDirectory(prefix="audit-site-") as folder:
        os.chmod(folder, 0o755)  # nginx workers run as an unprivileged user when started by root
        output = build_for(root, base, Path(folder))
        if not (output / page).exists():
            raise SystemExit(f"audit: {page} was not built; is the seed article in content/?")
        with nginx(output, port):
            article, front = f"{base}/{page}", f"{base}/"
            results["lighthouse"] = {"article": lighthouse(root, article), "front page": lighthouse(root, front)}
            tag = first_tag_page(output)
            results["axe"] = axe_violations(root, [article, front] + ([f"{base}/{tag}"] if tag else []))
        results["validator_errors"] = validator_errors(root, output)
        results["pages_checked"] = len(list(output.rglob("*.html")))
        results["weight"] = page_weight(output, page)
    print_report(results)
    if json_out:
        Path(json_out).write_text(json.dumps(results, indent=2) + "\n")
    return results


def print_report(results: dict) -> None:
    print(f"\nAudit of {results['page']}")
    print(f"{'Lighthouse':<14}" + "".join(f"{name:>16}" for name in CATEGORIES))
    for name, scores in results["lighthouse"].items():
        print(f"{name:<14}" + "".join(f"{scores[category]:>16}" for category in CATEGORIES))
    axe_total = sum(len(ids) for ids in results["axe"].values())
    print(f"axe-core violations: {axe_total} on {len(results['axe'])} page views")
    for view, ids in results["axe"].items():
        if ids:
            print(f"  {view}: {', '.join(ids)}")
    errors = results["validator_errors"]
    print(f"Nu Html Checker errors: {len(errors)} on {results['pages_checked']} pages")
    for line in errors[:20]:
        print(f"  {line}")
    weight = results["weight"]
    verdict = "within" if weight["total_gzip"] <= WEIGHT_BUDGET else "OVER"
    print(
        f"Weight, gzipped: HTML {weight['html_gzip']:,} B + CSS {weight['css_gzip']:,} B = "
        f"{weight['total_gzip']:,} B ({weight['total_gzip'] / 1024:.1f} KB, {verdict} the 14 KB budget)"
    )
