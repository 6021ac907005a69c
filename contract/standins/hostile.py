"""A hostile upstream on loopback: an HTTP server (raw sockets, so it can break
every rule) that plays an MCP server or an HTTP API and misbehaves by path.

    /endless        an event stream that never ends a line (any method)
    /chatter        an event stream of small events that never answers, for ever
    /trickle        headers at once, then one byte a second
    /mcp/huge       a real MCP server whose tools/list answer is one 16.5 MB event
    /mcp/deep       a real MCP server with a tool whose input schema nests 300 levels of JSON, and a
                    plain tool that answers with the arguments it was given
    /mcp/forgetful  a real MCP server that forgets the first session it hands out (404 for it)
    /mcp/amnesiac   one that forgets every session
    /mcp/echo       a real MCP server that echoes the bearer token it was sent, bare:
                    in a tool result, a failing tool's text, and a JSON-RPC error of tools/list
    /mcp/lingering  a real MCP server that answers tools/call on an event stream and then keeps
                    the stream open, pinging, for ever
    /v1/balance     (under /trickle) for the provider client

Every loop stops when the client goes away or after `lifetime` seconds.
"""

from __future__ import annotations

import json
import socketserver
import time

from standins.loopback import Loopback

PROTOCOL = "2025-11-25"


class _Handler(socketserver.BaseRequestHandler):
    server: "_Server"

    def handle(self) -> None:
        self.request.settimeout(self.server.lifetime)
        try:
            method, path, headers, body = self._read()
        except (OSError, ValueError):
            return
        self.server.owner.seen.append((method, path, headers))
        started = time.monotonic()
        alive = lambda: time.monotonic() - started < self.server.lifetime  # noqa: E731
        try:
            if path.endswith("-messages"):
                # Where the legacy transport posts: accepted; the answer would come on the stream.
                self._plain(202, b"")
            elif path.startswith("/endless"):
                self._head("text/event-stream")
                if method == "GET":
                    # The legacy transport: a proper endpoint event first, then no line end ever.
                    self._chunk(b"event: endpoint\ndata: /endless-messages\n\n")
                self._chunk(b"data: ")
                block = b"x" * 65536
                while alive():
                    self._chunk(block)
            elif path.startswith("/chatter"):
                self._head("text/event-stream")
                if method == "GET":
                    self._chunk(b"event: endpoint\ndata: /chatter-messages\n\n")
                block = b'event: message\ndata: {"jsonrpc": "2.0", "method": "notifications/progress"}\n\n' * 500
                while alive():
                    self._chunk(block)
            elif path.startswith("/pinging"):
                # The legacy transport, alive but never answering: an endpoint event, then pings forever.
                self._head("text/event-stream")
                self._chunk(b"event: endpoint\ndata: /pinging-messages\n\n")
                while alive():
                    self._chunk(b": ping\n\n")
                    time.sleep(0.2)
            elif path.startswith("/trickle"):
                self._head("text/event-stream" if "mcp" in path else "application/json")
                while alive():
                    self._chunk(b":" if "mcp" in path else b" ")
                    time.sleep(1)
            elif path.startswith("/mcp/"):
                self._mcp(path, headers, body)
            else:
                self._plain(404, b'{"error": "not found"}')
        except OSError:
            pass

    def _read(self) -> tuple[str, str, dict[str, str], bytes]:
        data = b""
        while b"\r\n\r\n" not in data:
            more = self.request.recv(65536)
            if not more:
                raise ValueError("closed")
            data += more
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:] if ":" in line)}
        length = int(headers.get("content-length", "0"))
        while len(body) < length:
            more = self.request.recv(65536)
            if not more:
                break
            body += more
        return method, path, headers, body

    def _head(self, content_type: str, extra: str = "") -> None:
        self.request.sendall(
            f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nTransfer-Encoding: chunked\r\n{extra}\r\n".encode())

    def _chunk(self, data: bytes) -> None:
        self.request.sendall(b"%x\r\n%s\r\n" % (len(data), data))

    def _plain(self, status: int, body: bytes, content_type: str = "application/json", extra: str = "") -> None:
        self.request.sendall(
            f"HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n"
            f"{extra}\r\n".encode() + body)

    def _mcp(self, path: str, headers: dict[str, str], body: bytes) -> None:
        message = json.loads(body or b"{}")
        if "id" not in message:
            return self._plain(202, b"")
        token = headers.get("authorization", "").removeprefix("Bearer ")
        answer = lambda result: json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": result}).encode()  # noqa: E731
        method = message.get("method")
        if method == "initialize":
            session = f"s{len(self.server.owner.seen)}"
            owner = self.server.owner
            owner.initializes[path] = owner.initializes.get(path, 0) + 1
            if not (path == "/mcp/amnesiac" or (path == "/mcp/forgetful" and owner.initializes[path] == 1)):
                owner.fresh.add(session)
            return self._plain(200, answer({"protocolVersion": PROTOCOL, "capabilities": {"tools": {}},
                                            "serverInfo": {"name": "hostile", "version": "6.6.6"}}),
                               extra=f"Mcp-Session-Id: {session}\r\n")
        if path in ("/mcp/forgetful", "/mcp/amnesiac"):
            if headers.get("mcp-session-id", "") not in self.server.owner.fresh:
                return self._plain(404, b'{"error": "unknown session"}')
            return self._plain(200, answer({"tools": [{"name": "once", "inputSchema": {"type": "object"}}]}))
        if path == "/mcp/huge" and method == "tools/list":
            tool = {"name": "big", "description": "y" * (16_500_000), "inputSchema": {"type": "object"}}
            event = b"event: message\ndata: " + answer({"tools": [tool]}) + b"\n\n"
            self._head("text/event-stream")
            for start in range(0, len(event), 1 << 20):
                self._chunk(event[start:start + (1 << 20)])
            return self.request.sendall(b"0\r\n\r\n")
        if path == "/mcp/deep" and method == "tools/list":
            # 300 levels of JSON: within what an answer may nest, beyond what the server stores.
            deep: dict = {"type": "string"}
            for _ in range(150):
                deep = {"type": "object", "properties": {"x": deep}}
            plain = {"type": "object", "properties": {"q": {"type": "string"}}}
            return self._plain(200, answer({"tools": [{"name": "deep", "inputSchema": deep}, {"name": "plain", "inputSchema": plain}]}))
        if path == "/mcp/deep" and method == "tools/call":
            text = json.dumps({"arguments": message["params"].get("arguments", {})})
            return self._plain(200, answer({"content": [{"type": "text", "text": text}]}))
        if path == "/mcp/lingering" and method == "tools/call":
            self._head("text/event-stream")
            self._chunk(b"event: message\ndata: " + answer({"content": [{"type": "text", "text": "done"}]}) + b"\n\n")
            started = time.monotonic()
            while time.monotonic() - started < self.server.lifetime:
                self._chunk(b": ping\n\n")
                time.sleep(0.05)
            return
        if path == "/mcp/lingering" and method == "tools/list":
            return self._plain(200, answer({"tools": [{"name": "slowpoke", "inputSchema": {"type": "object"}}]}))
        if path == "/mcp/echo" and method == "tools/list":
            if self.server.owner.list_error:
                error = {"jsonrpc": "2.0", "id": message["id"], "error": {"code": -32001, "message": f"token {token} is not welcome"}}
                return self._plain(200, json.dumps(error).encode())
            tools = [{"name": name, "inputSchema": {"type": "object"}} for name in ("echo", "fail")]
            return self._plain(200, answer({"tools": tools}))
        if path == "/mcp/echo" and method == "tools/call":
            failed = message["params"]["name"] == "fail"
            text = f"you are {token}" if failed else json.dumps({"token": token, "note": f"sent {token}"})
            return self._plain(200, answer({"content": [{"type": "text", "text": text}], "isError": failed}))
        return self._plain(200, answer({}))


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, owner: "HostileServer", lifetime: float) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.owner = owner
        self.lifetime = lifetime


class HostileServer(Loopback):
    def __init__(self, lifetime: float = 60) -> None:
        self.seen: list[tuple[str, str, dict[str, str]]] = []
        self.list_error = False
        self.fresh: set[str] = set()
        self.initializes: dict[str, int] = {}
        super().__init__(server=_Server(self, lifetime))
