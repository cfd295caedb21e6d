#!/usr/bin/env bash
# Retention carried into the shop's database at real size (issue 25): a PostgreSQL shop seeded as
# bench/connectors.sh seeds it (CUSTOMERS customers, ORDERS orders, invoices, newsletter), and
# SUBJECTS of those customers, picked uniformly at random, imported into Sargs' vault (embedded
# SQLite) as old enquiries (collected two years ago; examples/web-shop-lv.yaml keeps an enquiry six
# months). `sargs retention run` then deletes every one of them in the vault and empties their name
# and e-mail in the shop (customers, invoices, newsletter), one search and one transaction per
# chunk of 200 subjects. Timed as the whole command (start-up, migration check, run, shutdown);
# the same import is run a second time with a copy of the policy that names no dataset, for the
# same-run ratio of what the datasets add. Checks afterwards that exactly SUBJECTS customers lost
# their e-mail.
# KEEP=1 keeps the shop database for another run (and reuses it when it exists; subjects a run
# emptied are then no longer matched, so pick SUBJECTS small against CUSTOMERS). CHUNK sets the
# run's --chunk-size (default 200, the run's own default).
# Usage: [ADMIN_URL=…] [CUSTOMERS=1000000] [ORDERS=5000000] [SUBJECTS=20000] [KEEP=1] [CHUNK=200]
#        [SARGS=binary] bench/retention-datasets.sh
set -euo pipefail
cd "$(dirname "$0")/.."
admin="${ADMIN_URL:-postgres://sargs:sargs@127.0.0.1:5432/postgres}"
customers="${CUSTOMERS:-1000000}"; orders="${ORDERS:-5000000}"; subjects="${SUBJECTS:-20000}"
sargs="${SARGS:-.build/release/sargs}"
database=shop_retention
shop="${admin%/*}/$database?tlsmode=disable"
work="$(mktemp -d)"
chunk="${CHUNK:-200}"
if [ "${KEEP:-0}" = 1 ]; then
  trap 'rm -rf "$work"' EXIT
else
  trap 'rm -rf "$work"; psql -q "$admin" -c "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true' EXIT
fi
if [ "${KEEP:-0}" = 1 ] && psql -qtA "$admin" -c "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
  echo "reusing $database"
else
  bench/seed-shop.sh "$admin" "$database" "$customers" "$orders"
fi
before_emptied=$(psql -qtA "${admin%/*}/$database" -c "SELECT count(*) FROM customers WHERE email IS NULL")
python3 - "$customers" "$subjects" > "$work/subjects.jsonl" <<'PY'
import json, random, sys
customers, subjects = int(sys.argv[1]), int(sys.argv[2])
for i in random.sample(range(1, customers + 1), subjects):
    print(json.dumps({"country": "LV", "language": "lv", "source": "import", "collected_for": "enquiries",
                      "collected_at": "2024-10-01T09:00:00Z",
                      "data": {"user.name": f"Name{i} Surname{i}", "user.contact.email": f"Customer.{i}@Example.lv"}}))
PY
# The same policy without its datasets: the vault's part alone.
python3 - > "$work/vault-only.yaml" <<'PY'
text = open("examples/web-shop-lv.yaml").read()
print(text[:text.index("\ndatasets:")])
PY
cp -r examples/datasets "$work/datasets"
run() {  # $1: policy, $2: data directory; prints the run's JSON summary and the seconds it took
  "$sargs" subjects import "$work/subjects.jsonl" --policy "$1" --data-dir "$2" >/dev/null
  local start end
  start=$(date +%s.%N)
  WEB_SHOP_DATABASE_URL="$shop" "$sargs" retention run --yes --format json --chunk-size "$chunk" --policy "$1" \
    --data-dir "$2" > "$2.json"
  end=$(date +%s.%N)
  python3 -c "print(round($end - $start, 2))"
}
echo "== load before: $(uptime)"
with=$(run examples/web-shop-lv.yaml "$work/with")
without=$(run "$work/vault-only.yaml" "$work/without")
echo "== load after: $(uptime)"
python3 - "$work/with.json" "$work/without.json" "$with" "$without" "$subjects" <<'PY'
import json, sys
with_run, without_run = (json.load(open(p)) for p in sys.argv[1:3])
seconds_with, seconds_without, subjects = float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
rows = sum(d["rows"] for d in with_run.get("datasets", []))
failed = sum(d["failed_groups"] for d in with_run.get("datasets", []))
print(f"vault and shop: {with_run['subjects_checked']} subjects checked, {with_run['subjects_shredded']} shredded, "
      f"{rows} shop rows emptied ({failed} groups failed) in {seconds_with} s = {round(subjects / seconds_with)} subjects/s")
print(f"vault alone:    {without_run['subjects_checked']} subjects checked in {seconds_without} s = "
      f"{round(subjects / seconds_without)} subjects/s")
print(f"ratio (vault and shop ÷ vault alone, time): {round(seconds_with / seconds_without, 2)}")
PY
emptied=$(( $(psql -qtA "${admin%/*}/$database" -c "SELECT count(*) FROM customers WHERE email IS NULL") - before_emptied ))
echo "customers whose e-mail the run emptied: $emptied (expected $subjects, fewer when KEEP reuses emptied ones)"
[ "${KEEP:-0}" = 1 ] || [ "$emptied" = "$subjects" ]
