#!/usr/bin/env bash
# One subject's access request across the shop database at real size, Sargs against Ethyca Fides in
# the same run, on the same database and the same subjects: `sargs datasets probe` (the connectors'
# search from the e-mail through examples/datasets/web-shop.yml's references, timed per subject on one
# connection) and bench/fides.sh (Fides 2.78.2 given the same dataset file, each access request timed
# from the API call that creates it to the status read that reports it complete). Prints both
# tools' p50/p90 and rows found, what the database holds for those subjects, and the ratio of the
# warm p50s (Fides ÷ Sargs), with the machine's load around the measurements.
#
# Why the lower-case variant (LOWERCASE_EMAILS=1 bench/seed-shop.sh): Fides matches an e-mail
# by plain equality and lower-cases only its domain, so on bench/connectors.sh's mixed-case data
# ('Customer.42@Example.lv') it finds only the newsletter row, which is stored in lower case, and
# does a fraction of the work. With the customers' e-mails stored in lower case (and plain indexes on
# the e-mail columns for Fides' equality) both tools find the same rows: the customer, their address,
# orders and invoices, and the newsletter row where there is one.
#
# The shop database `shop_compare` is seeded unless KEEP=1 and it already exists, and dropped at the
# end unless KEEP=1. SUBJECTS+3 customers are picked uniformly at random (as bench/connectors.sh
# does); Fides gets the whole list and uses the first 3 as its warm-up, Sargs is given the other
# SUBJECTS, so both time the same subjects. Sargs runs twice: a first pass and a warm second pass.
# The first pass is not cold: PostgreSQL is not restarted (the database was just written and much of
# it is still in its buffers and the page cache; the tables are vacuumed first, and the measurements
# wait for any autovacuum worker on them to end). Fides runs after Sargs, so it too sees a warm
# database; compare its p50 with Sargs' second pass.
# Usage: [ADMIN_URL=…] [CUSTOMERS=1000000] [ORDERS=5000000] [SUBJECTS=50] [KEEP=1] [SARGS=binary]
#        bench/fides-compare.sh
#   ADMIN_URL: a psql URL of the server's `postgres` database (default postgres://sargs:sargs@127.0.0.1:5432/postgres);
#   SARGS: a sargs binary with `datasets probe` (default .build/release/sargs). Fides: see bench/fides.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
run_started=$(date +%s)
admin="${ADMIN_URL:-postgres://sargs:sargs@127.0.0.1:5432/postgres}"
customers="${CUSTOMERS:-1000000}"; orders="${ORDERS:-5000000}"; subjects="${SUBJECTS:-50}"; warmup=3
sargs="${SARGS:-.build/release/sargs}"
database=shop_compare
psql_shop="${admin%/*}/$database"
shop="$psql_shop?tlsmode=disable"    # PostgresNIO's form
"$sargs" datasets probe --help 2>/dev/null | grep -q -- '--emails' \
  || { echo "$sargs has no 'datasets probe' (build it, or name one with SARGS=…)" >&2; exit 2; }

work="$(mktemp -d)"
# A plain DROP DATABASE: it ends an autovacuum worker on the database itself, where WITH (FORCE) is
# refused to a role that is not a superuser (and the freshly seeded tables draw autovacuum).
drop() { PGOPTIONS="-c client_min_messages=warning" psql -q "$admin" -c "DROP DATABASE IF EXISTS $database"; }
finish() {
  rm -rf "$work"
  [ "${KEEP:-0}" = 1 ] || drop || true
}
trap finish EXIT

exists="$(psql -qtA "$admin" -c "SELECT 1 FROM pg_database WHERE datname = '$database'")"
if [ "${KEEP:-0}" = 1 ] && [ "$exists" = 1 ]; then
  [ "$(psql -qtA "$psql_shop" -c "SELECT bool_and(email = lower(email)) FROM (SELECT email FROM customers LIMIT 100) s")" = t ] \
    || { echo "$database exists but its e-mails are not lower-case: drop it or run without KEEP=1" >&2; exit 2; }
  echo "== reusing $database (KEEP=1)"
else
  echo "== seeding $database: $customers customers, $orders orders (lower-case e-mails)"
  drop
  LOWERCASE_EMAILS=1 bench/seed-shop.sh "$admin" "$database" "$customers" "$orders"
fi
# As a shop's database is between requests: vacuumed (hint bits and visibility map set), and no
# autovacuum worker competing with the measurements for the machine.
vacuum_started=$(date +%s)
psql -q "$psql_shop" -c "VACUUM (ANALYZE) customers, addresses, orders, invoices, newsletter"
for _ in $(seq 1 300); do
  [ "$(psql -qtA "$admin" -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$database'")" = 0 ] && break
  sleep 1
