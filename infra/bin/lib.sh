# Shared by infra/bin/run and infra/bin/test: where things are, and the local parts they start.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export ARBITER_STATE=${ARBITER_STATE:-$root/.local}
mkdir -p "$ARBITER_STATE"
started=()

say() { echo "[arbiter] $*" >&2; }

# Starts a local part through its script unless the environment already points at one; remembers it for stop_all.
start_part() {
  local name=$1 script=$2 var=$3 url
  if [ -n "${!var:-}" ]; then say "$name: using $var=${!var}"; return; fi
  # A part that was already running stays running afterwards.
  "$script" status >/dev/null 2>&1 || started+=("$script")
  url=$("$script" start)
  export "$var=$url"
  say "$name: $url"
}

stop_all() {
  local i
  for ((i = ${#started[@]} - 1; i >= 0; i--)); do "${started[$i]}" stop || true; done
  started=()
}
