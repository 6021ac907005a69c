# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for tests and benchmarks, and
# stops it when the calling script exits. Source it, then call start_postgres PORT;
# it exports SWITCHBOARD_TEST_POSTGRES_URL. Installs Debian's postgresql if missing.

start_postgres() {
  local port=$1
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "==> installing postgresql"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PGWORK=$(mktemp -d /tmp/switchboard-pg.XXXXXX)
  chmod 755 "$PGWORK"
  if [ "$(id -u)" = 0 ]; then chown postgres "$PGWORK"; fi
  trap stop_postgres EXIT
  echo "==> starting PostgreSQL on 127.0.0.1:$port"
  as_postgres "$PGBIN/initdb" -D "$PGWORK/data" -U switchboard --auth=trust >/dev/null
  as_postgres "$PGBIN/pg_ctl" -D "$PGWORK/data" -l "$PGWORK/postgres.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PGWORK -c fsync=off -c max_connections=300" start >/dev/null
  export SWITCHBOARD_TEST_POSTGRES_URL="postgres://switchboard@127.0.0.1:$port/postgres?sslmode=disable"
}

stop_postgres() {
  as_postgres "$PGBIN/pg_ctl" -D "$PGWORK/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGWORK"
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# The Python side (contract tests, stand-ins, benchmarks) in .venv.
prepare_venv() {
  python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || {
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  }
  if [ ! -x .venv/bin/pytest ] || ! cmp -s contract/requirements.txt .venv/.requirements; then
    echo "==> preparing .venv"
    python3 -m venv .venv
    .venv/bin/pip install -q --upgrade pip >/dev/null
    .venv/bin/pip install -q -r contract/requirements.txt
    cp contract/requirements.txt .venv/.requirements
  fi
}
