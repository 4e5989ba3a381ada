#!/usr/bin/env bash
# The local Camunda 8 engine as a background process, for the run command (tests start it in-process).
# It speaks the Zeebe gateway gRPC API on 127.0.0.1 in plaintext and keeps its journal and snapshots
# under $ARBITER_STATE (default <repo>/.local)/local-engine, so a restart carries on where it stopped.
#
#   local-engine.sh start    build if needed, start in the background, wait until it listens, print the address
#   local-engine.sh stop     stop the engine started by this script (it snapshots on the way out)
#   local-engine.sh status   print the address if running, exit 1 otherwise
#   local-engine.sh url      print the gRPC address of the running engine
#
# ARBITER_ENGINE_PORT (default 26500, Zeebe's port) and ARBITER_ENGINE_DATA choose the port and directory.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
state=${ARBITER_STATE:-$root/.local}
dir=$state/local-engine
data=${ARBITER_ENGINE_DATA:-$dir/data}
port=${ARBITER_ENGINE_PORT:-26500}
pidfile=$dir/engine.pid
urlfile=$dir/engine.url
logfile=$dir/engine.log
classpath=$here/target/classpath.txt

log() { echo "[local-engine] $*" >&2; }

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

build() {
  if [ -f "$classpath" ] && [ -d "$here/target/classes/dev" ] && [ "$classpath" -nt "$here/pom.xml" ] \
      && [ -z "$(find "$here/src/main" -newer "$classpath" -print -quit)" ]; then
    return
  fi
  log "building the engine"
  mvn -q -B -Dstyle.color=never -f "$root/pom.xml" -pl infra/local-engine compile dependency:build-classpath \
    -Dmdep.outputFile="$classpath" -Dmdep.includeScope=runtime >&2
}

start() {
  if running; then
    log "already running (pid $(cat "$pidfile"))"
    cat "$urlfile"
    return
  fi
  build
  mkdir -p "$dir" "$data"
  rm -f "$urlfile"
  nohup java -cp "$here/target/classes:$(cat "$classpath")" dev.arbiter.localengine.LocalEngineMain \
    --port "$port" --data-dir "$data" >"$logfile" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 120); do
    if grep -q '^LOCAL_ENGINE_GRPC_ADDRESS=' "$logfile" 2>/dev/null; then
      sed -n 's/^LOCAL_ENGINE_GRPC_ADDRESS=//p' "$logfile" | head -1 >"$urlfile"
      log "listening on $(cat "$urlfile") (pid $(cat "$pidfile"), data in $data, log in $logfile)"
      cat "$urlfile"
      return
    fi
    if ! running; then
      log "the engine exited during start-up; its log says:"
      tail -20 "$logfile" >&2
      rm -f "$pidfile"
      exit 1
    fi
    sleep 0.5
  done
  log "the engine did not start within 60 s; see $logfile"
  exit 1
}

stop() {
  if ! running; then
    log "not running"
    rm -f "$pidfile" "$urlfile"
    return
  fi
  pid=$(cat "$pidfile")
  kill "$pid"
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid did not stop within 20 s; killing it (the journal keeps every acknowledged command)"
    kill -9 "$pid"
  fi
  rm -f "$pidfile" "$urlfile"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    if running; then cat "$urlfile"; else log "not running"; exit 1; fi ;;
  url)
    if running; then cat "$urlfile"; else exit 1; fi ;;
  *)
    echo "usage: $0 start|stop|status|url" >&2
    exit 2 ;;
esac
