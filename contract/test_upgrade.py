"""A database written by the previous release starts under this one, migrates in
place, and serves everything it stored: ids, enabled flags, executions, keys, and
sealed secrets that still open. The fixture is made by fixtures/make_release_fixture.py."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import httpx
from conftest import Switchboard
from helpers import Console, PUBLIC_SUPPORT, sdk

FIXTURE = Path(__file__).parent / "fixtures" / "release-46fc2ed"


CATALOG = ["create_payment_link", "list_customers", "search_customers", "create_customer", "retrieve_balance", "create_refund"]


def test_the_previous_releases_database_upgrades_in_place_and_loses_nothing(tmp_path, providers):
    facts = json.loads((FIXTURE / "facts.json").read_text())
    database = tmp_path / "switchboard.sqlite"
    connection = sqlite3.connect(database)
    connection.executescript((FIXTURE / "database.sql").read_text())
    connection.close()
    key_file = tmp_path / "master.key"
    key_file.write_text((FIXTURE / "master.key").read_text())
    os.chmod(key_file, 0o600)
    board = Switchboard(cwd=tmp_path, env={
        "PATH": os.environ.get("PATH", ""), "SWITCHBOARD_DATABASE_URL": f"sqlite://{database}",
        "SWITCHBOARD_MASTER_KEY_FILE": str(key_file), "SWITCHBOARD_KEY_CACHE_SECONDS": "0", **providers.settings()},
        database_url=f"sqlite://{database}")
    stripe_key = next(secret for secret in facts["secrets"] if secret.startswith("sk_test_"))
    providers.state.stripe_keys.add(stripe_key)
    server = board.start()
    try:
        assert server.bootstrap_key is None, "a database with a team must not be bootstrapped again"
        client = sdk(server, facts["bootstrap_key"])
        agent = client.agents.retrieve(facts["agent"])
        assert (agent.id, agent.name, agent.workflow_id) == (facts["agent"], "Fixture agent", facts["workflow"])
        listed = {i.id: i.status for i in client.agents.integrations.list(facts["agent"])}
        assert listed == {facts["integrations"]["stripe"]: "active", facts["integrations"]["custom_api"]: "active",
                          facts["integrations"]["mcp_server"]: "pending"}
        console = Console(server)
        console.headers = {"Authorization": f"Bearer {facts['bootstrap_key']}"}
        listed_actions = console("GET", f"/agents/{facts['agent']}/actions").json()["data"]
        old = {facts["actions"][name]: enabled for name, enabled in facts["enabled"].items()}
        assert {a["id"]: a["is_enabled"] for a in listed_actions if a["id"] in old} == old
        # The Stripe integration connected under the last release gets this release's catalog, and its key still works.
        catalog = [a for a in listed_actions if a["id"] not in old]
        assert [(a["action_name"], a["integration_id"], a["is_enabled"]) for a in catalog] == [
            (name, facts["integrations"]["stripe"], True) for name in CATALOG]
        executions = {e["id"]: e["status"] for e in console("GET", f"/agents/{facts['agent']}/executions").json()["data"]}
        assert executions == {facts["executions"]["succeeded"]: "succeeded", facts["executions"]["pending_approval"]: "pending_approval"}
        record = console("GET", f"/agents/{facts['agent']}/executions/{facts['executions']['pending_approval']}").json()["data"]
        assert record["arguments"] == {"amount": 1250}
        # The approval rules of this release apply to what the last one left pending.
        refused = console("POST", f"/agents/{facts['agent']}/executions/{facts['executions']['pending_approval']}/approve")
        assert refused.status_code == 409 and refused.json()["message"] == "Action is disabled"
        balance = console("POST", f"/agents/{facts['agent']}/actions/{catalog[4]['id']}/execute", json={"arguments": {}}).json()["data"]
        assert balance["status"] == "succeeded" and providers.state.received("stripe")[-1].headers["authorization"] == f"Bearer {stripe_key}"
        assert len(console("GET", "/audit-events?limit=100").json()["data"]) >= facts["audit_events"]

        narrow = {"Authorization": f"Bearer {facts['narrow_key']}"}
        assert httpx.get(f"{console.base}/agents", headers=narrow).status_code == 200
        assert httpx.get(f"{console.base}/audit-events", headers=narrow).status_code == 403
        # Idempotency works on the migrated table (its answers now belong to a key).
        body = {"name": "After upgrade", "description": "x", "workflow_id": facts["workflow"]}
        first = console("POST", "/agents", json=body, headers={"Idempotency-Key": "upgrade-1"})
        again = console("POST", "/agents", json=body, headers={"Idempotency-Key": "upgrade-1"})
        assert first.status_code == 201 and again.headers.get("idempotent-replayed") == "true"
        assert again.json()["data"]["id"] == first.json()["data"]["id"]
    finally:
        server.stop()
    # Starting again installs nothing twice.
    server = board.start()
    try:
        console = Console(server)
        console.headers = {"Authorization": f"Bearer {facts['bootstrap_key']}"}
        again = console("GET", f"/agents/{facts['agent']}/actions").json()["data"]
        assert [a["id"] for a in again] == [a["id"] for a in listed_actions]
    finally:
        server.stop()
    # Every sealed secret still opens: rotation reads each one and seals it again.
    rotated = board.cli("secrets", "rotate").stdout
    assert f"Re-encrypted {facts['sealed_secrets']} secrets" in rotated
    dump = board.database_dump()
    for secret in facts["secrets"]:
        assert secret.encode() not in dump


def test_a_running_server_keeps_serving_after_another_release_adds_columns(postgres_switchboard):
    """PostgreSQL keeps statements prepared per connection; a column added by a newer release's
    migration (rolling upgrade: the old process still serves) must not break them."""
    postgres_switchboard.env["SWITCHBOARD_ALLOWED_PRIVATE_RANGES"] = "127.0.0.0/8"
    server = postgres_switchboard.start()
    console = Console(server)
    agent = console("POST", "/agents", json={"workflow_id": PUBLIC_SUPPORT, "name": "Rolling", "description": "x"}).json()["data"]["id"]
    shop = console("POST", f"/agents/{agent}/integrations/custom_api/configure", json={"name": "Shop", "base_url": "http://127.0.0.1:9"})
    assert shop.status_code == 201, shop.text
    for _ in range(3):  # every pooled connection that serves these prepares them
        before = console("GET", f"/agents/{agent}/integrations")
        assert before.status_code == 200
        assert console("GET", f"/agents/{agent}").status_code == 200
    for table in ("integrations", "agents", "actions"):
        subprocess.run(["psql", postgres_switchboard.database_url, "-qc", f"ALTER TABLE {table} ADD COLUMN later_release TEXT"],
                       check=True, capture_output=True)
    after = console("GET", f"/agents/{agent}/integrations")
    assert after.status_code == 200, after.text
    assert after.json()["data"] == before.json()["data"]
    renamed = console("POST", f"/agents/{agent}/integrations/custom_api/configure", json={"name": "Shop 2", "base_url": "http://127.0.0.1:9"})
    assert renamed.status_code in (200, 201), renamed.text
    assert console("GET", f"/agents/{agent}").json()["data"]["name"] == "Rolling"
