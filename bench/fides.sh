#!/usr/bin/env bash
# Ethyca Fides 2.78.2's access request on the shop database of bench/connectors.sh, for a same-run
# ratio with `sargs datasets probe`: Fides is given the same fideslang dataset file
# (examples/datasets/web-shop.yml, unchanged) and, one at a time, the same subjects' emails. Each
# request is timed from the API call that creates it to the status read that reports it complete;
# Celery runs eagerly (in the webserver's process, as a one-box install without a worker does), so
# that call returns once the request has run. Prints p50/p90 (ms) and the rows Fides found per
# collection, to check it did the same work. Fides' own setup (webserver on loopback, its
# application database `fides_bench_app` on the same PostgreSQL, Redis on loopback) is started
# here and stopped at the end; the shop database is only read.
# Install once (Python 3.11 and Debian's Redis):
#   /usr/bin/python3.11 -m venv /work/fides-bench/venv && /work/fides-bench/venv/bin/pip install ethyca-fides==2.78.2
#   apt-get install -y redis-server
# Usage: [FIDES_VENV=…] [SUBJECTS=50] [WARMUP=3] [FIDES_PORT=8089] [REDIS_PORT=6390] bench/fides.sh [SHOP_URL [EMAILS_FILE]]
#   SHOP_URL: a seeded shop database (default postgres://sargs:sargs@127.0.0.1:5432/shop_bench);
#   EMAILS_FILE: one email a line (default: WARMUP+SUBJECTS customers sampled from the database).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${FIDES_VENV:-/work/fides-bench/venv}"
subjects="${SUBJECTS:-50}"; warmup="${WARMUP:-3}"
shop="${1:-postgres://sargs:sargs@127.0.0.1:5432/shop_bench}"
shop="${shop%%\?*}"                 # psql's form: PostgresNIO's ?tlsmode=… dropped
admin="${shop%/*}/postgres"
fides_port="${FIDES_PORT:-8089}"; redis_port="${REDIS_PORT:-6390}"
client_id="bench"; client_secret="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
[ -x "$venv/bin/uvicorn" ] || { echo "no Fides virtualenv at $venv (see the header)" >&2; exit 2; }
command -v redis-server >/dev/null || { echo "no redis-server: apt-get install -y redis-server" >&2; exit 2; }
for port in "$fides_port" "$redis_port"; do
  ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "port $port is taken (FIDES_PORT, REDIS_PORT)" >&2; exit 2; }
done

work="$(mktemp -d)"
stop() {
  [ -f "$work/fides.pid" ] && kill "$(cat "$work/fides.pid")" 2>/dev/null && sleep 1
  [ -f "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null
  PGOPTIONS="-c client_min_messages=warning" psql -q "$admin" -c "DROP DATABASE IF EXISTS fides_bench_app WITH (FORCE)" || true
  rm -rf "$work"
}
trap stop EXIT

if [ -n "${2:-}" ]; then
  cp "$2" "$work/emails"
else
  psql -qtA "$shop" -c "SELECT lower(email) FROM customers TABLESAMPLE BERNOULLI (1) ORDER BY random() LIMIT $((subjects + warmup))" > "$work/emails"
fi

PGOPTIONS="-c client_min_messages=warning" psql -q "$admin" -c "DROP DATABASE IF EXISTS fides_bench_app WITH (FORCE)" -c "CREATE DATABASE fides_bench_app"
redis_password="$client_secret"
redis-server --bind 127.0.0.1 --port "$redis_port" --requirepass "$redis_password" --save '' --appendonly no \
  --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log" --dir "$work"

# Fides' settings, all from the environment (no fides.toml is read: the path named does not exist).
db_user="$(sed -E 's#^postgres(ql)?://([^:@/]+).*#\2#' <<<"$admin")"
db_password="$(sed -E 's#^postgres(ql)?://[^:@/]+:([^@]*)@.*#\2#' <<<"$admin")"
db_host="$(sed -E 's#^.*@([^:/]+).*#\1#' <<<"$admin")"
db_port="$(sed -E 's#^.*@[^:/]+:([0-9]+)/.*#\1#' <<<"$admin")"
export FIDES__CONFIG_PATH="$work/no-fides.toml"
export FIDES__DATABASE__SERVER="$db_host" FIDES__DATABASE__PORT="$db_port" FIDES__DATABASE__USER="$db_user" \
  FIDES__DATABASE__PASSWORD="$db_password" FIDES__DATABASE__DB=fides_bench_app
export FIDES__REDIS__HOST=127.0.0.1 FIDES__REDIS__PORT="$redis_port" FIDES__REDIS__PASSWORD="$redis_password"
export FIDES__CELERY__TASK_ALWAYS_EAGER=true
export FIDES__SECURITY__APP_ENCRYPTION_KEY="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"  # 32 characters
export FIDES__SECURITY__OAUTH_ROOT_CLIENT_ID="$client_id" FIDES__SECURITY__OAUTH_ROOT_CLIENT_SECRET="$client_secret"
export FIDES__USER__ANALYTICS_OPT_OUT=true
export FIDES__LOGGING__LEVEL="${FIDES_LOG_LEVEL:-WARNING}"
# The wheel has no SaaS connector templates; an empty folder where Fides looks keeps its start-up whole.
mkdir -p "$work/data/saas/config" "$work/data/saas/dataset"

started=$(date +%s.%N)
( cd "$work" && exec "$venv/bin/uvicorn" fides.api.main:app --host 127.0.0.1 --port "$fides_port" \
    --log-level warning > "$work/fides.log" 2>&1 ) &
echo $! > "$work/fides.pid"
for _ in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$fides_port/health" >/dev/null && break
  kill -0 "$(cat "$work/fides.pid")" 2>/dev/null || { tail -40 "$work/fides.log" >&2; exit 1; }
  sleep 0.2
done
curl -sf "http://127.0.0.1:$fides_port/health" >/dev/null || { tail -40 "$work/fides.log" >&2; exit 1; }
echo "Fides $("$venv/bin/python" -c 'import fides; print(fides.__version__)') up in $(printf '%.1f' "$(echo "$(date +%s.%N) - $started" | bc)") s (fresh application database)"

helper=("$venv/bin/python" bench/fides/access.py --fides "http://127.0.0.1:$fides_port" \
  --client-id "$client_id" --client-secret "$client_secret")
"${helper[@]}" configure --shop "$shop" --dataset examples/datasets/web-shop.yml
echo "== access requests, warm"
"${helper[@]}" run --emails "$work/emails" --count "$subjects" --warmup "$warmup" --uploads "$work/fides_uploads"
