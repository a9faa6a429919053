# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The set-up of Odoo by the two commands (``tests/lib/suite.sh``,
``tests/lib/odoo_venv.sh``), without building a virtualenv."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _bash(script, env=None):
    return subprocess.run(
        ["bash", "-c", f'source "{REPO}/tests/lib/suite.sh"\n{script}'],
        capture_output=True,
        text=True,
        env=dict(os.environ, **(env or {})),
        timeout=120,
        check=False,
    )


def _python_without_odoo(tmp_path):
    """A PATH whose python3 cannot import odoo (no site-packages)."""
    shims = tmp_path / "bin"
    shims.mkdir()
    shim = shims / "python3"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -S "$@"\n')
    shim.chmod(0o755)
    return f"{shims}:{os.environ['PATH']}"


def test_requirements_fixed_for_current_tooling(tmp_path):
    (tmp_path / "requirements.txt").write_text(
        "cbor2==5.4.2 ; python_version < '3.12'\n"
        "python-ldap==3.4.0 ; sys_platform != 'win32'\n"
        "PyPDF2==2.12.1 ; python_version > '3.10'\n"
        "lxml==4.9.3\n"
    )
    result = _bash(f'_odoo_requirements "{tmp_path}"; echo ---; _odoo_constraints')
    assert result.returncode == 0, result.stderr
    requirements, constraints = result.stdout.split("---\n")
    lines = requirements.splitlines()
    assert "cbor2" in lines
    assert not any(line.startswith(("cbor2==", "python-ldap")) for line in lines)
    assert (
        "lxml==4.9.3" in lines and "PyPDF2==2.12.1 ; python_version > '3.10'" in lines
    )
    assert constraints.splitlines() == ["setuptools>=70,<80", "PyPDF2<3"]


def test_not_an_odoo_tree_is_refused(tmp_path):
    """Without Odoo in python3, a wrong ODOO_SRC stops with a clear message,
    before anything is installed."""
    source = tmp_path / "not-odoo"
    source.mkdir()
    venv = tmp_path / "venv"
    result = _bash(
        "require_odoo",
        env={
            "PATH": _python_without_odoo(tmp_path),
            "ODOO_SRC": str(source),
            "SUITE_VENV": str(venv),
        },
    )
    assert result.returncode == 2
    assert f"ODOO_SRC={source} is not an Odoo source tree" in result.stderr
    assert not venv.exists()


def test_importable_odoo_used_as_it_is(tmp_path):
    venv = tmp_path / "venv"
    result = _bash("require_odoo && command -v python3", env={"SUITE_VENV": str(venv)})
    assert result.returncode == 0, result.stderr
    assert not venv.exists()
    assert str(venv) not in result.stdout
