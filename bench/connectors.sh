#!/usr/bin/env bash
# The connectors at a real shop's size (issue 25): a PostgreSQL shop database shaped as
# examples/datasets/web-shop.yml declares it — CUSTOMERS customers (default 1,000,000), each with an
# address, ORDERS orders (default 5,000,000) spread over them, an invoice for every order and a
# newsletter row for every other customer — with the indexes a shop has (lower(email), the foreign
# keys). Then `sargs datasets probe` times, for SUBJECTS customers picked uniformly at random
# (default 200), the search an access request runs, and on another such sample the search and
# erasure an erasure request runs. Cold: the database is restarted and its cache dropped first.
# Usage: [CUSTOMERS=…] [ORDERS=…] [SUBJECTS=…] bench/connectors.sh [SARGS_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
sargs="${1:-.build/release/sargs}"
customers="${CUSTOMERS:-1000000}"; orders="${ORDERS:-5000000}"; subjects="${SUBJECTS:-200}"
server="$(./scripts/start-test-postgres)"
base="${server%%\?*}"             # postgres://sargs:sargs@127.0.0.1:5432/sargs_test
admin="${base%/*}/postgres"        # psql's form; Sargs' URL adds PostgresNIO's tlsmode
psql_shop="${base%/*}/shop_bench"
shop="$psql_shop?tlsmode=disable"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
bench/seed-shop.sh "$admin" shop_bench "$customers" "$orders"
psql -qtA "$psql_shop" -c "SELECT lower(email) FROM customers TABLESAMPLE BERNOULLI (1) ORDER BY random() LIMIT $subjects" > "$work/access"
psql -qtA "$psql_shop" -c "SELECT lower(email) FROM customers TABLESAMPLE BERNOULLI (1) ORDER BY random() LIMIT $subjects" > "$work/erasure"
# Cold: a restart empties PostgreSQL's buffers; the kernel's page cache is dropped where allowed.
pg_ctlcluster "$(ls /usr/lib/postgresql | sort -V | tail -1)" main restart
sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || echo "(the page cache could not be dropped)"
sleep 2
echo "== access (search through the references), cold"
"$sargs" datasets probe "$shop" --dataset examples/datasets/web-shop.yml --emails "$work/access"
echo "== the same subjects again, warm"
"$sargs" datasets probe "$shop" --dataset examples/datasets/web-shop.yml --emails "$work/access"
echo "== erasure (search, then every personal field emptied in one transaction)"
"$sargs" datasets probe "$shop" --dataset examples/datasets/web-shop.yml --emails "$work/erasure" --erase
psql -q "$admin" -c "DROP DATABASE shop_bench WITH (FORCE)"
