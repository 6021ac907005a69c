"""A real MCP server (Python `mcp` package) for the contract tests.

    python server.py --transport streamable-http|sse --port P [--tools N] [--page-size K]
                     [--tools-file PATH] [--token T] [--hang] [--json-response]

Tools come from --tools (tool_0 ... tool_{N-1}) or from a JSON file that is read on
every tools/list, so a test can change the set between two discovers. `--page-size`
pages tools/list with nextCursor. `--token` requires `Authorization: Bearer T`.
`--hang` accepts connections and never answers. `--pipedream-gate URL` makes it
Pipedream's remote MCP server: every request must carry the `x-pd-*` headers and a
token that the Connect stand-in at URL accepts (401 for a bad token, 400 otherwise).
`--era stateless` refuses every request that is not of the 2026-07-28 revision, as a
server of that revision only does; `--era session` answers a 2026-07-28 request as a
server of 2025 does (no such revision, no session). `--requests-log PATH` appends a
JSON line per HTTP request: method, session id, the client's port and every `mcp-*` header.
`--slow-stream-end` ends every event-stream answer 50 ms after its last event, as servers
that flush the answer first and close the stream after do. `--oauth URL` requires
authorization by the stand-in authorization server at URL (`standins/authorization.py`);
`--authorization-server` names another issuer in its metadata, and
`--challenge-without-metadata` leaves the metadata URL out of its 401 challenge.
"""

from __future__ import annotations

import argparse
import base64
import json
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode
from typing import Any

import anyio
import mcp.types as types
import uvicorn
from mcp.server.mcpserver import MCPServer


def tool_specs(args) -> list[dict[str, Any]]:
    if args.tools_file:
        return json.loads(Path(args.tools_file).read_text())
    return [
        {"name": f"tool_{i}", "title": f"Tool {i}", "description": f"Does thing {i}",
         "inputSchema": {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]}}
        for i in range(args.tools)
    ]


class TestServer(MCPServer):
    def __init__(self, args) -> None:
        super().__init__(name="contract-mcp", version="1.2.3")
        self.args = args

    async def _handle_list_tools(self, ctx, params):
        specs = tool_specs(self.args)
        tools = [types.Tool(name=s["name"], title=s.get("title"), description=s.get("description"),
                            input_schema=s.get("inputSchema", {"type": "object"})) for s in specs]
        if not self.args.page_size:
            return types.ListToolsResult(tools=tools)
        start = int(params.cursor) if params and params.cursor else 0
        page = tools[start:start + self.args.page_size]
        following = start + self.args.page_size
        return types.ListToolsResult(tools=page, next_cursor=str(following) if following < len(tools) else None)

    async def _handle_call_tool(self, ctx, params):
        arguments = params.arguments or {}
        if params.name == "confirm":
            return types.InputRequiredResult(input_requests={"approve": types.ElicitRequest(params=types.ElicitRequestFormParams(
                message=f"Transfer {arguments.get('amount')} EUR?", requested_schema={"type": "object", "properties": {}}))})
        if params.name == "fail":
            return types.CallToolResult(content=[types.TextContent(type="text", text="the thing broke")], is_error=True)
        if params.name in ("image", "big_image"):
            data = base64.b64encode(PNG * (1 if params.name == "image" else 2000)).decode()
            return types.CallToolResult(content=[types.ImageContent(type="image", data=data, mime_type="image/png")])
        if params.name == "mixed":
            return types.CallToolResult(content=[
                types.TextContent(type="text", text="Here is the report"),
                types.AudioContent(type="audio", data=base64.b64encode(b"RIFF-audio").decode(), mime_type="audio/wav"),
                types.ResourceLink(type="resource_link", name="report", uri="file:///reports/q1.pdf", mime_type="application/pdf"),
                types.EmbeddedResource(type="resource", resource=types.TextResourceContents(
                    uri="file:///reports/q1.txt", mime_type="text/plain", text="Q1: up")),
                types.EmbeddedResource(type="resource", resource=types.BlobResourceContents(
                    uri="file:///reports/q1.bin", mime_type="application/octet-stream", blob=base64.b64encode(bytes(30000)).decode())),
            ])
        return types.CallToolResult(content=[types.TextContent(type="text", text=json.dumps({"tool": params.name, "arguments": arguments}))])


def header_map(scope) -> dict[str, str]:
    """An ASGI request's headers by lower-case name."""
    return {k.decode().lower(): v.decode() for k, v in scope.get("headers") or []}


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")


class RequestLog:
    """Appends a JSON line per request (method, session id, `mcp-*` headers), so a test sees what a client sent."""

    def __init__(self, app, path: str) -> None:
        self.app, self.path = app, path

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            headers = header_map(scope)
            with open(self.path, "a") as log:
                log.write(json.dumps({"method": scope["method"], "session": headers.get("mcp-session-id"), "port": scope["client"][1],
                                      "headers": {k: v for k, v in headers.items() if k.startswith("mcp-") or k == "traceparent"}}) + "\n")
        await self.app(scope, receive, send)


