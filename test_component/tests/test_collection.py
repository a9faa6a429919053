# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.component.tests.common import TransactionComponentCase


class TestComponentCollection(TransactionComponentCase):
    """Lookups through a real collection record and the addon's components."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.collection = cls.env["test.component.collection"].create({"name": "Test"})

    def test_component_by_name(self):
        """component_by_name finds a component of the collection."""
        with self.collection.work_on("res.partner") as work:
            component = work.component_by_name(name="test.mapper")
            self.assertEqual("test.mapper", component._name)
            self.assertEqual("test.mapper", component.name())
            self.assertEqual(self.collection, component.collection)

    def test_components_usage(self):
        """component(usage=...) finds the component of the usage and model."""
        with self.collection.work_on("res.partner") as work:
            self.assertEqual("test.mapper", work.component(usage="import.mapper")._name)
        with self.collection.work_on("res.users") as work:
            component = work.component(usage="test1")
            self.assertEqual("test.user.component", component._name)
            self.assertEqual(self.env["res.users"], component.model)
