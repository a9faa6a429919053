# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest import mock

from odoo import api
from odoo.tests import common

from odoo.addons.component.core import ComponentRegistry, _component_databases


class TestWorkContextRegistry(common.TransactionCase):
    """Which registry a work context uses: the collection's context key, else
    the argument, else the registry of the database."""

    def setUp(self):
        super().setUp()
        self.env = api.Environment(self.env.cr, api.SUPERUSER_ID, {})
        self.database_registry = ComponentRegistry()
        patcher = mock.patch.dict(
            _component_databases, {self.env.cr.dbname: self.database_registry}
        )
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_database_registry(self):
        """Without argument nor context key, the database's registry is used."""
        with self.env["collection.base"].new().work_on("res.partner") as work:
            self.assertIs(self.database_registry, work.components_registry)

    def test_argument(self):
        """An explicit registry is used when the context has none."""
        registry = ComponentRegistry()
        collection = self.env["collection.base"].new()
        with collection.work_on("res.partner", components_registry=registry) as work:
            self.assertIs(registry, work.components_registry)
            self.assertIs(registry, work.work_on("res.users").components_registry)

    def test_context_wins(self):
        """The components_registry key of the collection context beats the argument."""
        in_context, argument = ComponentRegistry(), ComponentRegistry()
        env = self.env(context={"components_registry": in_context})
        collection = env["collection.base"].new()
        with collection.work_on("res.partner", components_registry=argument) as work:
            self.assertIs(in_context, work.components_registry)
