"""Small helpers shared by the contract tests."""

from __future__ import annotations

import httpx
from bimpeai import BimpeAI


def sdk(server, key: str, sent: list[str] | None = None, max_retries: int = 0) -> BimpeAI:
    """An official SDK client for `server`; records the X-Request-Id of each request in `sent`."""

    def record(request: httpx.Request) -> None:
        if sent is not None:
            sent.append(request.headers["x-request-id"])

    http = httpx.Client(event_hooks={"request": [record]})
    return BimpeAI(api_key=key, base_url=server.base_url, max_retries=max_retries, http_client=http)
