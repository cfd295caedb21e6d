#!/usr/bin/env bash
# Real-size HTTP benchmark (issue 22): the server's endpoints over a working set of COUNT imported
# Coral Club customers (default 1,000,000 on the embedded SQLite default; 200,000 on PostgreSQL when
# DATABASE_URL is set), each with three sealed values, an open customer relationship and a
# marketing consent. Subjects are picked uniformly at random from all of them (bench/realsize.lua).
#
# Seeded once and reused: the import file is made by bench/realsize-seed.py, imported with
# `sargs subjects import` into $SARGS_BENCH_DIR/<sqlite|postgres>-COUNT/ (PostgreSQL: into a
# database sargs_realsize_COUNT beside the one DATABASE_URL names, whose user must be allowed to
# create databases), and the subjects' ids are written beside it. Each run works on a copy (the
# data directory copied; on PostgreSQL a database made from the seeded one as its template), so
# the writes of one run never reach the next; the copy is deleted at the end.
#
# Measured, every wrk run bounded by -d and --timeout 2s, 2 threads and CONNECTIONS (32) connections:
#   GET /healthz (the HTTP stack alone, the ratios' reference), and on SQLite the single-row
#     commit ceilings (bench/commit-ceiling.py) on the same disk;
#   decisions by id, decisions by e-mail address and purpose-bound reads, each first COLD (5) s
#     right after a restart (the server's caches empty; the operating system's page cache is not
#     dropped, unless SARGS_BENCH_DROP_CACHES=1 and the machine allows it), then warm: WARMUP (3) s
#     of the same load dropped, then DURATION s measured;
#   consent writes, subject creation and access requests, each WARMUP s dropped, then DURATION s.
# For each: requests/s, p50, p99, non-2xx answers, wrk's timeouts and the ratio to /healthz; the
# server's VmRSS and VmHWM after each phase. Ends with a markdown table for docs/benchmarks.md.
# A run with non-2xx answers is followed by a 1 s check of the same load that prints the statuses
# and the first error body. The server's log is kept in $SARGS_BENCH_DIR/last-server.log.
#
# Usage: [SARGS_BIN=path] [DATABASE_URL=postgres://…] [SARGS_BENCH_DIR=/tmp/sargs-realsize]
#        [COLD=5] [WARMUP=3] [CONNECTIONS=32] [SARGS_BENCH_PORT=18070] bench/realsize.sh [COUNT] [DURATION]
# (CONNECTIONS above 64 get 429s: the server's per-client limit, SARGS_MAX_REQUESTS_PER_CLIENT.)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${DATABASE_URL:-}" ]; then backend=postgres; default_count=200000; else backend=sqlite; default_count=1000000; fi
count="${1:-$default_count}"
duration="${2:-10}"
cold="${COLD:-5}"
warmup="${WARMUP:-3}"
connections="${CONNECTIONS:-32}"
threads=2
port="${SARGS_BENCH_PORT:-18070}"
policy=examples/coral-club.yaml
base="${SARGS_BENCH_DIR:-/tmp/sargs-realsize}"
seed="$base/$backend-$count"
url="http://127.0.0.1:$port"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
if [ -n "${SARGS_BIN:-}" ]; then
  bin="$SARGS_BIN"
  [ -x "$bin" ] || { echo "SARGS_BIN=$bin is not an executable" >&2; exit 1; }
else
  bin=.build/release/sargs
  [ -x "$bin" ] || swift build -c release --product sargs >/dev/null
fi
# The master key is the seeded data directory's master.key, on both backends.
unset SARGS_MASTER_KEY_SEED
if [ -n "${SARGS_MASTER_KEY:-}" ]; then SARGS_MASTER_KEY_SEED="$SARGS_MASTER_KEY"; fi
unset SARGS_MASTER_KEY

elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# PostgreSQL: the databases beside the one DATABASE_URL names.
if [ "$backend" = postgres ]; then
  pg_base="$DATABASE_URL"
  # with_db NAME: DATABASE_URL with another database (its query, e.g. tlsmode, kept: for the server).
  with_db() { python3 -c "import sys,urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path='/'+sys.argv[2])))" "$pg_base" "$1"; }
  # psql_url NAME: the same without the query, which libpq would not understand.
  psql_url() { python3 -c "import sys,urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(query='', path='/'+sys.argv[2])))" "$pg_base" "$1"; }
  admin_db="$(python3 -c "import sys,urllib.parse as u; print(u.urlsplit(sys.argv[1]).path.lstrip('/'))" "$pg_base")"
  admin_psql="$(psql_url "$admin_db")"
  # psql without its notices ("database … does not exist, skipping").
  psql() { PGOPTIONS="-c client_min_messages=warning" command psql "$@"; }
  template_db="sargs_realsize_$count"
  run_db="sargs_realsize_${count}_run_$$"
  unset DATABASE_URL
