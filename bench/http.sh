#!/usr/bin/env bash
# HTTP benchmarks of the server on the embedded SQLite default, with wrk (Debian's package).
# Starts a release build of `sargs serve` on loopback with a fresh data directory, seeds
# subjects, and measures /healthz, POST /v1/decisions, POST /v1/decisions/batch and
# POST /v1/subjects. Every run is bounded in time and stops by itself.
# Usage: [SARGS_BIN=path/to/sargs] bench/http.sh [duration-seconds]   (results: paste into docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

# SARGS_BIN: an already built release binary (e.g. of an older commit, for before/after runs).
if [ -n "${SARGS_BIN:-}" ]; then
  bin="$SARGS_BIN"
else
  swift build -c release --product sargs >/dev/null
  bin="$(swift build -c release --show-bin-path)/sargs"
fi
data="$(mktemp -d)"
port=18080
policy=examples/coral-club.yaml
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$data"' EXIT

export SARGS_KEY="$("$bin" keys create --role admin --data-dir "$data" --policy "$policy" | grep '^sargs_')"
"$bin" serve --data-dir "$data" --policy "$policy" --port "$port" >/dev/null 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

echo "seeding 1000 subjects with contracts and consents…"
python3 bench/seed.py "$port" "$SARGS_KEY" "${TMPDIR:-/tmp}/sargs-bench-ids" /tmp/sargs-bench-batch.json
export SUBJECTS="$(cat "${TMPDIR:-/tmp}/sargs-bench-ids")"
export BATCH_FILE=/tmp/sargs-bench-batch.json

run() { echo; echo "== $1"; shift; wrk --latency "$@" | grep -E "Requests/sec|Latency  |  50%|  99%|Non-2xx|requests in"; }
run "GET /healthz" -t2 -c32 -d"${duration}s" "http://127.0.0.1:$port/healthz"
run "POST /v1/decisions" -t2 -c32 -d"${duration}s" -s bench/decisions.lua "http://127.0.0.1:$port"
run "POST /v1/decisions/batch (10,000 subjects per request)" -t1 -c2 -d"${duration}s" -s bench/batch.lua "http://127.0.0.1:$port"
run "POST /v1/subjects (six sealed values)" -t2 -c16 -d"${duration}s" -s bench/subjects.lua "http://127.0.0.1:$port"
