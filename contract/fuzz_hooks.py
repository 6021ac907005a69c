"""Schemathesis hooks for the contract fuzzing run (`SCHEMATHESIS_HOOKS=fuzz_hooks`).

The document states every field rule that JSON Schema can state, and positive data
acceptance holds the server to them. What no schema can state is supplied here, and
only for requests generated as valid:

- test data: a real time zone where the schema says "a string", URLs the outbound
  guard can resolve (the run allows loopback; a generated host resolves nowhere here),
  a real OpenAPI document where an import says "a document", and no ids where a
  toolset names the agent's integrations and actions (the run's agent has none);
- refusals that are not about the request's shape: a valid request may still be
  refused because a provider refuses its key, Pipedream is not configured on this
  server, or an MCP gateway request comes without a session. Those answers are not
  `validation_error`, so a schema-valid request that gets a `validation_error` (the
  document and the validation disagreeing) still fails the run.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import schemathesis

ZONES = ["UTC", "Africa/Lagos", "Europe/Berlin", "America/Sao_Paulo", "Asia/Tokyo"]
RESOLVED_URLS = {"base_url", "server_url", "url", "document_url"}
# What an import is given to read: a real OpenAPI document, whose server is where generated URLs point.
DOCUMENT = {"openapi": "3.0.3", "info": {"title": "Fuzzed", "version": "1"}, "servers": [{"url": "http://127.0.0.1:9"}],
            "paths": {"/items": {"get": {"operationId": "listItems", "responses": {"200": {"description": "ok"}}}}}}


def on_loopback(url: str) -> str:
    """The same URL with its scheme and host those of a loopback address the run allows."""
    parts = urlsplit(url)
    return urlunsplit(("http", "127.0.0.1:9", parts.path, parts.query, ""))


@schemathesis.hook
def map_case(context, case):
    if case.meta is None or not case.meta.generation.mode.is_positive or not isinstance(case.body, dict):
        return case
    body = dict(case.body)
    if isinstance(body.get("timezone"), str):
        body["timezone"] = ZONES[len(body["timezone"]) % len(ZONES)]
    if "document" in body:
        body["document"] = DOCUMENT
    if "/toolsets" in case.operation.path:
        # A toolset names the agent's own integrations and actions; the run's agent has none.
        for field in {"integration_ids", "action_ids"} & body.keys():
            body[field] = []
    for field in RESOLVED_URLS & body.keys():
        if isinstance(body[field], str):
            body[field] = on_loopback(body[field])
    case.body = body
    return case


@schemathesis.hook
def filter_failure(context, failure, case, response):
    if getattr(failure, "code", None) != "ST202":
        return True
    try:
        answer = response.json()
    except ValueError:
        return True
    return isinstance(answer, dict) and answer.get("code") == "validation_error"
