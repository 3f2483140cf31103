#!/usr/bin/env bash
# sqlmap against a Gazette started here on loopback, on SQLite and on PostgreSQL: every public parameter, the
# sign-in body and the admin list filters (signed in as an editor). Not part of CI (it takes minutes); see
# README.md next to this script.
#   bench/security/sqlmap.sh [sqlite|postgres|both] [level 1-5] [risk 1-3]
# Needs: sqlmap (Debian package `sqlmap`), curl, jq, a built Gazette (npm run build), and for PostgreSQL a
# server at GAZETTE_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) where it may
# create and drop a database.
set -euo pipefail
cd "$(dirname "$0")/../.."

which="${1:-both}"
level="${2:-3}"
risk="${3:-2}"
admin_url="${GAZETTE_BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
port="${GAZETTE_BENCH_PORT:-3991}"
base="http://127.0.0.1:${port}"
out="${GAZETTE_SQLMAP_OUT:-${TMPDIR:-/tmp}/gazette-sqlmap}"
password='Lanjiang-river-bench-4417'
new_password='Qingchuan-harbour-bench-5528'

command -v sqlmap > /dev/null || { echo "sqlmap is not installed (apt-get install sqlmap)" >&2; exit 2; }
[ -f dist/cli/main.js ] || { echo "build first: npm run build" >&2; exit 2; }
mkdir -p "$out"

server_pid=''
data=''
database=''
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2> /dev/null || true; wait "$server_pid" 2> /dev/null || true; fi
  [ -n "$data" ] && rm -rf "$data"
  if [ -n "$database" ]; then psql -q "$admin_url" -c "DROP DATABASE IF EXISTS ${database} WITH (FORCE)" || true; fi
  server_pid=''
  data=''
  database=''
}
trap cleanup EXIT

gazette() { node dist/cli/main.js "$@" --data-dir "$data" ${database:+--database "${admin_url%/*}/${database}"}; }

run_one() {
  local kind="$1" dbms="$2"
  data="$(mktemp -d)"
  if [ "$kind" = postgres ]; then
    database="gz_sqlmap_$$"
    psql -q "$admin_url" -c "CREATE DATABASE ${database}"
  fi
  gazette demo > /dev/null
  printf '%s' "$password" | gazette user add sqlmapeditor --name 'sqlmap 编辑' --role editor@1 --password-stdin > /dev/null
  # Behind a trusted proxy on loopback, so that the tamper script's random X-Forwarded-For keeps each request
  # clear of the per-address search throttle.
  GAZETTE_TRUST_PROXY=true GAZETTE_LOG_LEVEL=warn gazette start --port "$port" --no-demo > "$out/server-${kind}.log" 2>&1 &
  server_pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "${base}/" 2> /dev/null)" = 200 ]; do sleep 0.2; done

  # Sign in as the editor and change the one-time password, as a person would.
  local jar="$data/cookies" csrf
  csrf="$(curl -s -c "$jar" -H 'content-type: application/json' \
    -d "{\"username\":\"sqlmapeditor\",\"password\":\"${password}\"}" "${base}/admin/api/session" | jq -r .csrfToken)"
  curl -s -b "$jar" -c "$jar" -H 'content-type: application/json' -H "x-csrf-token: ${csrf}" \
    -d "{\"oldPassword\":\"${password}\",\"newPassword\":\"${new_password}\"}" "${base}/admin/api/session/password" > /dev/null
  local session
  session="$(awk '$6 == "gz_session" { print $7 }' "$jar")"
  csrf="$(curl -s -b "gz_session=${session}" "${base}/admin/api/session" | jq -r .csrfToken)"

  local article tag column
  article="$(curl -s "${base}/" | grep -o 'href="/[a-z/]*/[0-9]\{6\}/t[0-9_]*\.html"' | head -1 | cut -d'"' -f2)"
  column="$(echo "$article" | cut -d/ -f2)"
  tag="$(curl -s "${base}${article}" | grep -o 'href="/tags/[^"]*/"' | head -1 | cut -d/ -f3)"

  local common=(--batch --flush-session --level "$level" --risk "$risk" --dbms "$dbms" --threads 4
    --tamper xforwardedfor --skip-waf --ignore-code 401,404 --output-dir "$out/sqlmap-${kind}" --disable-coloring)
  local targets=(
    "${base}/api/search?q=%E6%94%BF%E5%BA%9C&column=${column}&from=2026-01-01&to=2026-12-31&source=x&sort=date&page=1"
    "${base}/search?q=%E6%94%BF%E5%BA%9C&column=${column}&page=1"
    "${base}/tags/${tag}*/"
    "${base}/series/x*/"
    "${base}/${column}/page/2*/"
    "${base}/_prefs?elder=1&back=/"
  )
  local report="$out/sqlmap-${kind}.txt"
  : > "$report"
  for target in "${targets[@]}"; do
    echo "== ${target}" | tee -a "$report"
    sqlmap "${common[@]}" -u "$target" 2>&1 | grep -E 'injectable|might be|appears|not injectable|all tested|CRITICAL|WARNING.*(heuristic|dynamic)' | tee -a "$report" || true
  done
  echo "== sign-in body" | tee -a "$report"
  sqlmap "${common[@]}" -u "${base}/admin/api/session" --method POST \
    --data '{"username":"nobody-here","password":"x"}' --headers 'Content-Type: application/json' \
    2>&1 | grep -E 'injectable|might be|appears|not injectable|all tested|CRITICAL' | tee -a "$report" || true
  for path in "/admin/api/articles?siteId=1&title=x&status=draft&page=1" "/admin/api/media?siteId=1&q=x&page=1"; do
    echo "== ${path} (signed in)" | tee -a "$report"
    sqlmap "${common[@]}" -u "${base}${path}" --cookie "gz_session=${session}" --headers "x-csrf-token: ${csrf}" \
      2>&1 | grep -E 'injectable|might be|appears|not injectable|all tested|CRITICAL' | tee -a "$report" || true
  done
  if grep -qE "parameter '.*' is (vulnerable|injectable)|appears to be .*injectable" "$report"; then
    echo "${kind}: sqlmap reports an injection (see ${report})"
    found=1
  else
    echo "${kind}: sqlmap found no injection (${report})"
  fi
  cleanup
}

found=0
case "$which" in
  sqlite) run_one sqlite SQLite ;;
  postgres) run_one postgres PostgreSQL ;;
  both) run_one sqlite SQLite; run_one postgres PostgreSQL ;;
  *) echo "usage: $0 [sqlite|postgres|both] [level] [risk]" >&2; exit 2 ;;
esac
exit "$found"
