"""`invoke livereload`: the page refreshes itself after an edit, errors show as a banner, nothing escapes output/."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import ROOT, copy_project, free_port

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests

sys.path.insert(0, str(ROOT))
from tooling.devserver import resolve_request, with_reload_script  # noqa: E402

SEED_RAW = "content/raw/000_2050e4f5686eda9e.txt"
SEED_URL = "/2020/08/russia-ready-to-ensure-security-in-belarus/"
SENTENCE = "Officials have reported that two protesters have died"


@pytest.fixture(scope="module")
def devserver(tmp_path_factory):
    """A project copy with `invoke livereload` running on a free port; yields (project, base URL, process)."""
    project = copy_project(tmp_path_factory.mktemp("devserver"))
    (project / SEED_RAW).chmod(0o644)
    port = free_port()
    log = open(project / "devserver.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "livereload", "--port", str(port)],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        if process.poll() is not None:
            pytest.fail(f"livereload exited {process.returncode}:\n{(project / 'devserver.log').read_text()}")
        try:
            if _get(port, SEED_URL)[0] == 200:
                break
        except OSError:
            pass
        time.sleep(0.1)
    else:
        pytest.fail("livereload did not answer within a minute")
    yield project, base, port
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)
    log.close()


def _get(port: int, raw_path: str) -> tuple[int, bytes]:
    """A request with the path sent exactly as given (no client-side normalisation of `..`)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", raw_path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _log(project: Path) -> str:
    return (project / "devserver.log").read_text()


def test_an_edited_raw_article_refreshes_the_open_tab(devserver, page):
    project, base, _ = devserver
    page.goto(base + SEED_URL)
    assert page.get_by_text(SENTENCE).count() == 1
    page.evaluate("window.notReloaded = true")
    raw = project / SEED_RAW
    raw.write_text(raw.read_text().replace(SENTENCE, "Officials now say that two protesters have died"))
    page.get_by_text("Officials now say that two protesters have died").wait_for(timeout=30_000)
    assert page.evaluate("window.notReloaded === undefined"), "the browser reloaded the page by itself"
    assert "rebuild (incremental)" in _log(project)


def test_a_broken_article_shows_a_banner_and_fixing_it_recovers(devserver, page):
    project, base, port = devserver
    page.goto(base + SEED_URL)
    raw = project / SEED_RAW
    good = raw.read_text()
    raw.write_text(good.replace("August 15, 2020", "February 30, 2020", 1))
    banner = page.locator("#livereload-errors")
    banner.wait_for(timeout=30_000)
    assert "is not a valid date" in banner.inner_text() and "000_2050e4f5686eda9e.txt" in banner.inner_text()
    assert "error: raw/000_2050e4f5686eda9e.txt" in _log(project)
    assert _get(port, "/")[0] == 200, "the server stays up after a failed rebuild"
    assert "protesters have died" in good
    raw.write_text(good.replace("protesters have died", "protesters have died, as officials said again", 1))
    page.get_by_text("as officials said again").wait_for(timeout=30_000)
    assert banner.count() == 0
    assert "Traceback" not in _log(project)


def test_a_template_change_rebuilds_cold_and_the_built_files_carry_no_script(devserver, page):
    project, base, _ = devserver
    page.goto(base + SEED_URL)
    base_template = project / "theme" / "templates" / "base.html"
    original = base_template.read_text()
    base_template.write_text(original.replace("</body>", '<p id="template-probe">probe</p></body>', 1))
    try:
        page.locator("#template-probe").wait_for(timeout=30_000)
        built = (project / "output" / SEED_URL.strip("/") / "index.html").read_text()
        assert "template-probe" in built and "__livereload" not in built
    finally:
        base_template.write_text(original)
    page.locator("#template-probe").wait_for(state="detached", timeout=30_000)
    assert "rebuild (cold)" in _log(project).split("base.html")[-1]


@pytest.mark.parametrize(
    "raw_path",
    [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/2020/..%2f..%2f..%2f..%2fetc/passwd",
        "/..%5c..%5cetc%5cpasswd",
        "/%252e%252e/%252e%252e/etc/passwd",
        "/index.html%00.txt",
        "/escape/passwd",
        "/escape-file",
    ],
)
def test_paths_escaping_the_output_folder_answer_404(devserver, raw_path):
    project, _, port = devserver
    output = project / "output"
    for link, target in (("escape", "/etc"), ("escape-file", "/etc/passwd")):
        if not (output / link).is_symlink():
            (output / link).symlink_to(target)
    status, body = _get(port, raw_path)
    assert status == 404
    assert b"root:" not in body


