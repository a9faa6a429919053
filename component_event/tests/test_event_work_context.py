# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
from unittest import mock

from odoo.tests.common import BaseCase, tagged

from odoo.addons.component.core import WorkContext

from ..core import EventWorkContext


@tagged("standard", "at_install")
class TestEventWorkContext(BaseCase):
    """EventWorkContext with an env or a collection (no database needed)."""

    def setUp(self):
        super().setUp()
        self.env = mock.MagicMock(name="env")
        self.record = mock.MagicMock(name="record")
        self.components_registry = mock.MagicMock(name="ComponentRegistry")

    def _collection(self, name="collection"):
        collection = mock.MagicMock(name=name)
        collection.env = self.env
        return collection

    def _env_work(self):
        return EventWorkContext(
            model_name="res.users",
            env=self.env,
            components_registry=self.components_registry,
        )

    def _collection_work(self, collection):
        return EventWorkContext(
            model_name="res.users",
            collection=collection,
            components_registry=self.components_registry,
        )

    def test_env(self):
        """An env-only context exposes env and model; asking its collection fails."""
        work = self._env_work()
        self.assertIs(work.env, self.env)
        self.assertEqual(work.model_name, "res.users")
        self.assertEqual(work.model, self.env["res.users"])
        self.assertIs(work.components_registry, self.components_registry)
        with self.assertRaisesRegex(ValueError, "No collection"):
            _ = work.collection

    def test_collection(self):
        """A collection-only context takes its env from the collection."""
        collection = self._collection()
        work = self._collection_work(collection)
        self.assertIs(work.collection, collection)
        self.assertIs(work.env, self.env)
        self.assertEqual(work.model_name, "res.users")

    def test_env_and_collection(self):
        """Giving both an env and a collection is refused."""
        with self.assertRaisesRegex(ValueError, "cannot both be provided"):
            EventWorkContext(
                model_name="res.users",
                collection=self._collection(),
                env=self.env,
                components_registry=self.components_registry,
            )

    def test_missing(self):
        """Giving neither an env nor a collection is refused."""
        with self.assertRaisesRegex(ValueError, "collection or env is required"):
            EventWorkContext(
                model_name="res.users", components_registry=self.components_registry
            )

    def test_env_work_on(self):
        """work_on(model, collection) from an env context gives a plain WorkContext."""
        work = self._env_work()
        collection = self._collection()
        work2 = work.work_on("res.partner", collection=collection)
        self.assertIs(type(work2), WorkContext)
        self.assertIs(work2.collection, collection)
        self.assertIs(work2.env, self.env)
        self.assertEqual(work2.model_name, "res.partner")
        self.assertIs(work2.components_registry, self.components_registry)
        with self.assertRaises(ValueError):
            _ = work.collection

    def test_collection_work_on(self):
        """work_on(model) from a collection context gives a plain WorkContext."""
        collection = self._collection()
        work2 = self._collection_work(collection).work_on("res.partner")
        self.assertIs(type(work2), WorkContext)
        self.assertIs(work2.collection, collection)
        self.assertIs(work2.env, self.env)
        self.assertEqual(work2.model_name, "res.partner")
        self.assertIs(work2.components_registry, self.components_registry)

    def test_collection_work_on_collection(self):
        """work_on(collection=...) switches collection and keeps the model."""
        work = self._collection_work(self._collection())
        collection2 = self._collection("collection2")
        work2 = work.work_on(collection=collection2)
        self.assertIs(type(work2), WorkContext)
        self.assertIs(work2.collection, collection2)
        self.assertEqual(work2.model_name, "res.users")

    def test_work_on_without_collection(self):
        """work_on from an env context needs a collection."""
        with self.assertRaisesRegex(ValueError, "must provide a collection"):
            self._env_work().work_on("res.partner")

    def test_work_on_collection_other_env(self):
        """work_on refuses a collection living in another env."""
        collection = mock.MagicMock(name="collection")
        collection.env = mock.MagicMock(name="other env")
        with self.assertRaisesRegex(ValueError, "must be the same"):
            self._env_work().work_on(collection=collection)

    def test_work_on_propagates_kwargs(self):
        """Custom keyword arguments reach the WorkContext built by work_on."""
        work = EventWorkContext(
            model_name="res.users",
            env=self.env,
            components_registry=self.components_registry,
            api_client="client",
        )
        work2 = work.work_on(collection=self._collection())
        self.assertEqual(work2.api_client, "client")

    def test_lookup_without_collection(self):
        """Component lookups of an env context fail with a hint to use work_on."""
        work = self._env_work()
        for call in (
            lambda: work.component(usage="x"),
            lambda: work.many_components(usage="x"),
            lambda: work.component_by_name("x"),
        ):
            with self.assertRaisesRegex(TypeError, r"work_on\(collection="):
                call()

    def test_repr_env(self):
        """repr() of an env-only context works (upstream raised ValueError)."""
        text = repr(self._env_work())
        self.assertTrue(text.startswith("EventWorkContext("))
        self.assertIn("res.users", text)
        self.assertIn(repr(self.env), text)
        self.assertEqual(text, str(self._env_work()))

    def test_repr_collection(self):
        """repr() of a collection context names the collection."""
        collection = self._collection()
        text = repr(self._collection_work(collection))
        self.assertIn(repr(collection), text)
        self.assertIn("res.users", text)

    def test_repr_uninitialised(self):
        """repr() does not raise even before __init__ ran (e.g. in a debugger)."""
        work = EventWorkContext.__new__(EventWorkContext)
        self.assertTrue(repr(work).startswith("EventWorkContext("))
