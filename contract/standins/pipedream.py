"""A stand-in for Pipedream Connect's REST API on loopback, in its wire format.

It issues client-credentials tokens, knows a few apps, makes Connect tokens and
keeps connected accounts per external user. ``connect(user, app)`` is what a
person finishing the Connect flow does. The remote MCP stand-in
(``mcp_servers/server.py --pipedream-gate``) asks ``/_standin/check`` whether the
token and ``x-pd-*`` headers it received are right.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlparse

from standins.loopback import Loopback

APPS = {
    "slack": {"id": "app_OkrhR1", "name_slug": "slack", "name": "Slack", "auth_type": "oauth",
              "img_src": "https://assets.pipedream.net/s.v0/app_OkrhR1/logo/orig", "categories": ["Communication"]},
    "google_sheets": {"id": "app_168hvn", "name_slug": "google_sheets", "name": "Google Sheets", "auth_type": "oauth",
                      "img_src": "https://assets.pipedream.net/s.v0/app_168hvn/logo/orig", "categories": ["Productivity"]},
}


@dataclass
class Connect:
    client_id: str = "pd-standin-client"
    client_secret: str = "pd-standin-SECRET-0123456789abcdef"
    project_id: str = "proj_standin01"
    environment: str = "development"
    token_lifetime: int = 3600
    tokens: dict[str, float] = field(default_factory=dict)  # access token -> expires at
    accounts: list[dict] = field(default_factory=list)
    connect_tokens: list[dict] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)
    down: bool = False
    fail_deletes: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def connect(self, external_user_id: str, app: str) -> str:
        """A person finished the Connect flow: the account exists."""
        account = "apn_" + secrets.token_hex(5)
        with self.lock:
            self.accounts.append({"id": account, "name": f"{app} account", "external_id": external_user_id, "healthy": True,
                                  "dead": False, "app": {"name_slug": app, "name": APPS[app]["name"]},
                                  "created_at": "2026-12-03T10:00:00.000Z"})
        return account

    def expire_tokens(self) -> None:
        with self.lock:
            for token in self.tokens:
                self.tokens[token] = 0

    def valid(self, token: str | None) -> bool:
        return token is not None and self.tokens.get(token, 0) > time.time()

    def issued(self) -> list[str]:
        return list(self.tokens)


class _Handler(BaseHTTPRequestHandler):
    state: Connect

    def log_message(self, *args) -> None:
        pass

    def _send(self, status: int, body=None) -> None:
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> dict:
        length = int(self.headers.get("Content-Length", "0"))
        return json.loads(self.rfile.read(length) or b"{}")

    def _authorized(self) -> bool:
        value = self.headers.get("Authorization", "")
        token = value[7:] if value.startswith("Bearer ") else None
        if not self.state.valid(token):
            self._send(401, {"error": "invalid or expired access token"})
            return False
        if self.headers.get("x-pd-environment") != self.state.environment:
            self._send(400, {"error": "x-pd-environment must be development or production"})
            return False
        return True

    def _route(self, method: str) -> None:
        state = self.state
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        state.requests.append((method, url.path))
        if url.path == "/_standin/check":
            return self._check(query)
        if state.down:
            return self._send(503, {"error": "Service Unavailable"})
        if method == "POST" and url.path == "/v1/oauth/token":
            body = self._body()
            if (body.get("grant_type"), body.get("client_id"), body.get("client_secret")) != (
                    "client_credentials", state.client_id, state.client_secret):
                return self._send(401, {"error": "invalid_client"})
            token = "pdat_" + secrets.token_urlsafe(16)
            with state.lock:
                state.tokens[token] = time.time() + state.token_lifetime
            return self._send(200, {"access_token": token, "token_type": "Bearer", "expires_in": state.token_lifetime,
                                    "created_at": int(time.time())})
        if not self._authorized():
            return
        parts = url.path.strip("/").split("/")
        if method == "GET" and parts[:2] == ["v1", "apps"] and len(parts) == 3:
            app = APPS.get(parts[2])
            return self._send(200, {"data": app}) if app else self._send(404, {"error": "record not found"})
        if parts[:2] != ["v1", "connect"] or len(parts) < 4 or parts[2] != state.project_id:
            return self._send(404, {"error": "not found"})
        if method == "POST" and parts[3] == "tokens":
            body = self._body()
            if not body.get("external_user_id"):
                return self._send(400, {"error": "external_user_id is required"})
            token = "ctok_" + secrets.token_hex(8)
            state.connect_tokens.append({"token": token, "external_user_id": body["external_user_id"]})
            return self._send(200, {"token": token, "expires_at": "2026-12-03T14:00:00.000Z",
                                    "connect_link_url": f"https://pipedream.com/_static/connect.html?token={token}&connectLink=true"})
        if method == "GET" and parts[3:] == ["accounts"]:
            with state.lock:
                found = [a for a in state.accounts if a["external_id"] == query.get("external_user_id")
                         and a["app"]["name_slug"] == query.get("app", a["app"]["name_slug"])]
            return self._send(200, {"page_info": {"count": len(found), "total_count": len(found), "start_cursor": None,
                                                  "end_cursor": None}, "data": found})
        if method == "DELETE" and parts[3] == "accounts" and len(parts) == 5:
            if state.fail_deletes:
                return self._send(500, {"error": "internal error"})
            with state.lock:
                before = len(state.accounts)
                state.accounts = [a for a in state.accounts if a["id"] != parts[4]]
                if len(state.accounts) == before:
                    return self._send(404, {"error": "record not found"})
                state.deleted.append(parts[4])
            return self._send(204)
        return self._send(404, {"error": "not found"})

    def _check(self, query: dict[str, str]) -> None:
        """For the remote MCP stand-in: are this token and these headers right?"""
        state = self.state
        problems = []
        if not state.valid(query.get("token")):
            return self._send(401, {"error": "expired or unknown access token"})
        if query.get("project") != state.project_id:
            problems.append("x-pd-project-id")
        if query.get("environment") != state.environment:
            problems.append("x-pd-environment")
        if query.get("mode") != "tools-only":
            problems.append("x-pd-tool-mode")
        user, app = query.get("user"), query.get("app")
        with state.lock:
            if not any(a["external_id"] == user and a["app"]["name_slug"] == app for a in state.accounts):
                problems.append("x-pd-external-user-id/x-pd-app-slug (no connected account)")
        return self._send(400, {"error": ", ".join(problems)}) if problems else self._send(200, {"ok": True})

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def do_DELETE(self) -> None:
        self._route("DELETE")


class PipedreamServer(Loopback):
    def __init__(self) -> None:
        self.state = Connect()
        super().__init__(type("Handler", (_Handler,), {"state": self.state}))

    def settings(self, mcp_url: str) -> dict[str, str]:
        return {
            "SWITCHBOARD_PIPEDREAM_CLIENT_ID": self.state.client_id,
            "SWITCHBOARD_PIPEDREAM_CLIENT_SECRET": self.state.client_secret,
            "SWITCHBOARD_PIPEDREAM_PROJECT_ID": self.state.project_id,
            "SWITCHBOARD_PIPEDREAM_ENVIRONMENT": self.state.environment,
            "SWITCHBOARD_PIPEDREAM_API_BASE": self.base,
            "SWITCHBOARD_PIPEDREAM_MCP_URL": mcp_url,
        }
