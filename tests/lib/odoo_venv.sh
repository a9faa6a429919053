# Odoo 19.0 in a virtualenv inside the checkout, for a machine whose python3 cannot import it.
# Sourced by suite.sh; `use_odoo_venv` is called by `require_odoo` only when needed.
#
#   ODOO_SRC=/path/to/odoo-19.0   # a local Odoo 19.0 source tree (used in place, never modified)
#   ODOO_SRC=https://...git       # or a git URL, cloned (branch $ODOO_BRANCH, default 19.0)
#   SUITE_VENV=/elsewhere         # where the virtualenv lives (default: <checkout>/.venv)
#
# The source tree is not pip-installed: a .pth file puts it on the virtualenv's sys.path, so Odoo
# runs from it as `odoo-bin` does, and finds the community addons of `<src>/addons` by itself (a pip
# install of the tree would leave them out). A marker dist-info tells pip that `odoo` is installed,
# so that `odoo-addon-*` packages resolve against it.

ODOO_SRC_DEFAULT=https://github.com/odoo/odoo.git
SUITE_SETUPTOOLS='setuptools>=70,<80'
SUITE_VENV=${SUITE_VENV:-$SUITE_ROOT/.venv}

# Odoo's requirements.txt pins a few packages that no longer install with current tooling: cbor2
# 5.4.2 does not build (current releases work), python-ldap needs the OpenLDAP headers (only the
# optional auth_ldap addon uses it), gevent 22.10.2 imports pkg_resources (setuptools 81+ dropped
# it; 80.x prints a deprecation warning on each start of the gevent server, 70+ reads the
# normalized names of current wheels' metadata), PyPDF2 3.x breaks Odoo's import (2.12.1 works).
_odoo_requirements() {
    local src=$1 drop='cbor2|python-ldap'
    # psycopg2 builds from source against libpq's headers; without them, its binary wheel.
    command -v pg_config >/dev/null 2>&1 || drop="$drop|psycopg2"
    grep -viE "^[[:space:]]*($drop)[[:space:]=<>;]" "$src/requirements.txt"
    echo "cbor2"
    command -v pg_config >/dev/null 2>&1 || echo "psycopg2-binary"
}

_odoo_constraints() {
    printf '%s\n' "$SUITE_SETUPTOOLS" 'PyPDF2<3'
}

_venv_python() { printf '%s/bin/python' "$SUITE_VENV"; }

_venv_ready() {
    [ -f "$SUITE_VENV/.suite-odoo-ready" ] && "$(_venv_python)" - <<'PY' >/dev/null 2>&1
import odoo.release
assert odoo.release.version_info[0] == 19
PY
}

# The Odoo source to use: a local directory as it is, anything else cloned into the virtualenv.
_odoo_source() {
    local src=${ODOO_SRC:-$ODOO_SRC_DEFAULT}
    if [ -d "$src" ]; then
        (cd "$src" && pwd)
        return 0
    fi
    local dest="$SUITE_VENV/src/odoo" branch=${ODOO_BRANCH:-19.0}
    if [ ! -f "$dest/odoo-bin" ]; then
        command -v git >/dev/null 2>&1 || die "git is needed to fetch Odoo from $src (or set ODOO_SRC to a local Odoo 19.0 tree)."
        rm -rf "$dest"
        say "cloning Odoo $branch from $src (about 400 MB)" >&2
        git clone --quiet --depth 1 --branch "$branch" "$src" "$dest" >&2 \
            || die "could not clone $src (branch $branch); set ODOO_SRC to a local Odoo 19.0 tree."
    fi
    printf '%s' "$dest"
}

_build_odoo_venv() {
    local src=$1 log=$SUITE_VENV.log
    [ -f "$src/odoo-bin" ] && [ -f "$src/requirements.txt" ] && [ -d "$src/addons" ] \
        || die "ODOO_SRC=$src is not an Odoo source tree (no odoo-bin, requirements.txt or addons/)."
    grep -qE "^version_info = \(19, 0," "$src/odoo/release.py" \
        || die "ODOO_SRC=$src is not Odoo 19.0 (see $src/odoo/release.py)."
    say "installing Odoo 19.0 from $src into $SUITE_VENV (first run only: from 20 s to a few minutes; log: $log)"
    : >"$log"
    if [ ! -x "$(_venv_python)" ]; then
        python3 -m venv "$SUITE_VENV" >>"$log" 2>&1 \
            || die "python3 -m venv failed (on Debian/Ubuntu: apt-get install python3-venv); log: $log"
    fi
    local py pip_q=(--disable-pip-version-check --no-input)
    py=$(_venv_python)
    _odoo_requirements "$src" >"$SUITE_VENV/odoo-requirements.txt"
    _odoo_constraints >"$SUITE_VENV/odoo-constraints.txt"
    "$py" -m pip install "${pip_q[@]}" --upgrade pip wheel "$SUITE_SETUPTOOLS" >>"$log" 2>&1 \
        && "$py" -m pip install "${pip_q[@]}" -r "$SUITE_VENV/odoo-requirements.txt" \
            -c "$SUITE_VENV/odoo-constraints.txt" >>"$log" 2>&1 \
        || { tail -30 "$log" >&2; die "pip could not install Odoo's requirements (log: $log)."; }
    _link_odoo_source "$src" "$py"
    _venv_ready || { tail -30 "$log" >&2; die "Odoo still does not import in $SUITE_VENV (log: $log)."; }
}

# Put the source tree on the virtualenv's path, declare the `odoo` distribution to pip and write an
# `odoo` command that runs the tree's odoo-bin.
_link_odoo_source() {
    local src=$1 py=$2 site version
    site=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    printf '%s\n' "$src" >"$site/odoo-source.pth"
    version=$(sed -nE 's/^version_info = \(([0-9]+), ([0-9]+),.*/\1.\2/p' "$src/odoo/release.py")
    local info="$site/odoo-$version.dist-info"
    mkdir -p "$info"
    printf 'Metadata-Version: 2.1\nName: odoo\nVersion: %s\nSummary: Odoo, run from %s\n' \
        "$version" "$src" >"$info/METADATA"
    printf 'suite-venv\n' >"$info/INSTALLER"
    printf 'odoo-%s.dist-info/METADATA,,\nodoo-%s.dist-info/INSTALLER,,\nodoo-%s.dist-info/RECORD,,\n' \
        "$version" "$version" "$version" >"$info/RECORD"
    cat >"$SUITE_VENV/bin/odoo" <<SH
#!/bin/sh
# Odoo 19.0 from $src (written by tests/lib/odoo_venv.sh)
exec "$py" "$src/odoo-bin" "\$@"
SH
    chmod +x "$SUITE_VENV/bin/odoo"
    printf '%s\n' "$src" >"$SUITE_VENV/.suite-odoo-ready"
}

# Make the checkout's virtualenv (built on first use) the python3 and odoo of this command.
use_odoo_venv() {
    if ! _venv_ready; then
        command -v python3 >/dev/null 2>&1 || die "python3 is not installed."
        _build_odoo_venv "$(_odoo_source)"
    fi
    PATH="$SUITE_VENV/bin:$PATH"
    VIRTUAL_ENV=$SUITE_VENV
    export PATH VIRTUAL_ENV
    say "using Odoo 19.0 from $(cat "$SUITE_VENV/.suite-odoo-ready") in $SUITE_VENV"
}
