"""Bad input never gets a 5xx or a hang, and a killed server loses no answered write."""

from __future__ import annotations

import http.client
import json
import signal
import threading
import time

import httpx
import pytest



@pytest.fixture
def server(sqlite_switchboard):
    sqlite_switchboard.env["SWITCHBOARD_PLANS"] = '{"enterprise": {"requests_per_minute": null}}'
    return sqlite_switchboard.start()


def raw(server, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request(method, path, body=body, headers={"Authorization": f"Bearer {server.bootstrap_key}",
                                                         "Content-Type": "application/json", **(headers or {})})
    response = connection.getresponse()
    return response.status, response.read()


@pytest.mark.parametrize("body", [
    b"{", b"not json", b'{"name": "a", "system_prompt": }', b"[" * 100_000 + b"]" * 100_000,
    b'{"name":' + b"[" * 600 + b"]" * 600 + b"}", b'{"name": "\\ud800", "system_prompt": "x"}',
    b"\xff\xfe\x00garbage", b'{"name": 5, "system_prompt": ["x"], "tags": {"a": 1}}',
    b'{"name": "\xe2\x80\xae\xf0\x9f\x92\xa9\xcc\x81\xef\xbb\xbf", "system_prompt": "\\u0000"}',
    b'{"name": "' + b"x" * (1 << 20) + b'"}',
    b"null", b"true", b"[]", b'"text"',
])
def test_bad_bodies_get_a_4xx_in_the_contracts_body(server, body):
    status, answer = raw(server, "POST", "/api/v1/console/workflows", body)
    assert 400 <= status < 500 or status == 201
    if status != 201:
        error = json.loads(answer)
        assert set(error) == {"message", "error", "code", "statusCode", "request_id"} and error["statusCode"] == status


def test_oversized_and_odd_headers_are_refused_cleanly(server):
    status, answer = raw(server, "GET", "/api/v1/console/agents", headers={"X-Big": "a" * 40_000})
    assert status == 400 and json.loads(answer)["message"] == "Request headers are too large."
    status, _ = raw(server, "GET", "/api/v1/console/agents", headers={"X-Request-Id": "é" * 10})
    assert status == 200
    status, answer = raw(server, "GET", "/api/v1/console/agents?page=%FF&limit=-1&sort=%00")
    assert status == 400 and json.loads(answer)["code"] == "validation_error"
    assert httpx.get(f"{server.base_url}/health").status_code == 200


def test_a_killed_server_keeps_every_answered_write(switchboard):
    switchboard.env["SWITCHBOARD_PLANS"] = '{"enterprise": {"requests_per_minute": null}}'
    first = switchboard.start()
    key = first.bootstrap_key
    answered: list[str] = []
    stop = threading.Event()

    def write(worker: int) -> None:
        with httpx.Client(timeout=5) as client:
            for index in range(10_000):
                if stop.is_set():
                    return
                name = f"crash-{worker}-{index}"
                try:
                    response = client.post(f"{first.base_url}/api/v1/console/workflows", headers={"X-Api-Key": key},
                                           json={"name": name, "system_prompt": "survive", "tags": [name]})
                except httpx.HTTPError:
                    return
                if response.status_code == 201:
                    answered.append(name)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 20
    while len(answered) < 150 and time.monotonic() < deadline:
        time.sleep(0.05)
    first.process.send_signal(signal.SIGKILL)
    first.process.wait()
    stop.set()
    for thread in threads:
        thread.join()
    assert len(answered) >= 150

    second = switchboard.start()
    stored: dict[str, dict] = {}
    page = 1
    while True:
        listed = httpx.get(f"{second.base_url}/api/v1/console/workflows", params={"scope": "owned", "limit": 100, "page": page},
                           headers={"X-Api-Key": key}).json()
        for workflow in listed["data"]:
            stored[workflow["name"]] = workflow
        if not listed["meta"]["has_next_page"]:
            break
        page += 1
    missing = [name for name in answered if name not in stored]
    assert missing == []
    # Nothing half-written: every stored workflow is whole.
    assert all(w["system_prompt"] == "survive" and w["tags"] == [w["name"]] for w in stored.values())
