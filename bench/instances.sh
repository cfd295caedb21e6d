#!/usr/bin/env bash
# Aggregate create throughput of N `sargs serve` instances on one PostgreSQL, against one
# instance: a fresh database per run, the same master key for all, and wrk driving creates
# (six sealed values) at every instance at once, 32 connections in all, for the given seconds.
# Usage: DATABASE_URL=postgres://user:pass@host:port/db?tlsmode=disable [SARGS_BIN=path] bench/instances.sh [seconds]
#   (DATABASE_URL names a server and a database the user may CREATE DATABASE from; each run
#    makes and drops its own database beside it)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
bin="${SARGS_BIN:-$(swift build -c release --show-bin-path)/sargs}"
policy=examples/coral-club.yaml
base="${DATABASE_URL:?set DATABASE_URL to a PostgreSQL the user may create databases on}"
psql_url() { python3 -c "import sys,urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(query='', path='/'+sys.argv[2])))" "$base" "$1"; }
with_db() { python3 -c "import sys,urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path='/'+sys.argv[2])))" "$base" "$1"; }
admin_db="$(python3 -c "import sys,urllib.parse as u; print(u.urlsplit(sys.argv[1]).path.lstrip('/'))" "$base")"

measure() {  # instances
  local n="$1" name="sargs_bench_$$_$1" data pids=() total=0
  data="$(mktemp -d)"
  psql "$(psql_url "$admin_db")" -qc "CREATE DATABASE $name" >/dev/null
  export DATABASE_URL="$(with_db "$name")" SARGS_MASTER_KEY="$(head -c 32 /dev/urandom | base64)" SARGS_RETENTION_SCHEDULE=off
  "$bin" migrate --data-dir "$data" --policy "$policy" >/dev/null
  export SARGS_KEY="$("$bin" keys create --role admin --data-dir "$data" --policy "$policy" | grep '^sargs_')"
  for i in $(seq 1 "$n"); do
    "$bin" serve --data-dir "$data" --policy "$policy" --port $((18300 + i)) >/dev/null 2>&1 & pids+=($!)
  done
  for i in $(seq 1 "$n"); do
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$((18300 + i))/healthz" >/dev/null && break; sleep 0.1; done
  done
  local outs=() drivers=()
  for i in $(seq 1 "$n"); do
    outs+=("$data/wrk-$i")
    wrk -t1 -c$((32 / n)) -d"${seconds}s" -s bench/subjects.lua "http://127.0.0.1:$((18300 + i))" > "$data/wrk-$i" & drivers+=($!)
  done
  wait "${drivers[@]}"
  for out in "${outs[@]}"; do
    total=$(python3 -c "print($total + float('$(awk '/Requests\/sec/ {print $2}' "$out")'))")
  done
  kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true
  psql "$(psql_url "$admin_db")" -qc "DROP DATABASE $name WITH (FORCE)" >/dev/null
  rm -rf "$data"
  printf "%d instance(s): %.0f creates/s in all\n" "$n" "$total"
  rate="$total"
}

measure 1; one="$rate"
measure 3; three="$rate"
python3 -c "print(f'3 instances / 1 instance: {$three / $one:.2f}x')"
