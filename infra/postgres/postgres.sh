#!/usr/bin/env bash
# Local PostgreSQL for the run command and the tests, without Docker: Debian's postgresql server
# binaries, a cluster of our own under $ARBITER_STATE (default <repo>/.local), on 127.0.0.1 on a free
# port, stopped by pg_ctl. As root it runs as the unprivileged user of infra/bin/part.sh.
#
#   postgres.sh start    init if needed, start, create the database, print the JDBC URL
#   postgres.sh stop     stop the server started by this script
#   postgres.sh status   print the JDBC URL if running, exit 1 otherwise
#   postgres.sh url      print the JDBC URL of the running server
# Database, user and password are all "arbiter" (ARBITER_DB_NAME / _USER / _PASSWORD to change).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
state=${ARBITER_STATE:-$root/.local}
dir=$state/postgres
data=$dir/data
urlfile=$dir/pg.url
db=${ARBITER_DB_NAME:-arbiter}
user=${ARBITER_DB_USER:-arbiter}
password=${ARBITER_DB_PASSWORD:-arbiter}
source "$root/infra/bin/part.sh"

log() { echo "[postgres] $*" >&2; }

bin_dir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$found" ]; then
    log "PostgreSQL server binaries not found: apt-get install postgresql"; exit 1
  fi
  echo "$found"
}

pg() { "${as_service_user[@]}" "$(bin_dir)/$1" "${@:2}"; }

running() { [ -f "$data/postmaster.pid" ] && pg pg_ctl -D "$data" status >/dev/null 2>&1; }

start() {
  if running; then cat "$urlfile"; return; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initialising a cluster in $data"
    local pwfile=$dir/.pw
    printf '%s' "$password" > "$pwfile"
    use_service_user "$dir"
    pg initdb -D "$data" -U "$user" --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
  fi
  local port; port=${ARBITER_DB_PORT:-$(free_port 5440)}
  log "starting on 127.0.0.1:$port"
  pg pg_ctl -D "$data" -l "$dir/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=on" start >/dev/null 9>&- ||
    { tail -20 "$dir/postgres.log" >&2; exit 1; }
  if ! PGPASSWORD=$password psql -h 127.0.0.1 -p "$port" -U "$user" -d postgres -tAc \
      "select 1 from pg_database where datname = '$db'" | grep -q 1; then
    PGPASSWORD=$password psql -h 127.0.0.1 -p "$port" -U "$user" -d postgres -qc "create database \"$db\""
  fi
  local url="jdbc:postgresql://127.0.0.1:$port/$db"
  echo "$url" > "$urlfile"
  log "ready at $url (user $user)"
  echo "$url"
}

stop() {
  if ! running; then rm -f "$urlfile"; log "not running"; return; fi
  pg pg_ctl -D "$data" -m fast -w stop >/dev/null
  rm -f "$urlfile"
  log "stopped"
}

exclusively "$dir"
mkdir -p "$dir"
use_service_user "$dir"

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) running && cat "$urlfile" ;;
  url) cat "$urlfile" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
