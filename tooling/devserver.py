"""The preview server: serves output/ on 127.0.0.1, rebuilds on every change and refreshes the open tab.

Only the responses of this server carry the live-reload script (inserted into HTML as it is sent); the built
files never do. The script listens to /__livereload/events (server-sent events): each finished rebuild bumps a
version, the page reloads when it changes, and the errors of the last rebuild show as a banner at the top.
Requests are mapped into output/ strictly: `..` segments (also percent-encoded), NUL bytes and symlinks that
resolve outside the folder all answer 404.
"""

from __future__ import annotations

import errno
import http.server
import json
import mimetypes
import re
import signal
import socket
import sys
import threading
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from tooling.rebuild import Rebuilder

EVENTS_PATH = "/__livereload/events"
SCRIPT_PATH = "/__livereload/client.js"
SCRIPT_TAG = f'<script src="{SCRIPT_PATH}"></script>'.encode()
# Reload when the version moves; show the last rebuild's errors in a banner (as text, never as HTML).
CLIENT_SCRIPT = """(() => {
  let seen = null;
  const source = new EventSource("EVENTS_PATH");
  source.addEventListener("status", (event) => {
    const status = JSON.parse(event.data);
    if (seen !== null && status.version !== seen) { location.reload(); return; }
    seen = status.version;
    let banner = document.getElementById("livereload-errors");
    if (!status.errors.length) { if (banner) banner.remove(); return; }
    if (!banner) {
      banner = document.createElement("pre");
      banner.id = "livereload-errors";
      banner.setAttribute("role", "alert");
      banner.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:2147483647;margin:0;padding:1em;" +
        "max-height:50vh;overflow:auto;white-space:pre-wrap;font:14px/1.4 monospace;" +
        "background:#8b0000;color:#fff;border-bottom:4px solid #000";
      document.body.prepend(banner);
    }
    banner.textContent = "Rebuild failed:\\n" + status.errors.join("\\n");
  });
})();
""".replace("EVENTS_PATH", EVENTS_PATH)
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def resolve_request(output: Path, request_path: str) -> Path | None:
    """The file under output/ a URL path names (index.html for folders), or None when it must be a 404."""
    path = unquote(urlsplit(request_path).path, errors="strict") if request_path else "/"
    if "\x00" in path or "\\" in path:
        return None
    parts = PurePosixPath(path).parts[1:] if path.startswith("/") else None
    if parts is None or any(part in ("..", ".") for part in parts):
        return None
    root = output.resolve()
    candidate = root.joinpath(*parts)
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not resolved.is_relative_to(root):
        return None  # a symlink pointing outside the served folder
    if resolved.is_dir():
        index = (resolved / "index.html").resolve()
        return index if index.is_file() and index.is_relative_to(root) else None
    return resolved if resolved.is_file() else None


def with_reload_script(html: bytes) -> bytes:
    matches = list(_BODY_END.finditer(html))
    if not matches:
        return html + SCRIPT_TAG
    at = matches[-1].start()
    return html[:at] + SCRIPT_TAG + html[at:]


class LiveState:
    """The version of the site being served and the errors of the last rebuild, shared with every tab."""

    def __init__(self):
        self.version = 0
        self.errors: list[str] = []
        self._changed = threading.Condition()

    def published(self, errors: list[str]) -> None:
        with self._changed:
            self.version += 1
            self.errors = list(errors)
            self._changed.notify_all()

    def snapshot(self) -> dict:
        with self._changed:
            return {"version": self.version, "errors": list(self.errors)}

    def wait_for_change(self, version: int, timeout: float) -> dict:
        with self._changed:
            self._changed.wait_for(lambda: self.version != version, timeout=timeout)
            return {"version": self.version, "errors": list(self.errors)}


