#!/usr/bin/env bash
# The suite's main job: start the seeded demo shop, create (or reuse) a database with the suite and
# connector_demo_shop installed, point a backend at the shop, import everything through real
# queue_job jobs run by Odoo's job runner, and serve Odoo on 127.0.0.1 until Ctrl-C.
#
#   bash tests/demo.sh            # Odoo on http://127.0.0.1:8069 (login admin / admin)
#   SUITE_DEMO_PORT=8080 SUITE_DEMO_DB=mydb bash tests/demo.sh
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/suite.sh"

db=${SUITE_DEMO_DB:-connector_demo}
port=${SUITE_DEMO_PORT:-8069}
shop_port=${SUITE_DEMO_SHOP_PORT:-8079}
state_dir=${SUITE_DEMO_STATE:-$HOME/.local/share/connector-suite}
shop_key=ck_demo_0123456789abcdef0123456789abcdef01234567
shop_secret=cs_demo_0123456789abcdef0123456789abcdef01234567

require_odoo
ensure_postgres
install_requirements
mkdir -p "$state_dir"

addons=$(suite_addons | grep -v '^test_' | paste -sd, -)
has_shop=0
[ -f "$SUITE_ROOT/connector_demo_shop/__manifest__.py" ] && has_shop=1

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done; }
trap cleanup EXIT INT TERM

if [ "$has_shop" = 1 ]; then
    say "starting the demo shop on 127.0.0.1:$shop_port (data: $state_dir/shop.sqlite3)"
    (cd "$SUITE_ROOT/tests/demo_shop" && exec python3 -m demo_shop --host 127.0.0.1 \
        --port "$shop_port" --data "$state_dir/shop.sqlite3" --seed 42 \
        --key "$shop_key" --secret "$shop_secret") >"$state_dir/shop.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 30); do
        grep -q "listening" "$state_dir/shop.log" 2>/dev/null && break
        sleep 0.5
    done
    grep -q "listening" "$state_dir/shop.log" || { cat "$state_dir/shop.log"; die "the demo shop did not start"; }
fi

installed=$(psql -d "$db" -Atc "select count(*) from ir_module_module where state = 'installed' and name = any(string_to_array('$addons', ','))" 2>/dev/null || echo 0)
expected=$(printf '%s' "$addons" | tr ',' '\n' | wc -l)
if [ "$installed" = "$expected" ]; then
    say "reusing database $db, updating the addons to this checkout"
    odoo --addons-path="$SUITE_ROOT" -d "$db" -u "$addons" --stop-after-init \
        --http-interface=127.0.0.1 --http-port="$port" --gevent-port="$((port + 1))" \
        --log-level=warn >"$state_dir/install.log" 2>&1 \
        || { tail -40 "$state_dir/install.log"; die "updating the addons failed (log: $state_dir/install.log)"; }
else
    say "creating database $db with $addons (a few minutes)"
    fresh_db "$db"
    odoo --addons-path="$SUITE_ROOT" -d "$db" -i "$addons" --stop-after-init \
        --http-interface=127.0.0.1 --http-port="$port" --gevent-port="$((port + 1))" \
        --log-level=warn >"$state_dir/install.log" 2>&1 \
        || { tail -40 "$state_dir/install.log"; die "installing the addons failed (log: $state_dir/install.log)"; }
fi

since=$(psql -d "$db" -Atc "select coalesce(max(id), 0) from queue_job" 2>/dev/null || echo 0)
if [ "$has_shop" = 1 ]; then
    say "configuring the Demo Shop backend and enqueueing the imports"
    # demo.shop.backend.setup_demo: see connector_demo_shop/models/demo_shop_backend_setup.py
    odoo shell --addons-path="$SUITE_ROOT" -d "$db" --no-http --log-level=warn >"$state_dir/shell.log" 2>&1 <<PY \
        || { tail -40 "$state_dir/shell.log"; die "configuring the backend failed (log: $state_dir/shell.log)"; }
env["demo.shop.backend"].setup_demo(
    "http://127.0.0.1:$shop_port", "$shop_key", "$shop_secret", "http://127.0.0.1:$port"
)
env.cr.commit()
PY
fi

# With --workers, Odoo serves HTTP and its websockets (real-time notifications) on two ports; the
# loopback proxy on $port routes /websocket to the second one, as nginx does in production.
odoo_http=${SUITE_DEMO_ODOO_HTTP_PORT:-$((port + 2))}
odoo_gevent=$((odoo_http + 1))
export ODOO_QUEUE_JOB_CHANNELS=${ODOO_QUEUE_JOB_CHANNELS:-root:2}
# Two HTTP workers; queue_job's job runner starts with them (server-wide module) and runs the
# imports on the channels root:2.
odoo --addons-path="$SUITE_ROOT" -d "$db" --db-filter="^$db\$" --load=base,web,queue_job \
    --workers=2 --max-cron-threads=1 --limit-time-real=600 --proxy-mode \
    --http-interface=127.0.0.1 --http-port="$odoo_http" --gevent-port="$odoo_gevent" \
    >"$state_dir/odoo.log" 2>&1 &
odoo_pid=$!
pids+=("$odoo_pid")
python3 "$SUITE_ROOT/tests/lib/odoo_proxy.py" --listen "$port" --http "$odoo_http" \
    --gevent "$odoo_gevent" >"$state_dir/proxy.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
    kill -0 "$odoo_pid" 2>/dev/null || { tail -40 "$state_dir/odoo.log"; die "Odoo stopped (log: $state_dir/odoo.log)"; }
    python3 - "$port" <<'PY' >/dev/null 2>&1 && break
import sys, urllib.request
urllib.request.urlopen("http://127.0.0.1:%s/web/login" % sys.argv[1], timeout=5)
PY
    sleep 1
done
say "Odoo serves http://127.0.0.1:$port (database $db, login admin, password admin; log: $state_dir/odoo.log)"
if [ "$has_shop" = 1 ]; then
    python3 "$SUITE_ROOT/tests/lib/demo_progress.py" --db "$db" --since "$since" \
        --url "http://127.0.0.1:$port"
fi
say "Odoo keeps serving http://127.0.0.1:$port; Ctrl-C stops it"
wait "$odoo_pid"
