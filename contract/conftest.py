"""Fixtures that run the real server binary (built by scripts/test) and its CLI."""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = os.environ.get("SWITCHBOARD_BIN") or str(ROOT / ".build" / "debug" / "switchboard")
POSTGRES_URL = os.environ.get("SWITCHBOARD_TEST_POSTGRES_URL")


@dataclass
class Server:
    """One running `switchboard serve` process."""

    process: subprocess.Popen
    port: int
    stdout: list[str]
    env: dict[str, str]
    cwd: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def bootstrap_key(self) -> str | None:
        for line in self.stdout:
            word = line.strip()
            if word.startswith("sk_"):
                return word
        return None

    def stop(self) -> str:
        """Stops the server gracefully and returns all it wrote to standard error."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return (self.cwd / "stderr.log").read_text()


@dataclass
class Switchboard:
    """Starts servers and runs CLI commands against one database."""

    cwd: Path
    env: dict[str, str]
    database_url: str = ""
    servers: list[Server] = field(default_factory=list)

    def database_dump(self) -> bytes:
        """Every byte the database holds: the SQLite files, or every PostgreSQL table as text."""
        if self.database_url.startswith("sqlite://"):
            path = Path(self.database_url[len("sqlite://"):])
            return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        tables = subprocess.run(
            ["psql", self.database_url, "-Atc", "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"],
            check=True, capture_output=True, text=True).stdout.split()
        return b"".join(
            subprocess.run(["psql", self.database_url, "-c", f"COPY {t} TO STDOUT"], check=True, capture_output=True).stdout
            for t in tables)

    def scalar(self, sql: str) -> str:
        """One value of a read-only query, as text, on either database."""
        if self.database_url.startswith("sqlite://"):
            with contextlib.closing(sqlite3.connect(self.database_url[len("sqlite://"):])) as db:
                return str(db.execute(sql).fetchone()[0])
        return subprocess.run(["psql", self.database_url, "-Atc", sql], check=True, capture_output=True, text=True).stdout.strip()

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [BIN, *args], cwd=self.cwd, env=self.env, capture_output=True, text=True, timeout=120
        )
        if check and result.returncode != 0:
            raise AssertionError(f"switchboard {' '.join(args)} failed: {result.stderr}")
        return result

    def start(self, *args: str, extra_env: dict[str, str] | None = None) -> Server:
        # A known port keeps the links the server hands out (PUBLIC_URL) true.
        env = {**self.env, "SWITCHBOARD_PORT": str(free_port()), **(extra_env or {})}
        stderr = open(self.cwd / "stderr.log", "a")
        process = subprocess.Popen(
            [BIN, "serve", *args], cwd=self.cwd, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True
        )
        lines: list[str] = []
        listening = threading.Event()

        def read() -> None:
            for line in process.stdout:
                lines.append(line)
                if "listening on http://" in line:
                    listening.set()

        threading.Thread(target=read, daemon=True).start()
        deadline = time.monotonic() + 60
        while not listening.wait(0.2):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(f"server did not start: {''.join(lines)} {(self.cwd / 'stderr.log').read_text()}")
        line = next(line for line in lines if "listening on http://" in line)
        port = int(line.split("listening on http://")[1].split()[0].rsplit(":", 1)[1])
        server = Server(process, port, lines, env, self.cwd)
        self.servers.append(server)
        return server

    def make_team(self, plan: str = "enterprise") -> str:
        return self.cli("teams", "create", "--name", "Contract team", "--plan", plan).stdout.strip()

    def make_key(self, team: str, *scopes: str) -> str:
        args = ["keys", "create", "--team", team]
        for scope in scopes:
            args += ["--scope", scope]
        return self.cli(*args).stdout.strip()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _postgres_database() -> str:
    name = "contract_" + uuid.uuid4().hex
    subprocess.run(["psql", POSTGRES_URL, "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    return POSTGRES_URL.replace("/postgres?", f"/{name}?")


def _board(kind: str, tmp_path: Path) -> Switchboard:
    if kind == "postgres":
        if not POSTGRES_URL:
            pytest.skip("SWITCHBOARD_TEST_POSTGRES_URL is not set (scripts/test sets it)")
        database_url = _postgres_database()
    else:
        database_url = f"sqlite://{tmp_path / 'switchboard.sqlite'}"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "SWITCHBOARD_DATABASE_URL": database_url,
        "SWITCHBOARD_MASTER_KEY_FILE": str(tmp_path / "master.key"),
        "SWITCHBOARD_KEY_CACHE_SECONDS": "0",
        "SWITCHBOARD_PLANS": json.dumps({"free": {"requests_per_minute": 3}}),
    }
    return Switchboard(cwd=tmp_path, env=env, database_url=database_url)


def _serve(kind: str, tmp_path: Path):
    board = _board(kind, tmp_path)
    yield board
    for server in board.servers:
        server.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def switchboard(request, tmp_path):
    """A fresh database (a SQLite file, or a new PostgreSQL database) with its servers and CLI."""
    yield from _serve(request.param, tmp_path)


@pytest.fixture
def sqlite_switchboard(tmp_path):
    yield from _serve("sqlite", tmp_path)


@pytest.fixture
def postgres_switchboard(tmp_path):
    yield from _serve("postgres", tmp_path)


def _running(module: str, name: str, **options):
    """Starts the stand-in `standins.<module>.<name>` (imported only when a test needs it) and stops it after."""
    server = getattr(importlib.import_module(f"standins.{module}"), name)(**options)
    yield server
    server.stop()


@pytest.fixture
def providers():
    """The provider stand-ins (Stripe, Paystack, Bumpa, Google OAuth) on loopback."""
    yield from _running("providers", "ProviderServer")


@pytest.fixture
def pipedream():
    """Pipedream Connect's REST API on loopback."""
    yield from _running("pipedream", "PipedreamServer")


