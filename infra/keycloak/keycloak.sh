#!/usr/bin/env bash
# Local Keycloak for the run command and the end-to-end tests, without Docker.
# The server comes from Maven Central (keycloak-quarkus-dist), runs in dev mode on 127.0.0.1 with
# the arbiter realm imported, and is stopped by PID. State lives under $ARBITER_STATE
# (default <repo>/.local). Everything uses the host 127.0.0.1, because the token issuer contains
# the host used to reach Keycloak: http://127.0.0.1:<port>/realms/arbiter.
#
#   keycloak.sh start    fetch if needed, start, wait for /health/ready, print the URL
#   keycloak.sh stop     stop the server started by this script
#   keycloak.sh status   print the URL if running, exit 1 otherwise
#   keycloak.sh url      print the URL of the running server
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
state=${ARBITER_STATE:-$root/.local}
dir=$state/keycloak
version=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$root/pom.xml")
home=$dir/keycloak-$version
realm_file=$here/realm-arbiter.json
pidfile=$dir/keycloak.pid
urlfile=$dir/keycloak.url
heap=${ARBITER_KEYCLOAK_HEAP:-512m}
admin_user=${ARBITER_KEYCLOAK_ADMIN:-admin}
admin_password=${ARBITER_KEYCLOAK_ADMIN_PASSWORD:-admin}
source "$root/infra/bin/part.sh"

log() { echo "[keycloak] $*" >&2; }

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

fetch() {
  [ -x "$home/bin/kc.sh" ] && return
  log "fetching Keycloak $version through Maven"
  rm -rf "$home"
  fetch_zip org.keycloak:keycloak-quarkus-dist "$version" "$dir"
}

# --import-realm skips a realm that already exists, so a changed realm file needs a fresh H2.
prepare_data() {
  local sum; sum=$(sha256sum "$realm_file" | cut -d' ' -f1)
  if [ "$(cat "$dir/realm.sha256" 2>/dev/null)" != "$sum" ]; then
    log "realm file new or changed: fresh H2 database"
    rm -rf "$home/data/h2"
  fi
  # start-dev imports every realm file found in <home>/data/import.
  mkdir -p "$home/data/import"
  cp "$realm_file" "$home/data/import/realm-arbiter.json"
  echo "$sum" > "$dir/realm.sha256"
}

start() {
  if running; then
    if [ "$(cat "$dir/realm.sha256" 2>/dev/null)" != "$(sha256sum "$realm_file" | cut -d' ' -f1)" ]; then
      log "realm file changed since this server started: stop and start again to re-import it"
    fi
    cat "$urlfile"; return
  fi
  fetch
  prepare_data
  local http management jh
  http=${ARBITER_KEYCLOAK_PORT:-$(free_port 8180)}
  management=$(free_port $((http + 1000)))
  jh=$(java_home)
  mkdir -p "$dir/logs"
  log "starting on 127.0.0.1:$http (management $management, heap $heap, java $jh)"
  rm -f "$pidfile" "$urlfile"
  # setsid: the server outlives the calling shell (and a test JVM that started it).
  JAVA_HOME="$jh" JAVA_OPTS_KC_HEAP="-Xms64m -Xmx$heap" \
    KC_BOOTSTRAP_ADMIN_USERNAME="$admin_user" KC_BOOTSTRAP_ADMIN_PASSWORD="$admin_password" \
    setsid "$home/bin/kc.sh" start-dev \
      --import-realm \
      --http-host=127.0.0.1 --http-port="$http" \
      --http-management-port="$management" \
      --hostname="http://127.0.0.1:$http" --health-enabled=true \
      --cache=local --log=file --log-file="$dir/logs/keycloak.log" \
      > "$dir/logs/startup.out" 2>&1 < /dev/null &
  echo $! > "$pidfile"
  local url="http://127.0.0.1:$http" i
  for i in $(seq 1 240); do
    if curl -fsS "http://127.0.0.1:$management/health/ready" >/dev/null 2>&1 \
        && curl -fsS "$url/realms/arbiter/.well-known/openid-configuration" >/dev/null 2>&1; then
      echo "$url" > "$urlfile"
      log "ready at $url (pid $(cat "$pidfile"), issuer $url/realms/arbiter)"
      echo "$url"
      return
    fi
    if ! running; then
      log "exited during start; last log lines:"
      tail -40 "$dir/logs/startup.out" "$dir/logs/keycloak.log" >&2 2>/dev/null || true
      rm -f "$pidfile"; exit 1
    fi
    sleep 1
  done
  log "not ready after 240 s; stopping it (see $dir/logs)"; stop; exit 1
}

stop() {
  if ! running; then rm -f "$pidfile" "$urlfile"; log "not running"; return; fi
  local pid i; pid=$(cat "$pidfile")
  # The PID is kc.sh, which forwards TERM to its java child (or has exec'd java). setsid made
  # the PID its own process group, so a server that ignores TERM is killed with its group.
  kill "$pid"
  for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid"; fi
  rm -f "$pidfile" "$urlfile"
  log "stopped (pid $pid)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) running && cat "$urlfile" ;;
  url) cat "$urlfile" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
