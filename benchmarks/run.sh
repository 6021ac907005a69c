#!/usr/bin/env bash
# Benchmarks a release build on SQLite and PostgreSQL in one run and prints the
# figures (see RESULTS.md), then the tool-call figures. Installs wrk from Debian when missing.
#   benchmarks/run.sh [seconds per load, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
command -v wrk >/dev/null || { as_root apt-get update -qq; as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
start_postgres "${SWITCHBOARD_BENCH_PGPORT:-55442}"
prepare_venv
echo "==> building (release)"
swift build -c release --product switchboard
export SWITCHBOARD_BIN="$(swift build -c release --show-bin-path)/switchboard"
.venv/bin/python benchmarks/bench.py "${1:-10}"
.venv/bin/python benchmarks/toolcalls.py "${1:-10}"
.venv/bin/python benchmarks/observability.py "${1:-10}"
