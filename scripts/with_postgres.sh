#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 cluster, then stops and removes it
# (also when the command fails or is interrupted):
#
#   bash scripts/with_postgres.sh .venv/bin/python -m pytest
#
# The cluster lives in a temporary folder, runs as the `postgres` user (created if missing)
# on a free port of 127.0.0.1 and is reached through DATABASE_URL, which the example's and
# the tests' settings read. Durability is off: it is for tests, never for data.
set -euo pipefail

PG_VERSION="${PG_VERSION:-15}"
PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"
PG_DB=advocacy
PG_DATA=""
PG_PORT=""

as_postgres() {
    # From / so that postgres never trips over a working directory it cannot read.
    (cd / && runuser -u postgres -- "$@")
}

stop_postgres() {
    if [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]]; then
        echo "Stopping PostgreSQL (port $PG_PORT)"
        as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null || true
    fi
    if [[ -n "$PG_DATA" && -d "$PG_DATA" ]]; then
        rm -rf "$PG_DATA"
    fi
}
trap stop_postgres EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ $# -eq 0 ]]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi
if [[ ! -x "$PG_BIN/initdb" || ! -x "$PG_BIN/pg_ctl" ]]; then
    echo "PostgreSQL $PG_VERSION binaries not found in $PG_BIN: installing postgresql-$PG_VERSION"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "postgresql-$PG_VERSION" >/dev/null
fi
if ! id postgres >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

# A free port on 127.0.0.1, starting from 54329.
for candidate in $(seq 54329 54399); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
        PG_PORT=$candidate
        break
    fi
done
if [[ -z "$PG_PORT" ]]; then
    echo "ERROR: no free port between 54329 and 54399" >&2
    exit 1
fi

PG_DATA=$(mktemp -d /tmp/advocacy-pg.XXXXXX)
chown postgres: "$PG_DATA"
chmod 700 "$PG_DATA"
if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
    PG_LOCALE=(--locale=C.UTF-8)
else
    PG_LOCALE=(--no-locale)
fi
as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 \
    "${PG_LOCALE[@]}" --no-sync >/dev/null
echo "Starting PostgreSQL $PG_VERSION on 127.0.0.1:$PG_PORT ($PG_DATA)"
if ! as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null; then
    echo "ERROR: PostgreSQL did not start; its log:" >&2
    cat "$PG_DATA/server.log" >&2 || true
    exit 1
fi
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$PG_DB"
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$PG_DB" -Atc "SELECT version()"

export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/$PG_DB"
status=0
"$@" || status=$?
exit "$status"
