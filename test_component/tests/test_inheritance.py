# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.component.tests.common import TransactionComponentCase


class TestComponentInheritance(TransactionComponentCase):
    """Methods given by 'base' and by parents reach the components."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.collection = cls.env["test.component.collection"].create({"name": "Test"})

    def test_inherit_base(self):
        """A method added to 'base' is available on any component."""
        with self.collection.work_on("res.users") as work:
            component = work.component_by_name("base")
            self.assertEqual("test_inherit_base", component.test_inherit_base())
            self.assertEqual(
                "test_inherit_base", work.component(usage="test1").test_inherit_base()
            )

    def test_inherit_component(self):
        """An abstract component is reachable by name and has its methods."""
        with self.collection.work_on("res.users") as work:
            component = work.component_by_name("mapper")
            self.assertEqual(
                "test_inherit_component", component.test_inherit_component()
            )

    def test_inherit_prototype_component(self):
        """A component inheriting another keeps the parent's and base's methods."""
        with self.collection.work_on("res.users") as work:
            component = work.component_by_name("test.mapper")
            self.assertEqual(
                "test_inherit_component", component.test_inherit_component()
            )
            self.assertEqual("test_inherit_base", component.test_inherit_base())
            self.assertEqual("test.mapper", component.name())
