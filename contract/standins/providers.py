"""Stand-ins for Stripe, Paystack, Bumpa and Google OAuth on loopback.

They answer the requests Switchboard makes in those providers' real wire
formats, so the server is tested through the same base-URL settings production
uses. Tests change their behaviour through attributes (valid keys, slowness,
failures) and read what they received.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlencode, urlparse

from standins import provider_apis

from standins.loopback import Loopback


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    challenge: str
    scope: str
    used: bool = False


@dataclass
class Providers:
    """The shared state of every stand-in; tests read and change it."""

    stripe_keys: set[str] = field(default_factory=set)
    paystack_keys: set[str] = field(default_factory=set)
    bumpa_tokens: set[str] = field(default_factory=set)
    delay: float = 0.0
    fail_with: int | None = None
    client_id: str = "switchboard-test.apps.googleusercontent.com"
    client_secret: str = "GOCSPX-standin-client-secret"
    deny_consent: bool = False
    tamper_challenge: bool = False
    token_lifetime: int = 3600
    token_prefix: str = "ya29.standin"
    refresh_prefix: str = "1//standin"
    rotate_refresh_tokens: bool = True
    grants: dict[str, Grant] = field(default_factory=dict)
    refresh_tokens: dict[str, bool] = field(default_factory=dict)  # token -> still valid
    refreshes: int = 0
    stale_refreshes: int = 0
    issued_access_tokens: list[str] = field(default_factory=list)
    issued_refresh_tokens: list[str] = field(default_factory=list)
    auth_requests: list[dict[str, str]] = field(default_factory=list)
    verifiers: list[str] = field(default_factory=list)
    revoked_access_tokens: set[str] = field(default_factory=set)
    # The provider APIs: what arrived, by API (stripe, paystack, bumpa, gcal, gsheets).
    calls: list[tuple[str, provider_apis.Call]] = field(default_factory=list)
    # Retry-After values of the next requests to answer 429, in order.
    rate_limited: list[str] = field(default_factory=list)
    # Put the Authorization header the API received into its answers.
    echo_auth: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def revoke_refresh_tokens(self) -> None:
        with self.lock:
            for token in self.refresh_tokens:
                self.refresh_tokens[token] = False

    def revoke_access_tokens(self) -> None:
        with self.lock:
            self.revoked_access_tokens.update(self.issued_access_tokens)

    def received(self, api: str) -> list[provider_apis.Call]:
        with self.lock:
            return [call for name, call in self.calls if name == api]

    def _issue(self, scope: str) -> dict:
        access = f"{self.token_prefix}.{secrets.token_urlsafe(24)}"
        refresh = f"{self.refresh_prefix}.{secrets.token_urlsafe(24)}"
        self.refresh_tokens[refresh] = True
        self.issued_access_tokens.append(access)
        self.issued_refresh_tokens.append(refresh)
        return {"access_token": access, "expires_in": self.token_lifetime, "refresh_token": refresh,
                "scope": scope, "token_type": "Bearer"}


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class _Handler(BaseHTTPRequestHandler):
    state: Providers

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, body: dict | None = None, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (the slow-provider tests)

    def _api(self) -> bool:
        """Answers a provider API request; False when the path is not one."""
        answer = provider_apis.answer(self, self.state)
        if answer is None:
            return False
        status, body, headers = answer
        self._send(status, body, headers)
        return True

    def do_GET(self) -> None:
        if self._api():
            return
        url = urlparse(self.path)
        if url.path == "/google/auth":
            return self._authorize(parse_qs(url.query))
        return self._send(404, {"error": "not found"})

    def do_PUT(self) -> None:
        if not self._api():
            self._send(404, {"error": "not found"})

    do_PATCH = do_PUT
    do_DELETE = do_PUT

    def _authorize(self, query: dict[str, list[str]]) -> None:
        state = self.state
        params = {name: values[0] for name, values in query.items()}
        state.auth_requests.append(params)
        redirect = params.get("redirect_uri", "")
        problems = [
            params.get("client_id") != state.client_id,
            params.get("response_type") != "code",
            params.get("code_challenge_method") != "S256",
            not params.get("code_challenge"),
            params.get("access_type") != "offline",
            not params.get("state"),
        ]
        if any(problems):
            return self._send(400, {"error": "invalid_request"})
        if state.deny_consent:
            target = f"{redirect}?{urlencode({'error': 'access_denied', 'state': params['state']})}"
            return self._send(302, headers={"Location": target})
        code = "4/" + secrets.token_urlsafe(24)
        challenge = params["code_challenge"] if not state.tamper_challenge else _challenge("someone-else")
        state.grants[code] = Grant(params["client_id"], redirect, challenge, params.get("scope", ""))
        target = f"{redirect}?{urlencode({'code': code, 'state': params['state'], 'scope': params.get('scope', '')})}"
        return self._send(302, headers={"Location": target})

    def do_POST(self) -> None:
        if self._api():
            return
        state = self.state
        url = urlparse(self.path)
        length = int(self.headers.get("Content-Length", "0"))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        if url.path != "/google/token":
            return self._send(404, {"error": "not found"})
        if form.get("client_id") != state.client_id or form.get("client_secret") != state.client_secret:
            return self._send(401, {"error": "invalid_client", "error_description": "The OAuth client was not found."})
        with state.lock:
            if form.get("grant_type") == "authorization_code":
                state.verifiers.append(form.get("code_verifier", ""))
                grant = state.grants.get(form.get("code", ""))
                if (grant is None or grant.used or grant.redirect_uri != form.get("redirect_uri")
                        or _challenge(form.get("code_verifier", "")) != grant.challenge):
                    return self._send(400, {"error": "invalid_grant", "error_description": "Bad Request"})
                grant.used = True
                return self._send(200, state._issue(grant.scope))
            if form.get("grant_type") == "refresh_token":
                token = form.get("refresh_token", "")
                valid = state.refresh_tokens.get(token)
                if not valid:
                    if valid is False:
                        state.stale_refreshes += 1
                    return self._send(400, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."})
                state.refreshes += 1
                answer = state._issue("")
                if state.rotate_refresh_tokens:
                    state.refresh_tokens[token] = False
                else:
                    del answer["refresh_token"]
                return self._send(200, answer)
        return self._send(400, {"error": "unsupported_grant_type"})


class ProviderServer(Loopback):
    """Runs the stand-ins on a free loopback port until stopped."""

    def __init__(self) -> None:
        self.state = Providers()
        super().__init__(type("Handler", (_Handler,), {"state": self.state}))

    def settings(self) -> dict[str, str]:
        return {
            "SWITCHBOARD_STRIPE_API_BASE": f"{self.base}/stripe",
            "SWITCHBOARD_PAYSTACK_API_BASE": f"{self.base}/paystack",
            "SWITCHBOARD_BUMPA_API_BASE": f"{self.base}/bumpa",
            "SWITCHBOARD_GOOGLE_CALENDAR_API_BASE": f"{self.base}/gcal",
            "SWITCHBOARD_GOOGLE_SHEETS_API_BASE": f"{self.base}/gsheets",
            "SWITCHBOARD_GOOGLE_AUTH_URL": f"{self.base}/google/auth",
            "SWITCHBOARD_GOOGLE_TOKEN_URL": f"{self.base}/google/token",
            "SWITCHBOARD_GOOGLE_CLIENT_ID": self.state.client_id,
            "SWITCHBOARD_GOOGLE_CLIENT_SECRET": self.state.client_secret,
        }