done
echo "vacuumed in $(( $(date +%s) - vacuum_started )) s;" \
  "sessions still on $database: $(psql -qtA "$admin" -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$database'")"
held="$(psql -qtA "$psql_shop" -c "SELECT count(*) FROM customers")"
percent=$(( 400 * (subjects + warmup) / held )); percent=$(( percent < 1 ? 1 : percent > 100 ? 100 : percent ))
psql -qtA "$psql_shop" -c "SELECT lower(email) FROM customers TABLESAMPLE BERNOULLI ($percent) ORDER BY random()
  LIMIT $((subjects + warmup))" > "$work/emails"
[ "$(wc -l < "$work/emails")" -eq $((subjects + warmup)) ] || { echo "could not sample $((subjects + warmup)) customers" >&2; exit 1; }
tail -n +$((warmup + 1)) "$work/emails" > "$work/timed"

echo "== load before the measurements: $(uptime)"
echo "== Sargs ($sargs datasets probe), $subjects subjects, first pass (not cold: PostgreSQL is not restarted)"
"$sargs" datasets probe "$shop" --dataset examples/datasets/web-shop.yml --emails "$work/timed" | tee "$work/sargs1"
echo "== Sargs, the same subjects again, warm second pass"
"$sargs" datasets probe "$shop" --dataset examples/datasets/web-shop.yml --emails "$work/timed" | tee "$work/sargs2"
echo "== load between Sargs and Fides: $(uptime)"
echo "== Fides (bench/fides.sh), the same database and subjects ($warmup warm-up first)"
SUBJECTS="$subjects" WARMUP="$warmup" bench/fides.sh "$psql_shop" "$work/emails" | tee "$work/fides"
echo "== load after the measurements: $(uptime)"

# What the database holds for the timed subjects, per table (matched by lower(email), through the keys).
echo "== the database's own count for these subjects, rows per subject"
psql -qtA -F ' ' "$psql_shop" <<SQL
CREATE TEMP TABLE subject (email TEXT);
\copy subject FROM '$work/timed'
WITH c AS (SELECT customers.id FROM customers JOIN subject ON lower(customers.email) = subject.email),
     o AS (SELECT orders.id FROM orders JOIN c ON orders.customer_id = c.id)
SELECT 'customers', round((SELECT count(*) FROM c) / $subjects.0, 1),
       'addresses', round((SELECT count(*) FROM addresses JOIN c ON addresses.customer_id = c.id) / $subjects.0, 1),
       'orders', round((SELECT count(*) FROM o) / $subjects.0, 1),
       'invoices', round((SELECT count(*) FROM invoices JOIN o ON invoices.order_id = o.id) / $subjects.0, 1),
       'newsletter', round((SELECT count(*) FROM newsletter JOIN subject ON lower(newsletter.email) = subject.email) / $subjects.0, 1),
       'all', round(((SELECT count(*) FROM c) + (SELECT count(*) FROM addresses JOIN c ON addresses.customer_id = c.id)
         + (SELECT count(*) FROM o) + (SELECT count(*) FROM invoices JOIN o ON invoices.order_id = o.id)
         + (SELECT count(*) FROM newsletter JOIN subject ON lower(newsletter.email) = subject.email)) / $subjects.0, 1);
SQL

p50() { sed -nE "s/.*$2.*p50 ([0-9.]+) ms.*/\1/p" "$1" | head -1; }
sargs_first="$(p50 "$work/sargs1" 'time per subject:')"; sargs_warm="$(p50 "$work/sargs2" 'time per subject:')"
fides_warm="$(p50 "$work/fides" 'access requests, one at a time')"
found="$(sed -nE 's/^rows found: ([0-9]+),.*/\1/p' "$work/sargs2")"
echo "== summary ($customers customers, $orders orders, $subjects subjects)"
if [ -n "$sargs_first" ] && [ -n "$sargs_warm" ] && [ -n "$fides_warm" ] && [ -n "$found" ]; then
  echo "Sargs: first pass p50 $sargs_first ms, warm p50 $sargs_warm ms," \
    "$(awk -v f="$found" -v n="$subjects" 'BEGIN { printf "%.1f", f / n }') rows per subject"
  echo "Fides: warm p50 $fides_warm ms"
  echo "ratio of the warm p50s, Fides ÷ Sargs: $(awk -v f="$fides_warm" -v s="$sargs_warm" 'BEGIN { printf "%.0f×", f / s }')"
else
  echo "(the p50s could not be read from the outputs above: compare them there)"
fi
echo "whole run: $(( $(date +%s) - run_started )) s"
