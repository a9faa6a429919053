# Shared set-up for the suite's commands (sourced by tests/run.sh and tests/demo.sh).
# Each step either succeeds or stops the command with a message saying what is missing.

SUITE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export SUITE_ROOT
# The demo shop server is the plain Python package `demo_shop` in tests/demo_shop: on the path of
# every process these commands start (Odoo's tests start it and talk to it through its client).
export PYTHONPATH="$SUITE_ROOT/tests/demo_shop${PYTHONPATH:+:$PYTHONPATH}"

# docutils' reports on the module descriptions Odoo renders at install are not our log's business
export DOCUTILSCONFIG=${DOCUTILSCONFIG:-$SUITE_ROOT/tests/lib/docutils.conf}

say() { printf '[suite] %s\n' "$*"; }
die() { printf '[suite] ERROR: %s\n' "$*" >&2; exit 2; }

# The addons of this repository: every top-level folder with a manifest.
suite_addons() {
    local dir
    for dir in "$SUITE_ROOT"/*/; do
        [ -f "$dir/__manifest__.py" ] && basename "$dir"
    done
}

source "$SUITE_ROOT/tests/lib/odoo_venv.sh"

# Odoo 19.0 as python3 has it; otherwise the checkout's virtualenv, built on first use from
# $ODOO_SRC (see odoo_venv.sh). Everything after this runs with that python3 and odoo.
require_odoo() {
    if command -v python3 >/dev/null 2>&1 && python3 - <<'PY' >/dev/null 2>&1
import odoo.release
assert odoo.release.version_info[0] == 19
PY
    then
        command -v odoo >/dev/null 2>&1 || die "Odoo 19.0 is importable but the 'odoo' command is not on PATH."
        return 0
    fi
    use_odoo_venv
}

# Start PostgreSQL where it is installed but stopped, and make sure the current OS user has a role
# (Odoo connects over the local socket with peer authentication).
ensure_postgres() {
    if ! command -v psql >/dev/null 2>&1; then
        die "PostgreSQL is not installed (no psql). Install PostgreSQL 13 or newer and retry."
    fi
    if ! pg_isready -q 2>/dev/null; then
        if command -v pg_lsclusters >/dev/null 2>&1; then
            local version cluster
            while read -r version cluster _; do
                say "starting PostgreSQL cluster $version/$cluster"
                pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true
            done < <(pg_lsclusters --no-header 2>/dev/null)
        fi
        local i
        for i in $(seq 1 30); do pg_isready -q 2>/dev/null && break; sleep 1; done
        pg_isready -q 2>/dev/null || die "PostgreSQL is installed but not running and could not be started (try: pg_ctlcluster 15 main start)."
    fi
    local me
    me=$(id -un)
    if ! psql -d postgres -Atc 'select 1' >/dev/null 2>&1; then
        say "creating PostgreSQL role '$me'"
        if [ "$me" = root ]; then
            runuser -u postgres -- createuser --superuser "$me" \
                || die "could not create the PostgreSQL role '$me'."
        else
            sudo -n -u postgres createuser --createdb "$me" 2>/dev/null \
                || die "no PostgreSQL role for '$me': run 'sudo -u postgres createuser --createdb $me'."
        fi
    fi
}

install_requirements() {
    local quiet=(--quiet --disable-pip-version-check)
    say "installing Python requirements"
    python3 -m pip install "${quiet[@]}" -r "$SUITE_ROOT/requirements.txt" "$@" >/tmp/suite-pip.log 2>&1 \
        || { cat /tmp/suite-pip.log >&2; die "pip could not install the requirements."; }
    ensure_gevent
}

# Odoo's websocket server (--gevent-port, started with --workers) runs gevent's monkey patching,
# which loads gevent's plugins through pkg_resources: with setuptools 81+ it is missing, with
# setuptools older than 70 it does not find current wheels (zope_interface-*.dist-info), and the
# server dies at each start, a traceback a few times a second. The fix is a setuptools in between.
ensure_gevent() {
    python3 - <<'PY' >/dev/null 2>&1 && return 0
import warnings
warnings.simplefilter("ignore")
import gevent.events
from pkg_resources import iter_entry_points
for plugin in iter_entry_points(gevent.events.GeventWillPatchAllEvent.ENTRY_POINT_NAME):
    plugin.load()
PY
    say "gevent's plugins do not load with this setuptools: installing $SUITE_SETUPTOOLS"
    python3 -m pip install --quiet --disable-pip-version-check "$SUITE_SETUPTOOLS" >/tmp/suite-pip.log 2>&1 \
        || { cat /tmp/suite-pip.log >&2; die "pip could not install $SUITE_SETUPTOOLS."; }
}

# Tours run in headless Chromium: Debian's package, installed here when we may.
ensure_chromium() {
    if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
        || command -v google-chrome >/dev/null 2>&1; then
        return 0
    fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing Debian's chromium for the tours"
        (apt-get update -qq && apt-get install -y -qq chromium) >/tmp/suite-apt.log 2>&1 \
            || { tail -20 /tmp/suite-apt.log >&2; die "could not install chromium (needed by the tours)."; }
    else
        die "headless Chromium is missing (needed by the tours): install Debian's 'chromium' package."
    fi
}

fresh_db() {
    dropdb --if-exists "$1" >/dev/null 2>&1 || die "could not drop database $1"
    createdb "$1" || die "could not create database $1"
}