class SlowStreamEnd:
    """Ends every event-stream answer 50 ms after its last event."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        streaming = False

        async def later(message) -> None:
            nonlocal streaming
            if message["type"] == "http.response.start":
                streaming = any(k == b"content-type" and v.startswith(b"text/event-stream") for k, v in message.get("headers", []))
            if streaming and message["type"] == "http.response.body" and not message.get("more_body", False):
                if message.get("body"):
                    await send({"type": "http.response.body", "body": message["body"], "more_body": True})
                await anyio.sleep(0.05)
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app(scope, receive, later)


MODERN = "2026-07-28"


class EraGate:
    """Makes the dual-era server speak one era only."""

    def __init__(self, app, era: str) -> None:
        self.app, self.era = app, era

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            modern = header_map(scope).get("mcp-protocol-version") == MODERN
            refusal = None
            if self.era == "stateless" and not modern:
                refusal = {"code": -32022, "message": "Unsupported protocol version", "data": {"supported": [MODERN]}}
            if self.era == "session" and modern:
                refusal = {"code": -32600, "message": "Bad Request: Missing session ID"}
            if refusal:
                body = json.dumps({"jsonrpc": "2.0", "id": None, "error": refusal}).encode()
                await send({"type": "http.response.start", "status": 400, "headers": [(b"content-type", b"application/json")]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


class BearerGate:
    def __init__(self, app, token: str) -> None:
        self.app, self.token = app, token

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            if header_map(scope).get("authorization", "") != f"Bearer {self.token}":
                await send({"type": "http.response.start", "status": 401, "headers": [(b"content-type", b"application/json")]})
                await send({"type": "http.response.body", "body": b'{"error": "unauthorized"}'})
                return
        await self.app(scope, receive, send)


class PipedreamGate:
    """Refuses what Pipedream's remote MCP server refuses: a missing x-pd-* header or a token the Connect stand-in does not know."""

    def __init__(self, app, connect: str) -> None:
        self.app, self.connect = app, connect

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            headers = header_map(scope)
            auth = headers.get("authorization", "")
            query = urlencode({"token": auth[7:] if auth.startswith("Bearer ") else "", "project": headers.get("x-pd-project-id", ""),
                               "environment": headers.get("x-pd-environment", ""), "user": headers.get("x-pd-external-user-id", ""),
                               "app": headers.get("x-pd-app-slug", ""), "mode": headers.get("x-pd-tool-mode", "")})

            def ask() -> tuple[int, bytes]:
                try:
                    with urllib.request.urlopen(f"{self.connect}/_standin/check?{query}", timeout=5) as answer:
                        return answer.status, answer.read()
                except urllib.error.HTTPError as refused:
                    return refused.code, refused.read()

            status, body = await anyio.to_thread.run_sync(ask)
            if status != 200:
                await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


class OAuthGate:
    """An MCP server that requires authorization: protected-resource metadata (RFC 9728)
    at its path-aware well-known URL, a 401 with a `WWW-Authenticate` challenge for a
    missing or dead token, and tokens checked with the authorization server stand-in."""

    def __init__(self, app, authorization: str, port: int, issuer: str | None, challenge_names_metadata: bool) -> None:
        self.app, self.authorization = app, authorization
        self.resource = f"http://127.0.0.1:{port}/mcp"
        self.metadata_url = f"http://127.0.0.1:{port}/.well-known/oauth-protected-resource/mcp"
        self.issuer = issuer or f"{authorization}/tenant"
        self.challenge_names_metadata = challenge_names_metadata

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if scope["path"] == "/.well-known/oauth-protected-resource/mcp":
            body = json.dumps({"resource": self.resource, "authorization_servers": [self.issuer],
                               "scopes_supported": ["tools:read", "tools:call"]}).encode()
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
            return await send({"type": "http.response.body", "body": body})
        auth = header_map(scope).get("authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else ""

        def ask() -> int:
            query = urlencode({"token": token, "resource": self.resource})
            try:
                with urllib.request.urlopen(f"{self.authorization}/_standin/introspect?{query}", timeout=5) as answer:
                    return answer.status
            except urllib.error.HTTPError as refused:
                return refused.code

        if not token or await anyio.to_thread.run_sync(ask) != 200:
            challenge = 'Bearer error="invalid_token", scope="tools:call"'
            if self.challenge_names_metadata:
                challenge += f', resource_metadata="{self.metadata_url}"'
            await send({"type": "http.response.start", "status": 401,
                        "headers": [(b"content-type", b"application/json"), (b"www-authenticate", challenge.encode())]})
            return await send({"type": "http.response.body", "body": b'{"error": "invalid_token"}'})
        await self.app(scope, receive, send)


def hang(port: int) -> None:
    with socket.create_server(("127.0.0.1", port)) as listener:
        held = []
        while True:
            connection, _ = listener.accept()
            held.append(connection)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--transport", default="streamable-http")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--tools", type=int, default=3)
    parser.add_argument("--page-size", type=int, default=0)
    parser.add_argument("--tools-file")
    parser.add_argument("--token")
    parser.add_argument("--hang", action="store_true")
    parser.add_argument("--json-response", action="store_true")
    parser.add_argument("--pipedream-gate")
    parser.add_argument("--requests-log")
    parser.add_argument("--era", choices=["both", "stateless", "session"], default="both")
    parser.add_argument("--slow-stream-end", action="store_true")
    parser.add_argument("--oauth")
    parser.add_argument("--authorization-server")
    parser.add_argument("--challenge-without-metadata", action="store_true")
    args = parser.parse_args()
    if args.hang:
        return hang(args.port)
    server = TestServer(args)
    if args.transport == "sse":
        app = server.sse_app()
    else:
        app = server.streamable_http_app(json_response=args.json_response)
    if args.slow_stream_end:
        app = SlowStreamEnd(app)
    if args.era != "both":
        app = EraGate(app, args.era)
    if args.token:
        app = BearerGate(app, args.token)
    if args.pipedream_gate:
        app = PipedreamGate(app, args.pipedream_gate)
    if args.oauth:
        app = OAuthGate(app, args.oauth, args.port, args.authorization_server, not args.challenge_without_metadata)
    if args.requests_log:
        app = RequestLog(app, args.requests_log)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
