# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.component.core import WorkContext

from .common import TransactionComponentRegistryCase


class TestWorkOn(TransactionComponentRegistryCase):
    """collection.base.work_on() and the propagation of the work context."""

    def setUp(self):
        super().setUp()
        self._setup_registry(self)

    def tearDown(self):
        self._teardown_registry(self)
        super().tearDown()

    def test_collection_work_on(self):
        """work_on yields a WorkContext on the collection and model."""
        collection_record = self.env[self.collection._name].new()
        with collection_record.work_on("res.partner") as work:
            self.assertIsInstance(work, WorkContext)
            self.assertEqual(collection_record, work.collection)
            self.assertEqual("res.partner", work.model_name)
            self.assertEqual(self.env["res.partner"], work.model)
            self.assertEqual(self.env, work.env)

    def test_collection_work_on_registry_via_context(self):
        """The components_registry key of the collection's context is used."""
        collection_record = self.env[self.collection._name].new()
        with collection_record.work_on("res.partner") as work:
            self.assertIs(self.comp_registry, work.components_registry)

    def test_propagate_work_on(self):
        """Custom attributes and the registry propagate to a new work context."""
        collection_record = self.env[self.collection._name].new()
        with collection_record.work_on(
            "res.partner", components_registry=self.comp_registry, test_keyword="value"
        ) as work:
            self.assertIs(self.comp_registry, work.components_registry)
            self.assertEqual("value", work.test_keyword)
            user_work = work.work_on("res.users")
            self.assertIsNot(work, user_work)
            self.assertEqual("res.users", user_work.model_name)
            self.assertEqual(self.env["res.users"], user_work.model)
            self.assertIs(self.comp_registry, user_work.components_registry)
            self.assertEqual("value", user_work.test_keyword)
            self.assertEqual(collection_record, user_work.collection)