class PreviewHandler(http.server.BaseHTTPRequestHandler):
    """GET/HEAD for files under `output`; with `live` set, also the reload script and its event stream."""

    output: Path
    live: LiveState | None = None
    server_version = "NewsExplainersPreview"

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head: bool = False):
        route = urlsplit(self.path).path
        if self.live is not None and route == EVENTS_PATH:
            return self._events()
        if self.live is not None and route == SCRIPT_PATH:
            return self._send(200, CLIENT_SCRIPT.encode(), "text/javascript; charset=utf-8", head)
        try:
            target = resolve_request(self.output, self.path)
        except UnicodeDecodeError:
            target = None
        if target is None:
            return self._not_found(head)
        if not route.endswith("/") and target.name == "index.html" and self._names_a_folder(route):
            query = urlsplit(self.path).query
            self.send_response(301)  # folder URLs end in / so the site's relative links resolve
            self.send_header("Location", route + "/" + (f"?{query}" if query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return self._send(200, target.read_bytes(), self._type(target), head)

    def _names_a_folder(self, route: str) -> bool:
        return self.output.joinpath(*PurePosixPath(unquote(route)).parts[1:]).is_dir()

    def _not_found(self, head: bool):
        page = self.output / "404.html"
        body = page.read_bytes() if page.is_file() else b"<!doctype html><title>Not found</title><p>Not found</p>"
        return self._send(404, body, "text/html; charset=utf-8", head)

    @staticmethod
    def _type(path: Path) -> str:
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return (
            f"{kind}; charset=utf-8"
            if kind.startswith("text/") or kind in ("application/javascript", "application/json", "application/xml")
            else kind
        )

    def _send(self, status: int, body: bytes, content_type: str, head: bool = False):
        if self.live is not None and content_type.startswith("text/html"):
            body = with_reload_script(body)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        status = self.live.snapshot()
        try:
            while True:
                self.wfile.write(f"event: status\ndata: {json.dumps(status)}\n\n".encode())
                self.wfile.flush()
                status = self.live.wait_for_change(status["version"], timeout=15)
        except (BrokenPipeError, ConnectionResetError, OSError):
            return None

    def log_message(self, format, *args):  # requests are not news; rebuilds are
        pass


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class PreviewServer6(PreviewServer):
    address_family = socket.AF_INET6


class BindProblem(Exception):
    """The server cannot listen where it was asked to; the message is one line for the terminal."""


def parse_port(value) -> int:
    """`--port` as given on the command line: a whole number 0-65535 (0: any free port)."""
    try:
        port = int(str(value).strip())
    except ValueError:
        raise BindProblem(f"--port must be a whole number from 1 to 65535, not {value!r}") from None
    if not 0 <= port <= 65535:
        raise BindProblem(f"--port must be a whole number from 1 to 65535, not {port}")
    return port


def url_of(server: PreviewServer) -> str:
    host, port = server.server_address[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def make_server(output: Path, host: str, port: int, live: LiveState | None = None) -> PreviewServer:
    """Listen on host:port (IPv4 or IPv6, a name or an address); raise BindProblem with the reason in words."""
    handler = type("BoundPreviewHandler", (PreviewHandler,), {"output": Path(output), "live": live})
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0][0]
    except (socket.gaierror, UnicodeError) as error:
        raise BindProblem(
            f"--host {host!r} is not an address or a name this machine knows "
            f"({getattr(error, 'strerror', None) or error})"
        ) from None
    server_class = PreviewServer6 if family == socket.AF_INET6 else PreviewServer
    try:
        return server_class((host, port), handler)
    except OSError as error:
        raise BindProblem(_bind_failure(error, host, port)) from None


def _bind_failure(error: OSError, host: str, port: int) -> str:
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    if error.errno == errno.EADDRINUSE:
        return f"port {port} is already in use on {host} (another preview still running?): stop it, or pass --port N"
    if error.errno == errno.EACCES:
        return f"port {port} needs administrator rights: pass --port with a number above 1023"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"--host {host!r} is not an address of this machine"
    return f"cannot listen on {where}: {error.strerror or error}"


def serve_folder(output: Path, host: str = "127.0.0.1", port: int = 8000, server: PreviewServer | None = None) -> None:
    """Serve the built site as it is (no rebuilds, no script) until Ctrl-C; `server` when already bound."""
    server = server or make_server(output, host, port)
    print(f"Serving {output} at {url_of(server)} (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def watched_paths(rebuilder: Rebuilder) -> list[Path]:
    return [rebuilder.content, *rebuilder.watched_code]


def _interesting(rebuilder: Rebuilder):
    output = rebuilder.output
    ignored_suffixes = (".pyc", ".swp", ".swx", ".tmp", "~", ".md.new")

    def keep(change, path: str) -> bool:
        candidate = Path(path)
        name = candidate.name
        if name.startswith((".#", ".")) or name.endswith(ignored_suffixes) or "__pycache__" in candidate.parts:
            return False
        return not candidate.resolve().is_relative_to(output)

    return keep


def report(result, stream=None) -> None:
    stream = stream or sys.stderr
    if result.errors or not result.completed:
        verdict = "failed" if not result.completed else f"{len(result.errors)} error(s) (shown above and in the page)"
        print(f"rebuild ({result.kind}): {verdict}", file=stream, flush=True)
    else:
        pages = "every page" if result.kind == "cold" else f"{result.rendered} page(s)"
        why = f" ({result.reason})" if result.reason else ""
        print(f"rebuild ({result.kind}): {pages} in {result.seconds:.2f} s{why}", file=stream, flush=True)


def rebuild_on_changes(rebuilder: Rebuilder, on_rebuilt=None, stop_event: threading.Event | None = None) -> None:
    """Rebuild after every batch of file changes until stopped; a failing rebuild never ends the loop."""
    import watchfiles

    keep = _interesting(rebuilder)
    for changes in watchfiles.watch(
        *watched_paths(rebuilder),
        watch_filter=keep,
        debounce=200,
        step=50,
        stop_event=stop_event,
        raise_interrupt=False,
    ):
        paths = set()
        for _, path in changes:
            resolved = Path(path).resolve()
            written = rebuilder.own_writes.get(resolved)
            if written is not None and resolved.exists() and resolved.stat().st_mtime_ns == written:
                continue  # the Markdown this rebuilder just imported: already built
            paths.add(resolved)
        if not paths:
            continue
        names = ", ".join(
            sorted(
                str(path.relative_to(rebuilder.root)) if path.is_relative_to(rebuilder.root) else str(path)
                for path in paths
            )
        )
        print(f"changed: {names}", file=sys.stderr, flush=True)
        try:
            result = rebuilder.rebuild(paths)
        except Exception as error:  # noqa: BLE001 - the server must stay up; the next change retries
            from tooling.build import describe_exception

            print(f"error: {describe_exception(error)}", file=sys.stderr, flush=True)
            result = None
        if result is not None:
            report(result)
        if on_rebuilt:
            on_rebuilt(result.errors if result is not None else ["the rebuild stopped (see the terminal)"])


def watch_and_rebuild(root: Path, settings_file: str, output: Path) -> None:
    """`invoke regenerate`: build once, then rebuild on changes (no server)."""
    rebuilder = Rebuilder(root, settings_file, output)
    try:
        report(rebuilder.rebuild())
        print("Watching content/, theme/, plugins/ and the settings (Ctrl-C stops)", file=sys.stderr, flush=True)
        rebuild_on_changes(rebuilder)
    finally:
        rebuilder.close()


def _stop(signum, frame):
    raise KeyboardInterrupt


def run_devserver(root: Path, settings_file: str, output: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """`invoke livereload`: build, serve with the reload script, rebuild and refresh on every change."""
    signal.signal(signal.SIGTERM, _stop)  # `kill PID` stops as cleanly as Ctrl-C
    live = LiveState()
    # Listen before the first build: a port in use is said at once, not after the build.
    server = make_server(Path(output).resolve(), host, port, live)
    rebuilder = Rebuilder(root, settings_file, output)
    first = rebuilder.rebuild()
    report(first)
    live.errors = list(first.errors) if first.completed else list(first.errors) or ["the first build failed"]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(f"Serving at {url_of(server)} with live reload (Ctrl-C stops)", flush=True)
    try:
        rebuild_on_changes(rebuilder, on_rebuilt=live.published)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
        rebuilder.close()
