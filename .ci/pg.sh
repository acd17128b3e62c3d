# Starts a throwaway PostgreSQL cluster in a temp dir on a free port and exports
# DOTSKIT_TEST_PG_URL. Works as root (runs the server as the 'postgres' user).
pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return; }; done
  dirname "$(command -v initdb)"
}
pg_start() {
  local bin port dir
  bin=$(pg_bin)
  port=$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")
  dir=$(mktemp -d /tmp/dotskit-pg.XXXXXX)
  id -u postgres >/dev/null 2>&1 || useradd -r -M postgres
  chown postgres "$dir"
  local as=(runuser -u postgres --)
  [ "$(id -u)" = 0 ] || as=()
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" -l "$dir/log" -w start >/dev/null
  export DOTSKIT_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
  export DOTSKIT_PG_DIR="$dir" DOTSKIT_PG_BIN="$bin"
  echo "PostgreSQL on port $port ($DOTSKIT_TEST_PG_URL)"
}
pg_stop() {
  [ -n "${DOTSKIT_PG_DIR:-}" ] || return 0
  local as=(runuser -u postgres --)
  [ "$(id -u)" = 0 ] || as=()
  "${as[@]}" "$DOTSKIT_PG_BIN/pg_ctl" -D "$DOTSKIT_PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$DOTSKIT_PG_DIR"
}

# Run as a script: `bash .ci/pg.sh start` prints KEY=VALUE lines for the caller;
# `bash .ci/pg.sh stop <dir> <bin>` stops that cluster.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    start) pg_start >&2; printf 'DOTSKIT_TEST_PG_URL=%s\nDOTSKIT_PG_DIR=%s\nDOTSKIT_PG_BIN=%s\n' "$DOTSKIT_TEST_PG_URL" "$DOTSKIT_PG_DIR" "$DOTSKIT_PG_BIN" ;;
    stop) DOTSKIT_PG_DIR=$2 DOTSKIT_PG_BIN=$3 pg_stop ;;
    *) echo "usage: pg.sh start|stop <dir> <bin>" >&2; exit 2 ;;
  esac
fi
