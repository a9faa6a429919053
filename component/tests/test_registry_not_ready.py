# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest import mock

from odoo import api
from odoo.tests import common

from odoo.addons.component.core import _component_databases
from odoo.addons.component.exception import RegistryNotReadyError


class TestRegistryNotReady(common.TransactionCase):
    """Without a component registry for the database, work contexts fail
    with RegistryNotReadyError naming the database."""

    def test_no_registry(self):
        """work_on on a database without registry raises RegistryNotReadyError."""
        dbname = self.env.cr.dbname
        env = api.Environment(self.env.cr, api.SUPERUSER_ID, {})
        collection = env["collection.base"].new()
        databases = {
            name: reg for name, reg in _component_databases.items() if name != dbname
        }
        with (
            mock.patch.dict(_component_databases, databases, clear=True),
            self.assertLogs("odoo.addons.component.core", level="ERROR") as logs,
            self.assertRaises(RegistryNotReadyError) as raised,
            collection.work_on("res.partner"),
        ):
            pass  # pragma: no cover
        message = str(raised.exception)
        self.assertIn(
            f"No component registry for database {dbname}. Probably because the Odoo "
            "registry has not been built yet.",
            message,
        )
        self.assertIn("TransactionComponentCase", message)
        self.assertIsInstance(raised.exception.__cause__, KeyError)
        self.assertIn(dbname, logs.output[0])