@pytest.fixture
def standin_api():
    """A stand-in HTTP API for custom API integrations, on loopback."""
    yield from _running("custom_api", "StandinAPI")


@pytest.fixture
def document_api():
    """An API with OpenAPI documents to import, recording every call, on loopback."""
    yield from _running("openapi_api", "DocumentAPI")


@pytest.fixture
def hostile():
    """A hostile upstream on loopback (endless, trickling, huge and echoing answers)."""
    yield from _running("hostile", "HostileServer", lifetime=90)


class MCPServers:
    """Starts real MCP servers (contract/mcp_servers/server.py) on loopback."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.processes: list[subprocess.Popen] = []

    def start(self, *args: str, transport: str = "streamable-http", port: int | None = None, script: str = "server.py") -> str:
        """Starts `mcp_servers/<script>` (on `port`, e.g. one a stopped server had) and returns its URL."""
        port = port or free_port()
        script = Path(__file__).parent / "mcp_servers" / script
        process = subprocess.Popen([sys.executable, str(script), "--transport", transport, "--port", str(port), *args],
                                   stdout=subprocess.DEVNULL, stderr=open(self.tmp_path / f"mcp-{port}.log", "w"))
        self.processes.append(process)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    path = "/sse" if transport == "sse" else "/mcp"
                    return f"http://127.0.0.1:{port}{path}"
            if process.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"MCP server did not start: {(self.tmp_path / f'mcp-{port}.log').read_text()}")

    def stop(self) -> None:
        for process in self.processes:
            process.kill()
            process.wait()
        self.processes = []


@pytest.fixture
def mcp_servers(tmp_path):
    servers = MCPServers(tmp_path)
    yield servers
    servers.stop()


@pytest.fixture
def gateway(switchboard, standin_api):
    """A server and an agent whose gateway lists two enabled tools of a stand-in API (lookup_order, refund
    with approval) and hides a disabled one; answers the server, a Console, the agent, its gateway URL and
    the action ids."""
    from helpers import Console, add_api, add_tool, new_agent

    switchboard.env["SWITCHBOARD_ALLOWED_PRIVATE_RANGES"] = "127.0.0.0/8"
    switchboard.env["SWITCHBOARD_MCP_ALLOWED_ORIGINS"] = "https://console.example.com"
    server = switchboard.start()
    console = Console(server)
    agent = new_agent(console)
    api = add_api(console, agent, standin_api.base)
    actions = {
        "lookup": add_tool(console, agent, api, name="Lookup order", description="Finds an order", http_method="GET",
                           url_template="/tool/orders/{id}", response_mapping={"path": "data.items[0].sku"},
                           url_params=[{"name": "id", "type": "string", "description": "Order id", "required": True}]),
        "refund": add_tool(console, agent, api, name="Refund", http_method="POST", url_template="/tool/refund",
                           require_human_approval=True,
                           body_params=[{"name": "amount", "type": "integer", "description": "Cents", "required": True}]),
        "hidden": add_tool(console, agent, api, name="Hidden", http_method="DELETE", url_template="/tool/hidden"),
    }
    enabled = console("POST", f"/agents/{agent}/actions/enable", json={"action_ids": [actions["lookup"], actions["refund"]]})
    disabled = console("POST", f"/agents/{agent}/actions/disable", json={"action_ids": [actions["hidden"]]})
    assert enabled.status_code == 200 and disabled.status_code == 200, disabled.text
    url = f"{server.base_url}/api/v1/console/agents/{agent}/mcp"
    return server, console, agent, url, actions