fi

# ---- the seeded working set, made once ----------------------------------------------------------
file="$(python3 bench/realsize-seed.py "$count" "$base")"
seeded=false
if [ -f "$seed/seeded" ]; then
  seeded=true
  if [ "$backend" = postgres ] && [ -z "$(psql "$admin_psql" -Atc "SELECT 1 FROM pg_database WHERE datname = '$template_db'")" ]; then
    seeded=false
  fi
fi
if ! $seeded; then
  rm -rf "$seed"
  mkdir -p "$seed/data"
  chmod 700 "$seed/data"
  if [ "$backend" = postgres ]; then
    (umask 077; if [ -n "${SARGS_MASTER_KEY_SEED:-}" ]; then echo "$SARGS_MASTER_KEY_SEED"; else head -c 32 /dev/urandom | base64; fi > "$seed/data/master.key")
    psql "$admin_psql" -qc "DROP DATABASE IF EXISTS $template_db WITH (FORCE)" >/dev/null
    psql "$admin_psql" -qc "CREATE DATABASE $template_db" >/dev/null
  fi
  echo "importing $count subjects from $file into $seed (once; later runs reuse it; at about 1,500 subjects/s)…"
  started=$(date +%s.%N)
  if ! { if [ "$backend" = postgres ]; then export DATABASE_URL; DATABASE_URL="$(with_db "$template_db")"; fi
         "$bin" subjects import "$file" --policy "$policy" --data-dir "$seed/data"; } > "$seed/import.log" 2>&1; then
    echo "the import failed:" >&2; tail -20 "$seed/import.log" >&2; exit 1
  fi
  unset DATABASE_URL
  import_seconds="$(elapsed "$started")"
  echo "  $(tail -1 "$seed/import.log")"
  # The ids, canonical and shuffled (the ids file's order is then unrelated to the storage order).
  if [ "$backend" = sqlite ]; then
    python3 - "$seed/data/sargs.sqlite" > "$seed/ids.raw" <<'PY'
import sqlite3, sys, uuid
connection = sqlite3.connect(sys.argv[1])
for (value,) in connection.execute("SELECT id FROM subjects WHERE external_ref LIKE 'rs-%'"):
    print(uuid.UUID(bytes=value) if isinstance(value, bytes) else uuid.UUID(value))
PY
  else
    psql "$(psql_url "$template_db")" -Atc "SELECT id FROM subjects WHERE external_ref LIKE 'rs-%'" > "$seed/ids.raw"
  fi
  python3 - "$seed/ids.raw" "$seed/ids" <<'PY'
import random, sys, uuid
ids = [str(uuid.UUID(line.strip())) for line in open(sys.argv[1]) if line.strip()]
random.Random(22).shuffle(ids)
with open(sys.argv[2], "w") as out:
    out.write("".join(f"{i}\n" for i in ids))
PY
  rm -f "$seed/ids.raw"
  ids_count=$(wc -l < "$seed/ids")
  [ "$ids_count" -eq "$count" ] || { echo "expected $count subject ids, found $ids_count" >&2; exit 1; }
  echo "count=$count import_seconds=$import_seconds" > "$seed/seeded"
fi
import_seconds="$(sed -n 's/.*import_seconds=\([0-9.]*\).*/\1/p' "$seed/seeded")"
if [ "$backend" = sqlite ]; then
  working_set="$(du -cb "$seed/data"/sargs.sqlite* | awk 'END {printf "%.0f", $1 / 1048576}') MiB SQLite file"
else
  working_set="$(psql "$admin_psql" -Atc "SELECT pg_database_size('$template_db') / 1048576") MiB PostgreSQL database"
fi

# ---- this run's copy ----------------------------------------------------------------------------
run_dir="$(mktemp -d "$base/run.XXXXXX")"
server=""
stop_server() {
  [ -n "$server" ] || return 0
  kill "$server" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}
