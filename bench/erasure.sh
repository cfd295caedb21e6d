#!/usr/bin/env bash
# Batch erasure benchmark on the embedded SQLite default: seeds N subjects straight into a fresh
# database (half with only an e-mail address, which is crypto-shredded; half also with a name
# kept for the accounting period, which is erased in part and restricted), then times
# `sargs subjects erase` over all of them. The seeded ciphertexts are random bytes: erasure
# never decrypts, so they stand in for sealed values.
# Usage: bench/erasure.sh [subjects]   (default 100000; results: paste into docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100000}"
swift build -c release --product sargs >/dev/null
bin="$(swift build -c release --show-bin-path)/sargs"
data="$(mktemp -d)"
policy=examples/coral-club.yaml
trap 'rm -rf "$data"' EXIT

"$bin" migrate --data-dir "$data" --policy "$policy" >/dev/null 2>&1
python3 - "$data/sargs.sqlite" "$count" "$data/ids.txt" <<'PY'
import os, sqlite3, sys, time, uuid
path, count, ids_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
db = sqlite3.connect(path)
now = time.time()
subjects, items, ids = [], [], []
for n in range(count):
    sid = str(uuid.uuid4()).upper()
    ids.append(sid)
    subjects.append((sid, "LV", "lv", "active", os.urandom(61), os.urandom(32).hex(), now))
    items.append((str(uuid.uuid4()).upper(), sid, "user.contact.email", os.urandom(45), "bench", "services", now, now))
    if n % 2:
        items.append((str(uuid.uuid4()).upper(), sid, "user.name", os.urandom(40), "bench", "services", now, now))
db.executemany("INSERT INTO subjects (id, country, language, status, wrapped_key, email_index, created_at) VALUES (?,?,?,?,?,?,?)", subjects)
db.executemany("INSERT INTO data_items (id, subject_id, category, ciphertext, source, collected_for, collected_at, updated_at) VALUES (?,?,?,?,?,?,?,?)", items)
db.commit()
open(ids_path, "w").write("\n".join(ids) + "\n")
print(f"seeded {count} subjects and {len(items)} data items")
PY
echo "erasing…"
${SARGS_BENCH_PREFIX:-} "$bin" subjects erase --file "$data/ids.txt" --data-dir "$data" --policy "$policy" 2>/dev/null
sqlite3 "$data/sargs.sqlite" "SELECT 'left: ' || (SELECT count(*) FROM data_items) || ' data items, ' || (SELECT count(*) FROM tombstones) || ' tombstones, ' || (SELECT count(*) FROM audit_entries) || ' audit entries'"
"$bin" audit verify --data-dir "$data" --policy "$policy" 2>/dev/null
