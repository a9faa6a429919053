#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Count the public names of the framework and how many the API reference documents.

A public name is a class or function defined (not imported) in a module of
``component``, ``component_event`` or ``connector`` (tests excluded) whose name
does not start with an underscore, and every public method of such a class
defined in the class itself, except the overrides of Odoo's own model
methods (``create``, ``write``, ``unlink``...), whose contract is Odoo's. It
is covered when the built manual's inventory (``objects.inv``) has an entry
for it, which autodoc only writes for a documented object.

    python3 connector/doc/check_api_coverage.py connector/doc/_build/html
    python3 connector/doc/check_api_coverage.py connector/doc/_build/html --missing

Exits 1 when ``--min`` is given and the coverage is below it.
"""

import argparse
import importlib
import inspect
import os
import pkgutil
import sys

ADDONS = ("component", "component_event", "connector")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _import_addons():
    import odoo.addons

    if ROOT not in odoo.addons.__path__:
        odoo.addons.__path__.append(ROOT)
    for addon in ADDONS:
        importlib.import_module(f"odoo.addons.{addon}")


def _modules():
    for addon in ADDONS:
        package = importlib.import_module(f"odoo.addons.{addon}")
        yield package
        prefix = package.__name__ + "."
        for info in pkgutil.walk_packages(package.__path__, prefix):
            if ".tests" in info.name or ".doc" in info.name:
                continue
            yield importlib.import_module(info.name)


def _own_methods(cls):
    from odoo.models import BaseModel

    for name, value in vars(cls).items():
        if name.startswith("_"):
            continue
        if issubclass(cls, BaseModel) and hasattr(BaseModel, name):
            continue
        if isinstance(
            value, staticmethod | classmethod | property
        ) or inspect.isfunction(value):
            yield name


def public_names():
    """Return the dotted names of every public class, function and method."""
    _import_addons()
    names = set()
    for module in _modules():
        for name, value in vars(module).items():
            if (
                name.startswith("_")
                or getattr(value, "__module__", None) != module.__name__
            ):
                continue
            if inspect.isclass(value):
                names.add(f"{module.__name__}.{name}")
                names.update(
                    f"{module.__name__}.{name}.{meth}" for meth in _own_methods(value)
                )
            elif inspect.isfunction(value):
                names.add(f"{module.__name__}.{name}")
    return names


def documented_names(html_dir):
    """Return the Python objects listed in the built manual's inventory."""
    from sphinx.util.inventory import InventoryFile

    with open(os.path.join(html_dir, "objects.inv"), "rb") as stream:
        inventory = InventoryFile.load(stream, "", os.path.join)
    names = set()
    for kind, entries in inventory.items():
        if kind.startswith("py:"):
            names.update(entries)
    return names


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html_dir", help="the folder sphinx-build wrote the HTML into")
    parser.add_argument(
        "--missing", action="store_true", help="list the names not covered"
    )
    parser.add_argument(
        "--min", type=float, help="fail below this coverage, in percent"
    )
    args = parser.parse_args(argv)
    existing = public_names()
    covered = existing & documented_names(args.html_dir)
    percent = 100.0 * len(covered) / len(existing) if existing else 100.0
    sys.stdout.write(
        f"API reference: {len(covered)} of {len(existing)} public names "
        f"documented ({percent:.1f} %)\n"
    )
    if args.missing:
        for name in sorted(existing - covered):
            sys.stdout.write(f"  not documented: {name}\n")
    if args.min is not None and percent < args.min:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
