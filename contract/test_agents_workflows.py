"""Agents and workflows through the official SDK."""

from __future__ import annotations

import httpx
import pytest
from bimpeai._exceptions import ConflictError, NotFoundError, PermissionDeniedError, ValidationError
from helpers import PUBLIC_SUPPORT, sdk



@pytest.fixture
def client(switchboard):
    server = switchboard.start()
    return sdk(server, server.bootstrap_key, max_retries=2)


def test_workflows_round_trip(client):
    public = list(client.workflows.list(scope="public"))
    assert {w.id for w in public} >= {PUBLIC_SUPPORT}
    assert all(w.visibility == "public" and not w.is_owner for w in public)

    created = client.workflows.create(
        name="Returns desk",
        system_prompt="Handle returns politely.",
        rules=[{"id": "r1", "name": "Receipt", "trigger": "return", "response": "Ask for the receipt", "enabled": True}],
        flows=[{"name": "Return", "trigger_keywords": [{"keyword": "refund", "weight": "high"}]}],
        guide={"steps": ["Connect your store"]},
        faq=[{"question": "How long?", "answer": "14 days"}],
        tags=["returns"],
    )
    assert created.visibility == "private" and created.is_owner
    assert created.rules[0].id == "r1" and created.flows[0].name == "Return"
    assert client.workflows.retrieve(created.id).guide.steps == ["Connect your store"]

    updated = client.workflows.update(created.id, description="Returns and exchanges", tags=["returns", "exchanges"])
    assert updated.description == "Returns and exchanges" and updated.tags == ["returns", "exchanges"]
    owned = list(client.workflows.list(scope="owned"))
    assert [w.id for w in owned] == [created.id]

    copy = client.workflows.clone(source_workflow_id=PUBLIC_SUPPORT)
    assert copy.is_owner and copy.name == "Customer support" and copy.id != PUBLIC_SUPPORT
    with pytest.raises(PermissionDeniedError) as caught:
        client.workflows.update(PUBLIC_SUPPORT, name="Mine")
    assert caught.value.code == "forbidden"

    client.workflows.delete(created.id)
    with pytest.raises(NotFoundError):
        client.workflows.retrieve(created.id)


def test_agents_round_trip(client):
    agent = client.agents.create(
        workflow_id=PUBLIC_SUPPORT, name="Ada", description="Answers customers",
        timezone="Africa/Lagos", persona="friendly", business_email="help@example.com",
    )
    assert agent.workflow is not None and agent.workflow.is_owner and agent.workflow_id == agent.workflow.id
    assert agent.status == "development" and len(agent.test_channel_code) == 8

    detail = client.agents.retrieve(agent.id)
    assert detail.name == "Ada" and detail.knowledge_bases == [] and detail.integrations == [] and detail.channels == []
    assert client.agents.channels.list(agent.id) == []
    assert client.agents.integrations.list(agent.id) == []

    renamed = client.agents.update(agent.id, name="Ada L.", escalation_email="boss@example.com")
    assert renamed.name == "Ada L." and renamed.escalation_email == "boss@example.com"

    status = client.agents.update_live_status(agent.id, status="live")
    assert status.status == "live" and status.status_reason is None
    code = client.agents.get_test_code(agent.id)
    assert code.code == agent.test_channel_code
    assert code.channels.whatsapp.start_message == f"start {agent.test_channel_code}"

    client.agents.delete(agent.id)
    with pytest.raises(NotFoundError) as caught:
        client.agents.retrieve(agent.id)
    assert str(caught.value) == "Agent not found"


def test_listing_agents_walks_every_page(client):
    names = [f"Agent {i}" for i in range(5)]
    for name in names:
        client.agents.create(workflow_id=PUBLIC_SUPPORT, name=name, description="x")
    first = client.agents.list(limit=2)
    assert first.meta.total_count == 5 and first.meta.page_count == 3 and len(first.data) == 2
    assert sorted(a.name for a in first) == sorted(names)
    assert len(list(first.pages())) == 3
    assert [a.name for a in client.agents.list(search="agent 3")] == ["Agent 3"]


def test_a_bad_create_names_every_field(client):
    with pytest.raises(ValidationError) as caught:
        client.agents.create(workflow_id=PUBLIC_SUPPORT, name="", description="x", persona="grumpy", timezone="Nowhere")
    errors = {e["path"]: e["message"] for e in caught.value.field_errors}
    assert errors == {
        "name": "must not be empty",
        "persona": "must be one of professional, friendly, concise",
        "timezone": "must be an IANA time zone such as Africa/Lagos or UTC",
    }
    assert client.agents.list().meta.total_count == 0


def test_the_agent_cap_answers_a_conflict(switchboard):
    server = switchboard.start("--no-bootstrap")
    key = switchboard.make_key(switchboard.make_team("free"))
    client = sdk(server, key)
    client.agents.create(workflow_id=PUBLIC_SUPPORT, name="One", description="x")
    client.agents.create(workflow_id=PUBLIC_SUPPORT, name="Two", description="x")
    with pytest.raises(ConflictError) as caught:
        client.agents.create(workflow_id=PUBLIC_SUPPORT, name="Three", description="x")
    assert caught.value.code == "agent_limit_reached"


def test_idempotency_holds_across_two_processes(postgres_switchboard):
    first = postgres_switchboard.start()
    second = postgres_switchboard.start()
    headers = {"Authorization": f"Bearer {first.bootstrap_key}", "Idempotency-Key": "shared-key"}
    body = {"name": "Once", "system_prompt": "Only once."}
    a = httpx.post(f"{first.base_url}/api/v1/console/workflows", headers=headers, json=body)
    b = httpx.post(f"{second.base_url}/api/v1/console/workflows", headers=headers, json=body)
    assert a.status_code == 201 and b.status_code == 201
    assert b.headers.get("idempotent-replayed") == "true" and a.json() == b.json()
    listed = httpx.get(f"{second.base_url}/api/v1/console/workflows?scope=owned", headers=headers).json()
    assert listed["meta"]["total_count"] == 1
