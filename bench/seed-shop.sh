#!/usr/bin/env bash
# Seeds a PostgreSQL shop database shaped as examples/datasets/web-shop.yml declares it, with the
# indexes a shop has, at a size of your choice: bench/connectors.sh, bench/fides-compare.sh and
# bench/retention-datasets.sh use it.
# LOWERCASE_EMAILS=1 stores the customers' emails in lower case and adds plain indexes on the email
# columns: the variant on which Fides, which matches an email by plain equality, finds each subject's
# customer row (and so the address, orders and invoices) as Sargs does through lower(email).
# Usage: [LOWERCASE_EMAILS=1] bench/seed-shop.sh ADMIN_URL DATABASE CUSTOMERS ORDERS
#   ADMIN_URL: a psql URL of the server's `postgres` database, e.g. postgres://sargs:sargs@127.0.0.1:5432/postgres
set -euo pipefail
admin="$1"; database="$2"; customers="$3"; orders="$4"
[[ "$database" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "not a plain database name: $database" >&2; exit 2; }
[[ "$database" != sargs_test ]] || { echo "refusing to touch sargs_test" >&2; exit 2; }
PGOPTIONS="-c client_min_messages=warning" psql -q "$admin" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database"
email="'Customer.' || i || '@Example.lv'"; plain_indexes=""
if [ "${LOWERCASE_EMAILS:-0}" = 1 ]; then
  email="'customer.' || i || '@example.lv'"
  plain_indexes="CREATE INDEX customers_email_plain ON customers (email);
CREATE INDEX newsletter_email_plain ON newsletter (email);"
fi
started=$(date +%s)
psql -q -v ON_ERROR_STOP=1 "${admin%/*}/$database" <<SQL
CREATE TABLE customers (id BIGINT PRIMARY KEY, email TEXT, first_name TEXT, last_name TEXT, phone TEXT,
  username TEXT, password_hash TEXT);
CREATE TABLE addresses (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers(id), street TEXT,
  city TEXT, postcode TEXT);
CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers(id), items TEXT,
  total NUMERIC(10,2), placed_at DATE);
CREATE TABLE invoices (id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL REFERENCES orders(id), billing_name TEXT,
  payment_reference TEXT, issued_on DATE);
CREATE TABLE newsletter (email TEXT, subscribed_at DATE);
INSERT INTO customers SELECT i, $email, 'Name' || i, 'Surname' || i,
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
$plain_indexes
ANALYZE customers, addresses, orders, invoices, newsletter;
SQL
echo "seeded $database: $customers customers, $orders orders in $(( $(date +%s) - started )) s"
