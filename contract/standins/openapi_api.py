"""An API described by an OpenAPI document, on loopback: it serves documents the test
sets (`/docs/<name>`), an endless one (`/docs-forever`) and a redirect to a private
address (`/docs-private`), and records every other request exactly as it arrived
(method, path with query, headers, body), answering with JSON."""

from __future__ import annotations

import json
from standins.loopback import JSONHandler, Loopback


class _Handler(JSONHandler):
    api: "DocumentAPI"
    protocol_version = "HTTP/1.1"

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode() if length else ""
        if self.path.startswith("/docs/") and self.path[len("/docs/"):] in self.api.documents:
            content_type, text = self.api.documents[self.path[len("/docs/"):]]
            return self._answer(200, text.encode(), content_type=content_type)
        if self.path == "/docs-forever":
            self.send_response(200)
            self.send_header("Content-Type", "application/yaml")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            block = b"# " + b"x" * 65533 + b"\n"
            try:
                while True:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(block), block))
            except (BrokenPipeError, ConnectionResetError, OSError):
                return
        if self.path == "/docs-private":
            return self._answer(302, b"", headers={"Location": f"http://[::1]:{self.server.server_address[1]}/docs/x"})
        self.api.calls.append({"method": self.command, "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                               "body": body})
        self._answer(200, json.dumps({"ok": True, "path": self.path}).encode())

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle


class DocumentAPI(Loopback):
    def __init__(self) -> None:
        self.documents: dict[str, tuple[str, str]] = {}
        self.calls: list[dict] = []
        super().__init__(type("Handler", (_Handler,), {"api": self}))

    def serve(self, name: str, text: str, content_type: str = "application/yaml") -> str:
        """Serves `text` at /docs/<name>; answers its URL."""
        self.documents[name] = (content_type, text)
        return f"{self.base}/docs/{name}"
