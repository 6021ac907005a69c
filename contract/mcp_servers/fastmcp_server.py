"""An MCP server built with `fastmcp`, a second implementation besides the `mcp` package.

    python fastmcp_server.py --transport streamable-http --port P
"""

from __future__ import annotations

import argparse

from fastmcp import FastMCP

server = FastMCP("fast-contract")


@server.tool
def add(a: int, b: int) -> int:
    """Adds two numbers."""
    return a + b


@server.tool
def greet(name: str) -> str:
    """Greets someone by name."""
    return f"Hello, {name}!"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--transport", default="streamable-http")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    transport = "sse" if args.transport == "sse" else "http"
    server.run(transport=transport, host="127.0.0.1", port=args.port, path="/sse" if transport == "sse" else "/mcp",
               show_banner=False, log_level="warning")


if __name__ == "__main__":
    main()
