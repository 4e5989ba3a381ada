# Sourced by the local part scripts (infra/elasticsearch, infra/postgres, ...): shared helpers.

# Prints the first port from $1 on that nothing listens on 127.0.0.1.
free_port() {
  local p
  for p in $(seq "$1" "$(($1 + 200))"); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  echo "no free port from $1" >&2; return 1
}

# Usage: fetch_zip GROUP:ARTIFACT VERSION DIR — a server distribution from Maven Central, unpacked in DIR.
fetch_zip() {
  local coordinates=$1 version=$2 dir=$3 artifact=${1#*:}
  mkdir -p "$dir"
  mvn -q -B -f "$root/pom.xml" -N dependency:copy \
    -Dartifact="$coordinates:$version:zip" -DoutputDirectory="$dir" -Dmdep.overWriteIfNewer=true >&2
  unzip -q -o "$dir/$artifact-$version.zip" -d "$dir"
  rm -f "$dir/$artifact-$version.zip"
}

# The Java to run a server with: JAVA_HOME, else the java on the PATH.
java_home() {
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME"; return; fi
  dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}

# Elasticsearch and PostgreSQL refuse to run as root: as root, they run as an unprivileged system user
# that owns their directory.
service_user=${ARBITER_SERVICE_USER:-arbiter}
as_service_user=()

# Usage: use_service_user DIR — prepares DIR for the service user (when root) and sets as_service_user.
use_service_user() {
  local dir=$1 up
  [ "$(id -u)" = 0 ] || return 0
  id "$service_user" >/dev/null 2>&1 ||
    useradd --system --no-create-home --shell /usr/sbin/nologin "$service_user"
  chown -R "$service_user" "$dir"
  # The service user must be able to walk down to DIR.
  up=$(dirname "$dir")
  while [ "$up" != / ]; do chmod o+x "$up" 2>/dev/null || true; up=$(dirname "$up"); done
  as_service_user=(runuser -u "$service_user" --)
}

# Usage: exclusively DIR — one start or stop at a time per part, even from parallel builds.
exclusively() {
  mkdir -p "$1"
  exec 9>"$1/.lock"
  flock -w 300 9 || { echo "another start or stop of $1 did not finish in 300 s" >&2; exit 1; }
}
