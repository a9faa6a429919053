# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest import mock

from odoo.tests import common

from odoo.addons.component.core import ComponentRegistry
from odoo.addons.component.utils import is_component_registry_ready


class TestUtils(common.BaseCase):
    """odoo.addons.component.utils helpers."""

    def test_registry_ready(self):
        """is_component_registry_ready follows the registry of the database."""
        path = "odoo.addons.component.utils.get_component_registry"
        with mock.patch(path) as getter:
            getter.return_value = None
            self.assertFalse(is_component_registry_ready("dbname"))
            registry = ComponentRegistry()
            getter.return_value = registry
            self.assertFalse(is_component_registry_ready("dbname"))
            registry.ready = True
            self.assertTrue(is_component_registry_ready("dbname"))
            getter.assert_called_with("dbname")
