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
psql -q "$admin" -c "DROP DATABASE IF EXISTS shop_bench" -c "CREATE DATABASE shop_bench"
psql_shop="${base%/*}/shop_bench"
shop="$psql_shop?tlsmode=disable"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
started=$(date +%s)
psql -q -v ON_ERROR_STOP=1 "$psql_shop" <<SQL
CREATE TABLE customers (id BIGINT PRIMARY KEY, email TEXT, first_name TEXT, last_name TEXT, phone TEXT,
  username TEXT, password_hash TEXT);
CREATE TABLE addresses (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers(id), street TEXT,
  city TEXT, postcode TEXT);
CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers(id), items TEXT,
  total NUMERIC(10,2), placed_at DATE);
CREATE TABLE invoices (id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL REFERENCES orders(id), billing_name TEXT,
  payment_reference TEXT, issued_on DATE);
CREATE TABLE newsletter (email TEXT, subscribed_at DATE);
INSERT INTO customers SELECT i, 'Customer.' || i || '@Example.lv', 'Name' || i, 'Surname' || i,
  '+3712' || lpad(i::text, 7, '0'), 'user' || i, md5(i::text) FROM generate_series(1, $customers) i;
INSERT INTO addresses SELECT i, i, 'Iela ' || (i % 300), 'Rīga', 'LV-' || (1000 + i % 999)
  FROM generate_series(1, $customers) i;
INSERT INTO orders SELECT i, 1 + (i::bigint * 7919) % $customers, 'item ' || (i % 97), (i % 9000) / 100.0,
  DATE '2024-01-01' + (i % 700) FROM generate_series(1, $orders) i;
INSERT INTO invoices SELECT i, i, 'Name' || (1 + (i::bigint * 7919) % $customers), 'PAY-' || i, DATE '2024-01-01' + (i % 700)
  FROM generate_series(1, $orders) i;
INSERT INTO newsletter SELECT 'customer.' || i || '@example.lv', DATE '2024-01-01' + (i % 700)
  FROM generate_series(1, $customers, 2) i;
CREATE UNIQUE INDEX customers_email ON customers (lower(email));
CREATE INDEX addresses_customer ON addresses (customer_id);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE INDEX invoices_order ON invoices (order_id);
CREATE INDEX newsletter_email ON newsletter (lower(email));
ANALYZE;
SQL
echo "seeded $customers customers, $orders orders in $(( $(date +%s) - started )) s"
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
