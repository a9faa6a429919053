# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Helpers to reach the component registry of a database."""

from .core import _component_databases


def get_component_registry(dbname):
    """Return the :class:`~.core.ComponentRegistry` of ``dbname``, or None."""
    return _component_databases.get(dbname)


def is_component_registry_ready(dbname):
    """Tell whether the component registry of ``dbname`` exists and is ready.

    For instance::

        if is_component_registry_ready(self.env.cr.dbname):
            ...
    """
    component_registry = get_component_registry(dbname)
    if component_registry is None:
        return False
    return component_registry.ready
