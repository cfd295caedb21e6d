#!/usr/bin/env bash
# HTTP benchmarks of the server, with wrk (Debian's package), beside the machine's ceilings measured
# in the same run: /healthz (the HTTP stack alone) and single-row SQLite commits with the server's
# settings (WAL, synchronous=NORMAL) and with synchronous=FULL. Starts a release build of
# `sargs serve` on loopback with a fresh data directory (or on PostgreSQL when DATABASE_URL is
# set), seeds subjects, and measures decisions, batch decisions, purpose-bound reads, creates and
# a CRM-like mix; prints each with its ratio to the ceilings. Every run is bounded in time.
# Usage: [SARGS_BIN=path/to/sargs] [DATABASE_URL=postgres://…] bench/http.sh [duration-seconds]
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

if [ -z "${DATABASE_URL:-}" ]; then
  read -r _ normal < <(python3 bench/commit-ceiling.py "$data" 3 | grep NORMAL)
  read -r _ full < <(python3 bench/commit-ceiling.py "$data" 3 | grep FULL)
  echo "ceiling: single-row SQLite commits/s: synchronous=NORMAL $normal, FULL $full"
else
  normal=""; full=""
  echo "storage: PostgreSQL (DATABASE_URL); the SQLite commit ceilings do not apply"
fi

out="$(mktemp)"
# run NAME wrk-arguments…: prints requests/s, p50, p99 and non-2xx, and remembers the rate in $rate.
# Each run is preceded by 2 s of the same load whose numbers are dropped: the first pass after a
# start reads every subject's facts from the database into the cache, a start-up cost rather than
# the steady state (it shows as a p99 of tens of milliseconds when measured cold).
run() {
  local name="$1"; shift
  wrk "$@" -d2s > /dev/null
  wrk --latency "$@" > "$out"
  rate=$(awk '/Requests\/sec/ {print int($2)}' "$out")
  local p50 p99 errors
  p50=$(awk '$1=="50%" {print $2}' "$out"); p99=$(awk '$1=="99%" {print $2}' "$out")
  errors=$(awk '/Non-2xx/ {print $5}' "$out")
  printf "%-52s %8s req/s  p50 %-8s p99 %-8s%s" "$name" "$rate" "$p50" "$p99" "${errors:+  non-2xx $errors}"
}
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }

echo
run "GET /healthz (c32)" -t2 -c32 -d"${duration}s" "http://127.0.0.1:$port/healthz"; healthz=$rate; echo
run "POST /v1/decisions (c32)" -t2 -c32 -d"${duration}s" -s bench/decisions.lua "http://127.0.0.1:$port"
echo "  $(ratio "$rate" "$healthz")x healthz"
run "POST /v1/decisions/batch, 10,000 per request (c2)" -t1 -c2 -d"${duration}s" -s bench/batch.lua "http://127.0.0.1:$port"
echo "  = $((rate * 10000)) decisions/s"
run "GET /v1/subjects/{id}?purpose= (c32)" -t2 -c32 -d"${duration}s" -s bench/reads.lua "http://127.0.0.1:$port"
echo "  $(ratio "$rate" "$healthz")x healthz"
run "POST /v1/subjects, six sealed values (c32)" -t2 -c32 -d"${duration}s" -s bench/subjects.lua "http://127.0.0.1:$port"
if [ -n "$full" ]; then echo "  $(ratio "$rate" "$full")x the FULL commit ceiling, $(ratio "$rate" "$normal")x NORMAL"; else echo; fi
run "CRM mix: 80% reads, 15% consents, 5% creates (c32)" -t2 -c32 -d"${duration}s" -s bench/crm.lua "http://127.0.0.1:$port"
echo "  $(ratio "$rate" "$healthz")x healthz"
rm -f "$out"
