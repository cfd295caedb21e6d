#!/usr/bin/env bash
# Before/after HTTP comparison of two release binaries on the embedded SQLite default: starts
# both servers side by side (each with its own data directory and 1,000 seeded subjects), then
# runs wrk against each endpoint (default POST /v1/decisions and POST /v1/subjects) on each in turn, alternating A and B
# `rounds` times so the machine's drift hits both alike. Prints each round and the medians.
# Usage: [AB_ENDPOINTS="reads:32 subjects:32 crm:32"] bench/ab.sh BINARY_A BINARY_B [rounds] [seconds]
# (script:connections pairs from bench/*.lua; default "decisions:32 subjects:16"; loopback only; bounded in time)
set -euo pipefail
cd "$(dirname "$0")/.."
a="$1"; b="$2"; rounds="${3:-5}"; seconds="${4:-5}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
policy=examples/coral-club.yaml
work="$(mktemp -d)"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT

start() {  # name binary port
  local dir="$work/$1"; mkdir -p "$dir"
  "$2" keys create --role admin --data-dir "$dir" --policy "$policy" 2>/dev/null | grep '^sargs_' > "$dir/key"
  "$2" serve --data-dir "$dir" --policy "$policy" --port "$3" >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$3/healthz" >/dev/null && break; sleep 0.1; done
  python3 bench/seed.py "$3" "$(cat "$dir/key")" "$dir/ids"
}

rate() {  # name port script connections
  SARGS_KEY="$(cat "$work/$1/key")" SUBJECTS="$(cat "$work/$1/ids")" \
    wrk -t2 -c"$4" -d"${seconds}s" -s "bench/$3" "http://127.0.0.1:$2" | awk '/Requests\/sec/ {print $2}'
}

start A "$a" 18081
start B "$b" 18082
# Warm both up (caches, connection pools, SQLite pages) before anything is counted.
seconds_saved="$seconds"; seconds=2
rate A 18081 decisions.lua 32 >/dev/null; rate B 18082 decisions.lua 32 >/dev/null
seconds="$seconds_saved"
for endpoint in ${AB_ENDPOINTS:-decisions:32 subjects:16}; do
  script="${endpoint%%:*}.lua"; connections="${endpoint##*:}"
  ra=(); rb=()
  for round in $(seq 1 "$rounds"); do
    ra+=("$(rate A 18081 "$script" "$connections")"); rb+=("$(rate B 18082 "$script" "$connections")")
    echo "$script round $round: A ${ra[-1]} req/s, B ${rb[-1]} req/s"
  done
  python3 -c "import statistics,sys; a=[float(x) for x in sys.argv[1].split()]; b=[float(x) for x in sys.argv[2].split()]; \
print(f'$script median: A {statistics.median(a):.0f} req/s, B {statistics.median(b):.0f} req/s, B/A {statistics.median(b)/statistics.median(a):.2f}')" \
    "${ra[*]}" "${rb[*]}"
done
