#!/usr/bin/env bash
# Bulk-import throughput on the embedded SQLite default: generates COUNT subjects with three
# sealed values each (name, e-mail address, phone number) as a JSON Lines file, then imports it
# into a fresh data directory with the release binary, ROUNDS times. Prints each round and the
# median rate (subjects per second, the whole command: start-up, migration, import, shutdown).
# Usage: bench/import.sh [COUNT] [ROUNDS]   (SARGS_BIN to use another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-20000}"; rounds="${2:-5}"
bin="${SARGS_BIN:-.build/release/sargs}"
[ -x "$bin" ] || swift build -c release --product sargs >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$count" > "$work/subjects.jsonl" <<'PY'
import json, sys
for i in range(int(sys.argv[1])):
    print(json.dumps({"external_ref": f"crm-{i}", "country": "LV", "language": "lv", "source": "crm",
                      "collected_for": "services", "collected_at": "2023-05-01T09:30:00Z",
                      "data": {"user.name": f"Person {i}", "user.contact.email": f"person{i}@example.lv",
                               "user.contact.phone_number": f"+3712{i:07d}"}}))
PY
rates=()
for round in $(seq 1 "$rounds"); do
  rm -rf "$work/data"
  start=$(date +%s.%N)
  "$bin" subjects import "$work/subjects.jsonl" --policy examples/coral-club.yaml --data-dir "$work/data" >/dev/null 2>&1
  end=$(date +%s.%N)
  rate=$(python3 -c "print(round($count / ($end - $start)))")
  echo "round $round: $count subjects in $(python3 -c "print(round($end - $start, 2))") s = $rate subjects/s"
  rates+=("$rate")
done
printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print "median: " a[int((NR+1)/2)] " subjects/s (3 sealed values each)"}'
