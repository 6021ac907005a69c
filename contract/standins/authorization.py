"""An OAuth 2.1 authorization server for MCP servers, on loopback, written to the RFCs
the MCP authorization flow names: metadata (RFC 8414) at the path-aware well-known
URL of an issuer with a path, dynamic client registration (RFC 7591), Client ID
Metadata Documents, PKCE S256 (RFC 7636), resource indicators (RFC 8707), the
`iss` authorization response parameter (RFC 9207), and rotating refresh tokens.

Consent is scripted: `/authorize` grants at once and redirects back, so following
the redirects of an onboarding link is the whole browser flow. The protected MCP
server (`mcp_servers/server.py --oauth`) asks `/_standin/introspect` whether a
token is live and was issued for it. Attributes switch behaviours a test needs
(no PKCE, no registration, a Client ID Metadata Document, a wrong `iss`, a token
or authorization endpoint elsewhere, a registration refused for its application type); `revoke()` and `expire()` act as the provider would.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlencode, urlparse

from standins.loopback import Loopback


class AuthorizationServer(Loopback):
    def __init__(self) -> None:
        self.pkce = True
        self.registration = True
        self.metadata_document = False
        self.send_iss = True
        self.wrong_iss = False
        self.token_endpoint: str | None = None
        self.authorization_endpoint: str | None = None
        # Registrations asking for these application types are refused as invalid client metadata.
        self.refused_application_types: set[str] = set()
        self.token_lifetime = 3600
        self.token_size = 32  # hex characters of a token; a hostile server sends huge ones
        self.preregistered: dict[str, str] = {}
        self.clients: dict[str, dict] = {}
        self.codes: dict[str, dict] = {}
        self.access: dict[str, dict] = {}
        self.refresh: dict[str, dict] = {}
        self.log: list[tuple[str, dict]] = []  # (endpoint, what was sent)
        self.issued: list[str] = []  # every token and client secret handed out
        self.lock = threading.Lock()
        super().__init__(self._handler())
        self.issuer = f"{self.base}/tenant"

    def sent(self, endpoint: str) -> list[dict]:
        return [fields for name, fields in self.log if name == endpoint]

    def revoke(self) -> None:
        """The person revoked Switchboard's access: every token stops working."""
        with self.lock:
            self.access.clear()
            self.refresh.clear()

    def expire(self) -> None:
        """Every access token stops working before its announced expiry (refresh tokens still do)."""
        with self.lock:
            self.access.clear()

    def metadata(self) -> dict:
        document = {
            "issuer": self.issuer,
            "authorization_endpoint": self.authorization_endpoint or f"{self.issuer}/authorize",
            "token_endpoint": self.token_endpoint or f"{self.issuer}/token",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code", "refresh_token"],
            "token_endpoint_auth_methods_supported": ["none", "client_secret_basic", "client_secret_post"],
            "authorization_response_iss_parameter_supported": self.send_iss,
        }
        if self.pkce:
            document["code_challenge_methods_supported"] = ["S256"]
        if self.registration:
            document["registration_endpoint"] = f"{self.issuer}/register"
        if self.metadata_document:
            document["client_id_metadata_document_supported"] = True
        return document

    def _client(self, client_id: str) -> dict | None:
        if client_id in self.preregistered:
            return {"client_id": client_id, "client_secret": self.preregistered[client_id], "redirect_uris": None}
        if client_id in self.clients:
            return self.clients[client_id]
        if self.metadata_document and client_id.startswith("http"):
            with urllib.request.urlopen(client_id, timeout=5) as answer:
                document = json.loads(answer.read())
            self.log.append(("client-metadata", document))
            return document if document.get("client_id") == client_id else None
        return None

    def _tokens(self, client_id: str, resource: str, scope: str | None) -> dict:
        access, refresh = "at_" + secrets.token_hex(self.token_size // 2), "rt_" + secrets.token_hex(16)
        grant = {"client_id": client_id, "resource": resource, "scope": scope}
        self.access[access] = {**grant, "expires": time.time() + self.token_lifetime}
        self.refresh[refresh] = grant
        self.issued += [access, refresh]
        return {"access_token": access, "token_type": "Bearer", "expires_in": self.token_lifetime, "refresh_token": refresh,
                **({"scope": scope} if scope else {})}

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def answer(self, status: int, body: dict | None = None, headers: dict | None = None) -> None:
                data = json.dumps(body).encode() if body is not None else b""
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                if body is not None:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/.well-known/oauth-authorization-server/tenant":
                    return self.answer(200, server.metadata())
                if url.path == "/tenant/authorize":
                    return self.authorize(query)
                if url.path == "/_standin/introspect":
                    with server.lock:
                        grant = server.access.get(query.get("token", ""))
                    live = grant is not None and grant["expires"] > time.time() and grant["resource"] == query.get("resource")
                    return self.answer(200 if live else 401, {"active": live})
                self.answer(404, {"error": "not_found"})

            def authorize(self, query: dict) -> None:
                server.log.append(("authorize", query))
                client = server._client(query.get("client_id", ""))
                redirect = query.get("redirect_uri", "")
                if client is None or (client.get("redirect_uris") is not None and redirect not in client["redirect_uris"]):
                    return self.answer(400, {"error": "invalid_client"})
                if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
                    return self.answer(400, {"error": "invalid_request"})
                code = "code_" + secrets.token_hex(12)
                with server.lock:
                    server.codes[code] = {**query, "used": False}
                back = {"code": code, "state": query.get("state", "")}
                if server.send_iss:
                    back["iss"] = "https://elsewhere.example/tenant" if server.wrong_iss else server.issuer
                self.answer(302, headers={"Location": f"{redirect}?{urlencode(back)}"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                url = urlparse(self.path)
                if url.path == "/tenant/register" and server.registration:
                    document = json.loads(raw)
                    server.log.append(("register", document))
                    if document.get("application_type", "web") in server.refused_application_types:
                        return self.answer(400, {"error": "invalid_client_metadata",
                                                 "error_description": "application_type does not fit the redirect URIs"})
                    client_id = "client_" + secrets.token_hex(6)
                    client = {**document, "client_id": client_id, "client_secret": "cs_" + secrets.token_hex(16),
                              "token_endpoint_auth_method": "client_secret_basic"}
                    server.clients[client_id] = client
                    server.issued.append(client["client_secret"])
                    return self.answer(201, client)
                if url.path == "/tenant/token":
                    form = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                    server.log.append(("token", {**form, "authorization": self.headers.get("Authorization", "")}))
                    return self.token(form)
                self.answer(404, {"error": "not_found"})

            def authenticated(self, form: dict) -> str | None:
                """The client the request authenticates as (its secret checked when it has one)."""
                basic = self.headers.get("Authorization", "")
                if basic.startswith("Basic "):
                    client_id, _, secret = base64.b64decode(basic[6:]).decode().partition(":")
                else:
                    client_id, secret = form.get("client_id", ""), form.get("client_secret")
                client = server._client(client_id)
                if client is None or (client.get("client_secret") and client["client_secret"] != secret):
                    return None
                return client_id

            def token(self, form: dict) -> None:
                client_id = self.authenticated(form)
                if client_id is None:
                    return self.answer(401, {"error": "invalid_client"})
                with server.lock:
                    if form.get("grant_type") == "authorization_code":
                        issued = server.codes.get(form.get("code", ""))
                        challenge = base64.urlsafe_b64encode(
                            hashlib.sha256(form.get("code_verifier", "").encode()).digest()).rstrip(b"=").decode()
                        if (issued is None or issued["used"] or issued["client_id"] != client_id
                                or issued["redirect_uri"] != form.get("redirect_uri") or issued["code_challenge"] != challenge
                                or issued.get("resource") != form.get("resource")):
                            return self.answer(400, {"error": "invalid_grant"})
                        issued["used"] = True
                        return self.answer(200, server._tokens(client_id, issued["resource"], issued.get("scope")))
                    if form.get("grant_type") == "refresh_token":
                        grant = server.refresh.pop(form.get("refresh_token", ""), None)
                        if grant is None or grant["client_id"] != client_id or grant["resource"] != form.get("resource"):
                            return self.answer(400, {"error": "invalid_grant", "error_description": "refresh token revoked"})
                        return self.answer(200, server._tokens(client_id, grant["resource"], grant["scope"]))
                self.answer(400, {"error": "unsupported_grant_type"})

        return Handler
