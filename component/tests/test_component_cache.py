# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from unittest import mock

from odoo.addons.component.core import Component, ComponentRegistry
from odoo.addons.component.exception import SeveralComponentError

from .common import TransactionComponentRegistryCase


class TestComponentCache(TransactionComponentRegistryCase):
    """component() and many_components() keep the cache semantics of lookup():
    results derived from a cached lookup stay until the lookup result goes,
    and _component_match still runs on every call."""

    def setUp(self):
        super().setUp()
        self._setup_registry(self)

        class Generic(Component):
            _name = "generic"
            _collection = "collection.base"
            _usage = "cached"

        self.Generic = Generic
        self._build_components(Generic)
        self.collection_record = self.env[self.collection._name].new()

    def tearDown(self):
        self._teardown_registry(self)
        super().tearDown()

    def _work(self, registry=None):
        return self.collection_record.work_on(
            "res.partner", components_registry=registry or self.comp_registry
        )

    def _build_specific(self):
        class Specific(Component):
            _name = "specific"
            _collection = "collection.base"
            _usage = "cached"
            _apply_on = "res.partner"

        self._build_components(Specific)

    def test_component_stale_until_clear(self):
        """A component built after a lookup is not seen until _cache.clear()."""
        with self._work() as work:
            self.assertEqual("generic", work.component(usage="cached")._name)
            self._build_specific()
            self.assertEqual("generic", work.component(usage="cached")._name)
            self.comp_registry._cache.clear()
            self.assertEqual("specific", work.component(usage="cached")._name)

    def test_many_components_stale_until_clear(self):
        """many_components() also keeps its result until _cache.clear()."""
        with self._work() as work:
            self.assertEqual(
                ["generic"], [c._name for c in work.many_components(usage="cached")]
            )
            self._build_specific()
            self.assertEqual(
                ["generic"], [c._name for c in work.many_components(usage="cached")]
            )
            self.comp_registry._cache.clear()
            names = [c._name for c in work.many_components(usage="cached")]
            self.assertEqual(["generic", "specific"], names)

    def test_eviction_refreshes(self):
        """When the LRU evicts a lookup result, what was derived from it goes too."""
        registry = ComponentRegistry(cachesize=1)
        registry.load_components("component")
        self.comp_registry = registry
        self._build_components(self.Generic)
        env = self.env(context=dict(self.env.context, components_registry=registry))
        with env[self.collection._name].new().work_on("res.partner") as work:
            self.assertIs(registry, work.components_registry)
            self.assertEqual("generic", work.component(usage="cached")._name)
            self._build_specific()
            self.assertEqual("generic", work.component(usage="cached")._name)
            # a lookup of something else evicts the only cached result
            self.assertEqual([], work.many_components(usage="unknown"))
            self.assertEqual("specific", work.component(usage="cached")._name)

    def test_component_match_called_each_time(self):
        """A _component_match hook runs on every call, cached lookup or not."""
        calls = []

        class Matching(Component):
            _name = "matching"
            _collection = "collection.base"
            _usage = "matching"

            @classmethod
            def _component_match(cls, work, usage=None, model_name=None, **kw):
                calls.append(kw.get("flag"))
                return kw.get("flag", True)

        self._build_components(Matching)
        with self._work() as work:
            self.assertEqual("matching", work.component(usage="matching")._name)
            self.assertEqual("matching", work.component(usage="matching", flag=1)._name)
            self.assertEqual([], work.many_components(usage="matching", flag=0))
        self.assertEqual([None, 1, 0], calls)

    def test_component_match_old_signature(self):
        """A _component_match(cls, work) of the old signature still works."""

        class OldMatch(Component):
            _name = "old.match"
            _collection = "collection.base"
            _usage = "old.match"

            @classmethod
            def _component_match(cls, work):
                return work.model_name == "res.partner"

        self._build_components(OldMatch)
        with self._work() as work:
            with self.assertLogs(
                "odoo.addons.component.core", level=logging.INFO
            ) as logs:
                self.assertEqual("old.match", work.component(usage="old.match")._name)
            self.assertIn("_component_match should accept", "\n".join(logs.output))
            self.assertEqual(
                [], work.many_components(usage="old.match", model_name="res.users")
            )

    def test_mock_component(self):
        """A MagicMock registered as component is looked up and called each time."""
        binder = mock.MagicMock(name="binder")
        binder._name = "test.binder"
        binder._abstract = False
        binder._collection = "collection.base"
        binder._usage = "binder"
        binder.apply_on_models = ["res.partner"]
        binder.return_value = binder
        self.comp_registry["test.binder"] = binder
        with self._work() as work:
            self.assertIs(binder, work.component(usage="binder"))
            self.assertIs(binder, work.component(usage="binder"))
            self.assertEqual(2, binder.call_count)
            self.assertIs(binder, work.component_by_name("test.binder"))
            self.assertEqual(3, binder.call_count)
            binder.assert_called_with(work)

    def test_several_not_cached(self):
        """An ambiguous lookup raises on every call, not only the first."""
        # Both candidates belong to the collection and apply on any model: the
        # model filter leaves none of them, hence the empty "Found" list.

        class Other(Component):
            _name = "other"
            _collection = "collection.base"
            _usage = "cached"

        self._build_components(Other)
        with self._work() as work:
            for _attempt in range(2):
                with self.assertRaisesRegex(
                    SeveralComponentError, r"usage 'cached', .*Found: \[\]"
                ):
                    work.component(usage="cached")
