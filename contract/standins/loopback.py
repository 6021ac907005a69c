"""The base of every stand-in: an HTTP server on a free loopback port, serving in a
daemon thread until `stop()`, with its handler threads daemons too (a client that
hangs up mid-answer never holds the test run)."""

from __future__ import annotations

import socketserver
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class JSONHandler(BaseHTTPRequestHandler):
    """A quiet handler that answers with JSON (or `content_type`)."""

    def log_message(self, *args) -> None:
        pass

    def _answer(self, status: int, body: bytes = b'{"ok": true}', headers: dict[str, str] | None = None,
                content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


class Loopback:
    """Serves `handler` over HTTP, or runs `server` (a raw one, bound to loopback) as given."""

    def __init__(self, handler: type[BaseHTTPRequestHandler] | None = None, *,
                 server: socketserver.TCPServer | None = None) -> None:
        self.httpd = server or ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
