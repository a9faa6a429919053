#!/usr/bin/env bash
# The suite's test command: every addon's tests in a real Odoo 19.0 on a fresh PostgreSQL database,
# then the suite-level tests under tests/. Exits non-zero on any failure or error.
#
#   bash tests/run.sh                 # everything
#   bash tests/run.sh --odoo-only     # only the addons' Odoo tests
#   bash tests/run.sh --pytest-only   # only the suite-level tests
#   SUITE_ADDONS=component,test_component bash tests/run.sh --odoo-only
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/suite.sh"

run_odoo=1
run_pytest=1
case "${1:-}" in
    --odoo-only) run_pytest=0 ;;
    --pytest-only) run_odoo=0 ;;
    "") ;;
    *) die "unknown option $1 (use --odoo-only or --pytest-only)" ;;
esac

require_odoo
ensure_postgres
install_requirements -r "$SUITE_ROOT/test-requirements.txt"

odoo_passed=0 odoo_failed=0 odoo_status=0
if [ "$run_odoo" = 1 ]; then
    ensure_chromium
    db=${SUITE_TEST_DB:-connector_suite_test}
    port=${SUITE_TEST_PORT:-8269}
    # the manual's tutorial addon lives beside the manual, and is tested like the others
    tutorial_path="$SUITE_ROOT/connector/doc/tutorial"
    addons=${SUITE_ADDONS:-$(suite_addons | paste -sd, -),connector_address_book}
    [ -n "$addons" ] || die "no addon found in $SUITE_ROOT"
    tags=$(printf '%s' "$addons" | tr ',' '\n' | sed 's|^|/|' | paste -sd, -)
    log=${SUITE_TEST_LOG:-/tmp/connector_suite_test.log}
    fresh_db "$db"
    say "installing and testing $addons on database $db (log: $log)"
    odoo --addons-path="$SUITE_ROOT,$tutorial_path" -d "$db" -i "$addons" --test-enable --test-tags="$tags" \
        --stop-after-init --http-interface=127.0.0.1 --http-port="$port" \
        --gevent-port="$((port + 1))" --log-level=test --max-cron-threads=0 >"$log" 2>&1
    odoo_rc=$?
    # Odoo logs one line per test run summary: "F failed, E error(s) of T tests ...".
    read -r total failed errors < <(python3 "$SUITE_ROOT/tests/lib/odoo_log_counts.py" "$log")
    error_lines=$(grep -cE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log")
    grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL|WARNING) ' "$log" | grep -vE 'Running as user .root.' | tail -n 40
    odoo_failed=$((failed + errors))
    odoo_passed=$((total - odoo_failed))
    say "Odoo tests: $total run, $odoo_failed failed or in error, $error_lines ERROR/CRITICAL log lines, odoo exit code $odoo_rc"
    if [ "$odoo_rc" != 0 ] || [ "$odoo_failed" != 0 ] || [ "$error_lines" != 0 ] || [ "$total" = 0 ]; then
        odoo_status=1
        [ "$odoo_failed" = 0 ] && odoo_failed=1
    fi
fi

py_passed=0 py_failed=0 py_status=0
if [ "$run_pytest" = 1 ]; then
    say "running the suite-level tests under tests/"
    report=/tmp/connector_suite_pytest.txt
    (cd "$SUITE_ROOT" && python3 -m pytest tests -q -p no:cacheprovider -rfE) | tee "$report"
    py_rc=${PIPESTATUS[0]}
    read -r py_passed py_failed < <(python3 - "$report" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines()
summary = next((line for line in reversed(text) if re.search(r"\d+ (passed|failed|error)", line)), "")
def count(word):
    return sum(int(n) for n in re.findall(r"(\d+) " + word, summary))
print(count("passed"), count("failed") + count("errors?"))
PY
)
    if [ "$py_rc" != 0 ]; then
        py_status=1
        [ "$py_failed" = 0 ] && py_failed=1
    fi
fi

passed=$((odoo_passed + py_passed))
failed=$((odoo_failed + py_failed))
echo
say "Odoo: $odoo_passed passed, $odoo_failed failed; suite-level: $py_passed passed, $py_failed failed"
echo "$passed passed, $failed failed"
[ "$odoo_status" = 0 ] && [ "$py_status" = 0 ]
