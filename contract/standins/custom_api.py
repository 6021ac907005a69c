"""A stand-in HTTP API on loopback for custom API integrations: it checks the
authentication header of each auth type and answers test endpoints with success,
401, 500, a slow answer and redirects."""

from __future__ import annotations

import base64
import json
import time
from standins.loopback import JSONHandler, Loopback

EXPECTED = {
    "/auth/none": None,
    "/auth/bearer": ("Authorization", "Bearer bearer-token-123"),
    "/auth/basic": ("Authorization", "Basic " + base64.b64encode(b"ada:lovelace").decode()),
    "/auth/api_key": ("X-API-Key", "api-key-456"),
    "/auth/api_key_header": ("X-Shop-Key", "api-key-789"),
    "/auth/custom": ("X-Custom-Auth", "Token custom-000"),
}


class _Handler(JSONHandler):
    api: "StandinAPI"

    def do_POST(self) -> None:
        self._record_and_echo("POST")

    def do_PUT(self) -> None:
        self._record_and_echo("PUT")

    def do_PATCH(self) -> None:
        self._record_and_echo("PATCH")

    def do_DELETE(self) -> None:
        self._record_and_echo("DELETE")

    def _record_and_echo(self, method: str) -> None:
        """Tool calls: remember exactly what arrived and answer with it."""
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode() if length else ""
        self.api.calls.append({"method": method, "path": self.path, "headers": dict(self.headers), "body": body})
        path = self.path.split("?")[0]
        if path.startswith("/status/"):
            return self._answer(int(path.rsplit("/", 1)[1]), b'{"error": {"message": "upstream said no"}}')
        if path == "/slow":
            time.sleep(8)
        if path == "/echo-auth":
            return self._answer(200, json.dumps({"you_sent": self.headers.get("Authorization")}).encode())
        return self._answer(200, json.dumps({"data": {"id": "ord_1", "items": [{"sku": "A1"}]}, "method": method}).encode())

    def do_GET(self) -> None:
        self.api.requests.append((self.path, dict(self.headers)))
        path = self.path.split("?")[0]
        if path.startswith("/tool/") or path == "/echo-auth":
            return self._record_and_echo("GET")
        if path in EXPECTED:
            expected = EXPECTED[path]
            if expected is None:
                return self._answer(200 if "Authorization" not in self.headers else 400)
            name, value = expected
            return self._answer(200 if self.headers.get(name) == value else 401, b'{"error": "unauthorized"}')
        if path == "/ok":
            return self._answer(200)
        if path == "/unauthorized":
            return self._answer(401, b'{"error": "unauthorized"}')
        if path == "/error":
            return self._answer(500, b'{"error": "boom"}')
        if path == "/slow":
            time.sleep(8)
            return self._answer(200)
        if path == "/redirect-private":
            return self._answer(302, b"", {"Location": f"http://[::1]:{self.server.server_address[1]}/ok"})
        if path == "/redirect-elsewhere":
            return self._answer(302, b"", {"Location": f"http://127.0.0.2:{self.server.server_address[1]}/ok"})
        if path == "/redirect-same":
            return self._answer(302, b"", {"Location": "/ok"})
        return self._answer(404, b'{"error": "not found"}')


class StandinAPI(Loopback):
    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.calls: list[dict] = []
        super().__init__(type("Handler", (_Handler,), {"api": self}))
