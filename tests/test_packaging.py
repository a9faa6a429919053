"""Packaging: every addon builds a wheel named after it, with its manifest inside."""

import ast
import email.parser
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))


def normalize(name):
    """A distribution name as pip compares it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def test_suite_has_addons():
    """The repository holds the framework addons."""
    assert {"component", "component_event", "connector"} <= set(ADDONS)


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_pyproject_uses_whool(addon):
    """Each addon is built by whool, as OCA packages addons for 17.0 and later."""
    config = tomllib.loads((ROOT / addon / "pyproject.toml").read_text())
    assert config["build-system"] == {
        "requires": ["whool"],
        "build-backend": "whool.buildapi",
    }


def test_metapackage_names_every_addon():
    """setup/_metapackage depends on every addon of the repository, series 19.0."""
    config = tomllib.loads((ROOT / "setup/_metapackage/pyproject.toml").read_text())
    deps = config["project"]["dependencies"]
    expected = {f"odoo-addon-{normalize(addon)}==19.0.*" for addon in ADDONS}
    assert set(deps) == expected


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_wheel(addon, tmp_path):
    """`pip wheel --no-deps` builds odoo_addon_<name> with its manifest, for Odoo 19."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
        ]
        + ["-w", str(tmp_path), str(ROOT / addon)],
        check=True,
        capture_output=True,
    )
    wheels = list(tmp_path.glob("*.whl"))
    assert len(wheels) == 1, wheels
    assert wheels[0].name.startswith(f"odoo_addon_{addon}-19.0.")
    with zipfile.ZipFile(wheels[0]) as wheel:
        names = wheel.namelist()
        assert f"odoo/addons/{addon}/__manifest__.py" in names
        metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(wheel.read(metadata_name).decode())
    assert normalize(metadata["Name"]) == f"odoo-addon-{normalize(addon)}"
    manifest = ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())
    assert metadata["Version"].startswith(manifest["version"])
    requires = metadata.get_all("Requires-Dist") or []
    assert any(r.replace(" ", "").startswith("odoo==19.0") for r in requires), requires
