"""The foundation, driven through the official SDK and the command line."""

from __future__ import annotations

import httpx
import pytest
from bimpeai._exceptions import (
    APINotImplementedError,
    AuthenticationError,
    PermissionDeniedError,
    RateLimitError,
)
from helpers import sdk


def test_first_start_prints_one_key_once_and_never_again(switchboard):
    first = switchboard.start()
    key = first.bootstrap_key
    assert key and key.startswith("sk_") and len(key) == 43
    with pytest.raises(APINotImplementedError):
        sdk(first, key).phone_numbers.list()
    first.stop()

    second = switchboard.start()
    assert second.bootstrap_key is None
    teams = switchboard.cli("teams", "list").stdout.strip().splitlines()
    assert len(teams) == 1
    with pytest.raises(APINotImplementedError):
        sdk(second, key).phone_numbers.list()


def test_no_bootstrap_leaves_an_empty_database_empty(sqlite_switchboard):
    server = sqlite_switchboard.start("--no-bootstrap")
    assert server.bootstrap_key is None
    assert sqlite_switchboard.cli("teams", "list").stdout.strip() == ""


def test_a_bad_key_raises_authentication_error_with_the_request_id(switchboard):
    server = switchboard.start("--no-bootstrap")
    sent: list[str] = []
    with pytest.raises(AuthenticationError) as caught:
        sdk(server, "sk_" + "x" * 40, sent).phone_numbers.list()
    assert caught.value.status == 401
    assert caught.value.code == "api_key_invalid"
    assert str(caught.value) == "Invalid API key."
    assert caught.value.request_id == sent[-1]


def test_a_scope_limited_key_raises_permission_denied(switchboard):
    server = switchboard.start("--no-bootstrap")
    team = switchboard.make_team()
    narrow = switchboard.make_key(team, "agents:read")
    with pytest.raises(PermissionDeniedError) as caught:
        sdk(server, narrow).phone_numbers.list()
    assert caught.value.code == "insufficient_scope"
    assert str(caught.value) == "This API key is missing the required scope: phone_numbers:read."


def test_a_rate_limited_call_raises_rate_limit_error_with_retry_after(switchboard):
    server = switchboard.start("--no-bootstrap")
    key = switchboard.make_key(switchboard.make_team("free"))
    client = sdk(server, key)
    for _ in range(3):
        with pytest.raises(APINotImplementedError):
            client.phone_numbers.list()
    with pytest.raises(RateLimitError) as caught:
        client.phone_numbers.list()
    assert caught.value.code == "rate_limited"
    assert caught.value.retry_after == 20
    assert caught.value.limit == 3 and caught.value.remaining == 0


def test_keys_create_prints_only_the_key_and_revoke_ends_it(switchboard):
    team = switchboard.make_team()
    created = switchboard.cli("keys", "create", "--team", team, "--name", "script", "--expires-in", "30d")
    assert created.stdout.count("\n") == 1 and created.stdout.startswith("sk_")
    key = created.stdout.strip()
    server = switchboard.start("--no-bootstrap")
    with pytest.raises(APINotImplementedError):
        sdk(server, key).phone_numbers.list()

    listing = switchboard.cli("keys", "list", "--team", team).stdout
    assert key not in listing and "script" in listing and "active" in listing
    key_id = listing.split("\t")[0]
    switchboard.cli("keys", "revoke", key_id)
    with pytest.raises(AuthenticationError):
        sdk(server, key).phone_numbers.list()
    assert switchboard.cli("keys", "revoke", key_id, check=False).returncode != 0


def test_cli_refuses_unknown_scopes_plans_and_teams(sqlite_switchboard):
    team = sqlite_switchboard.make_team()
    assert sqlite_switchboard.cli("keys", "create", "--team", team, "--scope", "agents:fly", check=False).returncode != 0
    assert sqlite_switchboard.cli("keys", "create", "--team", "team_nope", check=False).returncode != 0
    assert sqlite_switchboard.cli("teams", "create", "--name", "x", "--plan", "platinum", check=False).returncode != 0
    assert sqlite_switchboard.cli("teams", "set-plan", team, "pro").returncode == 0
    assert "\tpro\t" in sqlite_switchboard.cli("teams", "list").stdout


def test_a_bad_setting_stops_the_server_naming_it_but_not_its_value(sqlite_switchboard):
    sqlite_switchboard.env["SWITCHBOARD_DATABASE_URL"] = "postgres://admin:hunter2@"
    result = sqlite_switchboard.cli("serve", check=False)
    assert result.returncode != 0
    assert "SWITCHBOARD_DATABASE_URL" in result.stderr
    assert "hunter2" not in result.stderr + result.stdout


def test_two_processes_on_one_postgres_share_the_rate_limit(postgres_switchboard):
    switchboard = postgres_switchboard
    switchboard.env["SWITCHBOARD_PLANS"] = '{"free": {"requests_per_minute": 10}}'
    first = switchboard.start("--no-bootstrap")
    second = switchboard.start("--no-bootstrap")
    key = switchboard.make_key(switchboard.make_team("free"))
    statuses = []
    for i in range(30):
        server = first if i % 2 == 0 else second
        statuses.append(httpx.get(f"{server.base_url}/api/v1/console/phone-numbers", headers={"X-Api-Key": key}).status_code)
    assert statuses.count(501) == 10
    assert statuses.count(429) == 20


def test_logs_never_hold_keys(switchboard):
    server = switchboard.start(extra_env={"SWITCHBOARD_LOG_LEVEL": "trace", "SWITCHBOARD_LOG_FORMAT": "json"})
    key = server.bootstrap_key
    bad = "sk_" + "B" * 40
    httpx.get(f"{server.base_url}/api/v1/console/phone-numbers", headers={"Authorization": f"Bearer {key}"})
    httpx.get(f"{server.base_url}/api/v1/console/phone-numbers", headers={"X-Api-Key": bad})
    httpx.post(f"{server.base_url}/api/v1/console/phone-numbers/request", headers={"X-Api-Key": key, "Idempotency-Key": "x"}, json={})
    logs = server.stop()
    assert '"request_id"' in logs
    assert key not in logs and bad not in logs
    # No header values either (the PostgreSQL driver's own "session_authorization" is fine).
    assert "bearer " not in logs.lower() and "x-api-key" not in logs.lower()
