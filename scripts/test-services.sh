#!/usr/bin/env bash
# Starts the servers the tests talk to, on loopback, unless the environment already names them:
#   YTA_TEST_POSTGRES  a PostgreSQL server (Npgsql connection string, no database)
#   YTA_TEST_REDIS     a Redis server (StackExchange.Redis configuration string, e.g. 127.0.0.1:6379)
# Sourced by scripts/test.sh; everything it starts is stopped by stop_test_services.
# Needs the PostgreSQL 15 binaries (on this machine kind; `apt-get install postgresql` elsewhere) and redis-server
# (`apt-get install redis-server`; scripts/test-prerequisites.sh installs both when run as root).

YTA_SERVICES_DIR=""

# A port nothing listens on: a connection to it is refused.
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi
}

start_test_services() {
  YTA_SERVICES_DIR=$(mktemp -d /tmp/yta-services.XXXXXX)
  chmod 755 "$YTA_SERVICES_DIR"
  if [ -z "${YTA_TEST_POSTGRES:-}" ]; then
    local pgbin port
    pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
      echo "PostgreSQL binaries not found (apt-get install postgresql); PostgreSQL tests will fail" >&2
      return 0
    fi
    port=$(free_port)
    mkdir -p "$YTA_SERVICES_DIR/pg"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$YTA_SERVICES_DIR/pg"
    as_postgres "$pgbin/initdb -D $YTA_SERVICES_DIR/pg/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
    as_postgres "$pgbin/pg_ctl -D $YTA_SERVICES_DIR/pg/data -l $YTA_SERVICES_DIR/pg/server.log -w -t 30 start \
      -o \"-c listen_addresses=127.0.0.1 -p $port -k $YTA_SERVICES_DIR/pg -c max_connections=300 -c fsync=off\" >/dev/null"
    export YTA_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
    YTA_PG_BIN=$pgbin
    echo "PostgreSQL for tests on 127.0.0.1:$port"
  fi
  if [ -z "${YTA_TEST_REDIS:-}" ]; then
    if ! command -v redis-server >/dev/null 2>&1; then
      echo "redis-server not found (apt-get install redis-server); Redis tests will fail" >&2
    else
      local rport
      rport=$(free_port)
      mkdir -p "$YTA_SERVICES_DIR/redis"
      redis-server --bind 127.0.0.1 --port "$rport" --save "" --appendonly no --dir "$YTA_SERVICES_DIR/redis" \
        --logfile "$YTA_SERVICES_DIR/redis/server.log" &
      YTA_REDIS_PID=$!
      for _ in $(seq 1 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$rport") 2>/dev/null && break
        sleep 0.1
      done
      export YTA_TEST_REDIS="127.0.0.1:$rport"
      echo "Redis for tests on 127.0.0.1:$rport"
    fi
  fi
}

stop_test_services() {
  if [ -n "${YTA_REDIS_PID:-}" ]; then
    kill "$YTA_REDIS_PID" 2>/dev/null || true
    wait "$YTA_REDIS_PID" 2>/dev/null || true
  fi
  if [ -n "${YTA_PG_BIN:-}" ]; then
    as_postgres "$YTA_PG_BIN/pg_ctl -D $YTA_SERVICES_DIR/pg/data -m immediate stop >/dev/null" || true
  fi
  [ -n "$YTA_SERVICES_DIR" ] && rm -rf "$YTA_SERVICES_DIR"
}
