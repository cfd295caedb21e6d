#!/usr/bin/env bash
# Profiles a release server under wrk load: perf samples the server for 8 s while wrk -c32 runs
# a bench/*.lua script (default reads.lua, the purpose-bound read). Then:
#   perf report -i /tmp/sargs-reads.perf --children --sort symbol --stdio -g none | head -60
# Usage: [SARGS_BIN=path] bench/profile.sh [perf-output] [script.lua]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${SARGS_BIN:-.build/release/sargs}"; data=$(mktemp -d); port=18090; policy=examples/coral-club.yaml; out="${1:-/tmp/sargs-reads.perf}"; script="bench/${2:-reads.lua}"
export SARGS_KEY="$("$bin" keys create --role admin --data-dir "$data" --policy "$policy" | grep '^sargs_')"
SARGS_RETENTION_SCHEDULE=off "$bin" serve --data-dir "$data" --policy "$policy" --port "$port" >/dev/null 2>&1 & server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
python3 bench/seed.py "$port" "$SARGS_KEY" "$data/ids"
export SUBJECTS="$(cat "$data/ids")"
wrk -t2 -c32 -d4s -s "$script" "http://127.0.0.1:$port" >/dev/null
perf record -e cpu-clock -F 2000 -g -p $server -o "$out" -- sleep 8 >/dev/null 2>&1 &
perfpid=$!
wrk -t2 -c32 -d8s --latency -s "$script" "http://127.0.0.1:$port" | grep -E "Requests/sec|99%"
wait $perfpid || true