cleanup() {
  stop_server
  [ -f "$run_dir/server.log" ] && cp "$run_dir/server.log" "$base/last-server.log"
  rm -rf "$run_dir"
  if [ "$backend" = postgres ]; then psql "$admin_psql" -qc "DROP DATABASE IF EXISTS $run_db WITH (FORCE)" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

if curl -s -o /dev/null --max-time 2 "$url/healthz"; then echo "port $port is in use (SARGS_BENCH_PORT picks another)" >&2; exit 1; fi
copy_started=$(date +%s.%N)
cp -a --reflink=auto "$seed/data" "$run_dir/data"
if [ "$backend" = postgres ]; then
  psql "$admin_psql" -qc "CREATE DATABASE $run_db TEMPLATE $template_db" >/dev/null
  export DATABASE_URL; DATABASE_URL="$(with_db "$run_db")"
fi
echo "storage: $backend, $count subjects ($working_set; imported in ${import_seconds} s, copied for this run in $(elapsed "$copy_started") s)"

normal=""; full=""
if [ "$backend" = sqlite ]; then
  ceilings="$(python3 bench/commit-ceiling.py "$run_dir" 3)"
  normal=$(awk '$1 == "NORMAL" {print $2}' <<< "$ceilings"); full=$(awk '$1 == "FULL" {print $2}' <<< "$ceilings")
  rm -f "$run_dir"/ceiling-*
  echo "ceiling: single-row SQLite commits/s: synchronous=NORMAL $normal, FULL $full"
fi

export SARGS_KEY
SARGS_KEY="$("$bin" keys create --role admin --data-dir "$run_dir/data" --policy "$policy" | grep '^sargs_')"
export IDS_FILE="$seed/ids" RS_EMAILS="$count" RS_THREADS="$threads" RS_SLICES=3

start_seconds=""
start_server() {
  local started
  started=$(date +%s.%N)
  "$bin" serve --data-dir "$run_dir/data" --policy "$policy" --port "$port" >> "$run_dir/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 1800); do
    if curl -sf -o /dev/null --max-time 2 "$url/healthz"; then start_seconds="$(elapsed "$started")"; return 0; fi
    if ! kill -0 "$server" 2>/dev/null; then
      echo "the server exited while starting:" >&2; tail -20 "$run_dir/server.log" >&2; exit 1
    fi
    sleep 0.1
  done
  echo "the server did not answer /healthz within 180 s" >&2; exit 1
}

drop_caches() {
  [ "${SARGS_BENCH_DROP_CACHES:-}" = 1 ] || return 0
  sync
  if ! { echo 3 > /proc/sys/vm/drop_caches; } 2>/dev/null; then
    echo "  (SARGS_BENCH_DROP_CACHES: the page cache cannot be dropped here; the file stays cached)"
  fi
}

max_rss=0; max_hwm=0
rss_rows=()
rss() {  # PHASE
  local status rss_kb hwm_kb
  status="$(cat "/proc/$server/status")"
  rss_kb=$(awk '/^VmRSS:/ {print $2}' <<< "$status"); hwm_kb=$(awk '/^VmHWM:/ {print $2}' <<< "$status")
  [ "$rss_kb" -gt "$max_rss" ] && max_rss=$rss_kb
  [ "$hwm_kb" -gt "$max_hwm" ] && max_hwm=$hwm_kb
  printf "  %-50s RSS %5s MiB, peak %5s MiB\n" "server after $1" "$(mib "$rss_kb")" "$(mib "$hwm_kb")"
  rss_rows+=("$1: $(mib "$rss_kb") MiB (peak $(mib "$hwm_kb") MiB)")
}

to_ms() {  # wrk's latency (850.00us, 4.20ms, 1.20s) in milliseconds
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0;
                          else if (v ~ /s$/) printf "%.0f", v * 1000; else printf "%s", "—" }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "—" }'; }