def test_the_server_listens_on_loopback_only(devserver):
    _, _, port = devserver
    assert _listening_addresses(port) == ["0100007F"]


@pytest.mark.parametrize(
    "request_path, expected",
    [
        ("/", "index.html"),
        ("/about/", "about/index.html"),
        ("/about/index.html?x=1", "about/index.html"),
        ("/a%20b.txt", "a b.txt"),
        ("/missing.html", None),
        ("/../secret.txt", None),
        ("/%2e%2e/secret.txt", None),
        ("/about/../index.html", None),
        ("/./index.html", "index.html"),  # harmless: stays inside
        ("/inside-link", "index.html"),
        ("/outside-link", None),
        ("relative", None),
    ],
)
def test_resolve_request_maps_url_paths_into_the_folder_only(tmp_path, request_path, expected):
    output = tmp_path / "output"
    (output / "about").mkdir(parents=True)
    for name in ("index.html", "about/index.html", "a b.txt"):
        (output / name).write_text(name)
    (tmp_path / "secret.txt").write_text("secret")
    (output / "inside-link").symlink_to(output / "index.html")
    (output / "outside-link").symlink_to(tmp_path / "secret.txt")
    resolved = resolve_request(output, request_path)
    assert (resolved.relative_to(output.resolve()).as_posix() if resolved else None) == expected


@pytest.mark.parametrize(
    "html, expected",
    [
        (
            b"<html><body><p>x</p></body></html>",
            b'<html><body><p>x</p><script src="/__livereload/client.js"></script></body></html>',
        ),
        (b"<p>no body end</p>", b'<p>no body end</p><script src="/__livereload/client.js"></script>'),
        (
            b"<pre>&lt;/body&gt;</pre></BODY >",
            b'<pre>&lt;/body&gt;</pre><script src="/__livereload/client.js"></script></BODY >',
        ),
    ],
)
def test_the_reload_script_goes_before_the_last_body_end(html, expected):
    assert with_reload_script(html) == expected


def _listening_addresses(port: int) -> list[str]:
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
                found.append(local.rsplit(":", 1)[0])
    return found


def _start(project: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _text(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:  # between the two renames of a swap
        return ""


def _wait_until(condition, what: str, seconds: float = 60) -> None:
    for _ in range(int(seconds * 10)):
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"{what} did not happen within {seconds} s")


@pytest.mark.parametrize(
    "host_args, expected",
    [((), ["0100007F"]), (("--host", "0.0.0.0"), ["00000000"])],
    ids=["loopback by default", "--host exposes it on purpose"],
)
def test_serve_binds_loopback_unless_told_and_serves_the_built_files_as_they_are(devserver, host_args, expected):
    project, _, _ = devserver
    port = free_port()
    server = _start(project, "serve", "--port", str(port), *host_args)
    try:
        _wait_until(lambda: bool(_listening_addresses(port)), "serve listening")
        assert _listening_addresses(port) == expected
        status, body = _get(port, SEED_URL)
        assert status == 200 and b"__livereload" not in body
        assert _get(port, "/%2e%2e/%2e%2e/etc/passwd")[0] == 404
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_regenerate_rebuilds_the_output_after_an_edit(tmp_path):
    project = copy_project(tmp_path / "site")
    (project / SEED_RAW).chmod(0o644)
    page = project / "output" / SEED_URL.strip("/") / "index.html"
    watcher = _start(project, "regenerate")
    try:
        _wait_until(page.is_file, "the first build")
        time.sleep(0.5)  # let the watcher start before the edit
        raw = project / SEED_RAW
        raw.write_text(raw.read_text().replace(SENTENCE, "Officials regenerated that two protesters have died"))
        _wait_until(lambda: "Officials regenerated" in _text(page), "the rebuild after the edit")
    finally:
        os.killpg(watcher.pid, signal.SIGTERM)
        watcher.wait(timeout=30)


def test_folder_urls_without_a_slash_redirect_and_files_do_not(devserver):
    project, _, port = devserver
    output = project / "output"
    if not (output / "home-link").is_symlink():
        (output / "home-link").symlink_to(output / "index.html")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", SEED_URL.rstrip("/"))
        response = connection.getresponse()
        response.read()
        assert response.status == 301 and response.getheader("Location") == SEED_URL
    finally:
        connection.close()
    status, body = _get(port, "/home-link")
    assert status == 200 and b"</html>" in body
