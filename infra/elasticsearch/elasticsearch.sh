#!/usr/bin/env bash
# Local Elasticsearch for the run command and the tests, without Docker.
# The server comes from Maven Central (integ-test-zip), runs on 127.0.0.1 on a free port with a
# small heap, and is stopped by PID. State lives under $ARBITER_STATE (default <repo>/.local). As root, it runs as the
# unprivileged user of infra/bin/part.sh (Elasticsearch refuses root).
#
#   elasticsearch.sh start    fetch if needed, start, wait for health, print the URL
#   elasticsearch.sh stop     stop the server started by this script
#   elasticsearch.sh status   print the URL if running, exit 1 otherwise
#   elasticsearch.sh url      print the URL of the running server
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
state=${ARBITER_STATE:-$root/.local}
dir=$state/elasticsearch
version=$(sed -n 's:.*<elasticsearch.version>\(.*\)</elasticsearch.version>.*:\1:p' "$root/pom.xml")
home=$dir/elasticsearch-$version
pidfile=$dir/es.pid
urlfile=$dir/es.url
heap=${ARBITER_ES_HEAP:-512m}
source "$root/infra/bin/part.sh"

log() { echo "[elasticsearch] $*" >&2; }

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

fetch() {
  [ -x "$home/bin/elasticsearch" ] && return
  log "fetching Elasticsearch $version through Maven"
  rm -rf "$home"
  fetch_zip org.elasticsearch.distribution.integ-test-zip:elasticsearch "$version" "$dir"
}

start() {
  if running; then cat "$urlfile"; return; fi
  fetch
  local http transport jh
  http=${ARBITER_ES_PORT:-$(free_port 9250)}
  transport=$(free_port $((http + 1000)))
  jh=${ES_JAVA_HOME:-$(java_home)}
  mkdir -p "$dir/data" "$dir/logs"
  use_service_user "$dir"
  log "starting on 127.0.0.1:$http (heap $heap, java $jh)"
  rm -f "$pidfile"
  "${as_service_user[@]}" env ES_JAVA_HOME="$jh" ES_JAVA_OPTS="-Xms$heap -Xmx$heap" \
    "$home/bin/elasticsearch" -d -p "$pidfile" \
      -E cluster.name=arbiter-local -E node.name=arbiter-local \
      -E discovery.type=single-node -E network.host=127.0.0.1 \
      -E http.port="$http" -E transport.port="$transport" \
      -E path.data="$dir/data" -E path.logs="$dir/logs" \
      -E cluster.routing.allocation.disk.threshold_enabled=false \
      -E xpack.security.enabled=false \
      > "$dir/logs/startup.out" 2>&1 9>&- || { cat "$dir/logs/startup.out" >&2; exit 1; }
  local url="http://127.0.0.1:$http" i
  for i in $(seq 1 180); do
    if curl -fsS "$url/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
      echo "$url" > "$urlfile"
      log "healthy at $url (pid $(cat "$pidfile"))"
      echo "$url"
      return
    fi
    if [ $i -gt 5 ] && ! running; then
      log "exited during start; last log lines:"; tail -40 "$dir/logs/arbiter-local.log" >&2 || true; exit 1
    fi
    sleep 1
  done
  log "not healthy after 180 s"; exit 1
}

stop() {
  if ! running; then rm -f "$pidfile" "$urlfile"; log "not running"; return; fi
  local pid i; pid=$(cat "$pidfile")
  kill "$pid"
  for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$pidfile" "$urlfile"
  log "stopped (pid $pid)"
}

exclusively "$dir"
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) running && cat "$urlfile" ;;
  url) cat "$urlfile" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
