"""A webhook receiver on loopback: records every request (headers, body, arrival
time) and answers as told: `ok` (204), `fail` (500), or `hang` (holds the request
without answering until the receiver stops)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler

from standins.loopback import Loopback


class Receiver(Loopback):
    def __init__(self, mode: str = "ok") -> None:
        self.mode = mode
        self.received: list[dict] = []
        self.stopping = threading.Event()
        super().__init__(self._handler())
        self.url = f"{self.base}/hooks"

    def stop(self) -> None:
        self.stopping.set()
        super().stop()

    def events(self, type_: str | None = None) -> list[dict]:
        payloads = [json.loads(r["body"]) for r in self.received]
        return [p for p in payloads if type_ is None or p["type"] == type_]

    def wait_for(self, predicate, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"the receiver did not see it in {timeout} s: {[r['headers'].get('webhook-id') for r in self.received]}")
            time.sleep(0.05)

    def _handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.received.append({"headers": {k.lower(): v for k, v in self.headers.items()}, "body": body,
                                          "at": time.monotonic(), "mode": receiver.mode})
                if receiver.mode == "hang":
                    receiver.stopping.wait(120)
                    return
                self.send_response(500 if receiver.mode == "fail" else 204)
                self.send_header("Content-Length", "0")
                self.end_headers()

        return Handler
