#!/usr/bin/env bash
# Cold start: seconds from `npm start` to the first byte of the home page, on an empty data directory (so the
# demo portal is loaded and the first admin created), after `npm install`. Needs curl and bc.
#   bench/cold-start.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
port=3987
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
for run in $(seq 1 "$runs"); do
  rm -rf "$data"/*
  start=$(date +%s.%N)
  GAZETTE_DATA_DIR="$data" npm start --silent -- --port "$port" > /dev/null 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${port}/" 2>/dev/null)" = 200 ]; do sleep 0.05; done
  end=$(date +%s.%N)
  printf 'run %d: first byte after npm start: %.2f s\n' "$run" "$(echo "$end - $start" | bc)"
  kill "$pid" 2>/dev/null || true
  pkill -f "main.js start --port ${port}" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done
