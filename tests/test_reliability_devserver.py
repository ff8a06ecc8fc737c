"""The preview server's command line: a port in use, a port that is not a number, an unknown host are one
`error:` line each (no traceback, exit 1); an IPv6 host works."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time

import pytest

from support import copy_project, free_port

pytestmark = pytest.mark.build  # pytest -m "not build and not browser and not server": the fast unit tests


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("serve"), with_content=False)
    (project / "output").mkdir()
    (project / "output" / "index.html").write_text("<!doctype html><title>Built</title><p>Built site</p>")
    return project


def invoke_task(project, *args, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=project, capture_output=True, text=True, timeout=timeout
    )


def one_error_line(result) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    return lines[0]


@pytest.mark.parametrize("task", ["serve", "reserve", "livereload"])
@pytest.mark.parametrize(
    "port, words",
    [
        ("abc", "--port must be a whole number from 1 to 65535, not 'abc'"),
        ("70000", "--port must be a whole number from 1 to 65535, not 70000"),
    ],
)
def test_a_port_that_is_no_port_is_one_line(project, task, port, words):
    assert words in one_error_line(invoke_task(project, task, "--port", port))


@pytest.mark.parametrize("task", ["serve", "reserve", "livereload"])
def test_a_port_in_use_is_one_line_before_any_build(project, task):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        line = one_error_line(invoke_task(project, task, "--port", str(port)))
    assert f"port {port} is already in use on 127.0.0.1" in line and "--port N" in line
    assert time.monotonic() - started < 30
    assert (project / "output" / "index.html").read_text().endswith("Built site</p>"), "nothing was built"


def test_an_unknown_host_is_one_line(project):
    line = one_error_line(invoke_task(project, "serve", "--host", "no-such-host.invalid", "--port", "0"))
    assert "--host 'no-such-host.invalid' is not an address or a name this machine knows" in line


def test_an_ipv6_host_is_served(project):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--host", "::1", "--port", str(port)],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                connection = http.client.HTTPConnection("::1", port, timeout=5)
                connection.request("GET", "/")
                response = connection.getresponse()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read()
                time.sleep(0.1)
        assert response.status == 200 and b"Built site" in response.read()
    finally:
        server.terminate()
        out, err = server.communicate(timeout=10)
    assert f"http://[::1]:{port}/" in out and "Traceback" not in err