out="$run_dir/wrk.out"
healthz=""
rows=()
problems=0
# measure LABEL MODE SECONDS WARM-UP-SECONDS [NOTE]: one wrk run (after a dropped warm-up when
# WARM-UP-SECONDS > 0); prints and remembers requests/s, p50, p99, non-2xx, timeouts and the ratio to healthz.
measure() {
  local label="$1" mode="$2" seconds="$3" warm="$4" note="${5:-}" target="$url" script=()
  if [ "$mode" = healthz ]; then target="$url/healthz"; else script=(-s bench/realsize.lua); fi
  if [ "$warm" -gt 0 ]; then
    RS_MODE="$mode" RS_SLICE=0 wrk -t"$threads" -c"$connections" -d"${warm}s" --timeout 2s ${script[@]+"${script[@]}"} "$target" > /dev/null
  fi
  RS_MODE="$mode" RS_SLICE=1 wrk --latency -t"$threads" -c"$connections" -d"${seconds}s" --timeout 2s ${script[@]+"${script[@]}"} "$target" > "$out"
  rate=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$out")
  local p50 p99 non2xx timeouts times
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")"); p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$out"); non2xx="${non2xx:-0}"
  timeouts=$(awk '/Socket errors/ {print $NF}' "$out"); timeouts="${timeouts:-0}"
  times=1
  if [ -n "$healthz" ] && [ "$mode" != healthz ]; then times="$(ratio "$rate" "$healthz")"; fi
  printf "%-52s %7s req/s  p50 %7s ms  p99 %7s ms  non-2xx %s  timeouts %s  %sx healthz%s\n" \
    "$label" "$rate" "$p50" "$p99" "$non2xx" "$timeouts" "$times" "${note:+  ($note)}"
  rows+=("| $label | $rate | $p50 | $p99 | $non2xx | $timeouts | ${times}× |${note:+ $note}")
  if [ "$non2xx" != 0 ] && [ "$mode" != healthz ]; then
    problems=$((problems + 1))
    echo "  non-2xx answers; the statuses of 1 s of the same load:"
    RS_CHECK=1 RS_MODE="$mode" RS_SLICE=2 wrk -t1 -c2 -d1s --timeout 2s -s bench/realsize.lua "$url" | grep -E '^(status|first error)' | sed 's/^/    /' || true
  fi
  [ "$timeouts" = 0 ] || problems=$((problems + 1))
}

echo
drop_caches
start_server
echo "server started in $start_seconds s"
measure "GET /healthz" healthz "$duration" "$warmup"; healthz="$rate"
rss "healthz"

for mode in decisions-id decisions-email reads; do
  case "$mode" in
    decisions-id) name="POST /v1/decisions by subject_id" ;;
    decisions-email) name="POST /v1/decisions by e-mail" ;;
    reads) name="GET /v1/subjects/{id}?purpose=services" ;;
  esac
  stop_server
  drop_caches
  start_server
  measure "$name, cold (first ${cold} s after a restart)" "$mode" "$cold" 0 "started in $start_seconds s"
  rss "$mode, cold"
  measure "$name, warm" "$mode" "$duration" "$warmup"
  rss "$mode, warm"
done

measure "POST /v1/subjects/{id}/consents" consents "$duration" "$warmup"
rss "consents"
measure "POST /v1/subjects, six sealed values" subjects "$duration" "$warmup" \
  "${full:+$(ratio "$rate" "$full")× the FULL commit ceiling}"
rss "subjects"
measure "POST /v1/requests (access, existing subject)" requests "$duration" "$warmup"
rss "requests"
stop_server

echo
echo "### Real size: $count subjects on $backend ($(date +%Y-%m-%d))"
echo
echo "Working set: $count subjects, $working_set; \`bench/realsize.sh $count $duration\`"
echo "(2 wrk threads, $connections connections, wrk on the same machine; cold = the first ${cold} s after a restart, warm = after ${warmup} s of the same load;"
echo "binary $bin of $(date -r "$bin" '+%Y-%m-%d %H:%M'), tree $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || echo ' with uncommitted changes'))."
[ -n "$normal" ] && echo "Ceilings in the same run: single-row SQLite commits $normal/s (synchronous=NORMAL), $full/s (FULL)."
echo
echo "| measurement | req/s | p50 ms | p99 ms | non-2xx | timeouts | × healthz | |"
echo "|---|---|---|---|---|---|---|---|"
for row in "${rows[@]}"; do echo "$row |"; done
echo
echo "Server memory (VmRSS / VmHWM of \`sargs serve\`): at most $(mib "$max_rss") MiB resident, peak $(mib "$max_hwm") MiB."
for row in "${rss_rows[@]}"; do echo "- $row"; done
echo
errors=$(grep -ciE '\b(error|critical)\b' "$run_dir/server.log" || true)
warnings=$(grep -ciE '\bwarning\b' "$run_dir/server.log" || true)
echo "server log: $errors error line(s), $warnings warning line(s) (kept in $base/last-server.log)"
grep -iE '\b(error|critical|warning)\b' "$run_dir/server.log" | sed -E 's/^[^ ]+ //' | sort | uniq -c | sort -rn | head -10 | sed 's/^/  /' || true
if [ "$problems" -gt 0 ]; then echo "$problems measurement(s) had non-2xx answers or timeouts"; fi
