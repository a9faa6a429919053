# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Build the component registry of a database when its Odoo registry loads."""

from odoo import models
from odoo.modules.module_graph import ModuleGraph
from odoo.tools import SQL

from .core import DEFAULT_CACHE_SIZE, ComponentRegistry, _component_databases


class ComponentBuilder(models.AbstractModel):
    """Fill the component registry of the database with the components of the
    installed addons, in the order Odoo loads the addons (dependencies first).

    It runs from ``_register_hook``, i.e. each time the Odoo registry of the
    database is (re)built: after a server start, an install, an upgrade or an
    uninstall, so the components always follow the installed addons.
    """

    _name = "component.builder"
    _description = "Component Builder"

    # Maximum number of lookup results cached per registry; meant to be
    # overridden for installations with many collections, usages and models.
    _components_registry_cache_size = DEFAULT_CACHE_SIZE

    def _register_hook(self):
        # Deliberately no super(): nothing else hooks here, and the registry of
        # components must be replaced as a whole.
        components_registry = self._init_global_registry()
        self.build_registry(components_registry)
        components_registry.ready = True

    def _init_global_registry(self):
        """Create an empty registry and make it the one of this database."""
        components_registry = ComponentRegistry(
            cachesize=self._components_registry_cache_size
        )
        _component_databases[self.env.cr.dbname] = components_registry
        return components_registry

    def _get_component_addons(self, states, exclude_addons):
        query = SQL(
            "SELECT name FROM ir_module_module WHERE state IN %s", tuple(states)
        )
        if exclude_addons:
            query = SQL("%s AND name NOT IN %s", query, tuple(exclude_addons))
        self.env.cr.execute(query)
        return [name for (name,) in self.env.cr.fetchall()]

    def build_registry(self, components_registry, states=None, exclude_addons=None):
        """Load the components of the addons in ``states`` (by default the
        installed ones) into ``components_registry``, in loading order::

            registry = ComponentRegistry()
            builder = env["component.builder"]
            builder.build_registry(registry, exclude_addons=["my_addon"])
        """
        if not states:
            states = ("installed", "to upgrade")
        module_list = self._get_component_addons(states, exclude_addons)
        graph = ModuleGraph(self.env.cr)
        graph.extend(module_list)
        for node in graph:
            self.load_components(node.name, components_registry=components_registry)

    def load_components(self, module, components_registry=None):
        """Load the components of the addon ``module`` into
        ``components_registry`` (by default the registry of the database)."""
        if components_registry is None:
            components_registry = _component_databases[self.env.cr.dbname]
        components_registry.load_components(module)
