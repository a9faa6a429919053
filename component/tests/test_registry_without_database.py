# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import operator
from unittest import mock

from odoo.tests import common

from odoo.addons.component.core import (
    DEFAULT_CACHE_SIZE,
    Component,
    ComponentRegistry,
    MetaComponent,
    WorkContext,
)
from odoo.addons.component.exception import NoComponentError, SeveralComponentError


def mock_collection(name="my.collection", context=None):
    collection = mock.MagicMock(name=name)
    collection._name = name
    collection.env.context = context or {}
    collection.env.cr.dbname = "no_database"
    return collection


class TestRegistryWithoutDatabase(common.BaseCase):
    """The registry, its lookups and the work context run on plain Python
    objects: no database, no Odoo registry."""

    def setUp(self):
        super().setUp()
        self.registry = ComponentRegistry()
        self.registry.load_components("component")

    def _build(self, *classes):
        for cls in classes:
            cls._build_component(self.registry)

    def test_mapping_protocol(self):
        """The registry maps names to classes in insertion order, without len()."""
        self.assertEqual(DEFAULT_CACHE_SIZE, self.registry._cache.maxsize)
        self.assertFalse(self.registry.ready)
        self.assertIn("base", self.registry)
        self.assertIsNone(self.registry.get("nope"))
        self.assertEqual("fallback", self.registry.get("nope", "fallback"))
        self.registry["custom"] = marker = object()
        self.assertIs(marker, self.registry["custom"])
        self.assertEqual(["base", "custom"], list(self.registry))
        self.assertRaises(KeyError, operator.getitem, self.registry, "nope")
        with self.assertRaises(TypeError):
            len(self.registry)

    def test_load_components_once(self):
        """load_components builds the classes of an addon once per registry."""
        base = self.registry["base"]
        self.registry.load_components("component")
        self.assertIs(base, self.registry["base"])
        self.assertEqual({"component"}, self.registry._loaded_modules)
        self.assertEqual(
            ["component"],
            [cls._module for cls in MetaComponent._modules_components["component"]],
        )

    def test_lookup_reads_only_four_attributes(self):
        """lookup() is duck-typed: mocks with the four attributes are candidates."""
        spec = ["_abstract", "_collection", "_usage", "apply_on_models"]
        duck = mock.Mock(spec=spec)
        duck._abstract, duck._collection, duck._usage = False, None, "binder"
        duck.apply_on_models = ["res.partner"]
        self.registry["duck"] = duck
        self.assertEqual(
            [duck],
            self.registry.lookup("any", usage="binder", model_name="res.partner"),
        )
        self.assertEqual(
            [], self.registry.lookup("any", usage="binder", model_name="res.users")
        )

    def test_lookup_keys(self):
        """Positional and keyword calls share one cache entry, stable."""
        first = self.registry.lookup("my.collection")
        self.assertIs(first, self.registry.lookup("my.collection"))
        self.assertIs(first, self.registry.lookup(collection_name="my.collection"))
        self.registry.lookup("my.collection", usage="binder")
        self.assertEqual(2, len(self.registry._cache))

    def test_work_context_with_mock_collection(self):
        """A work context needs only a collection-like object and a registry."""

        class Adapter(Component):
            _name = "adapter"
            _collection = "my.collection"
            _usage = "backend.adapter"

        class Binder(Component):
            _name = "binder"
            _usage = "binder"
            _apply_on = ["res.partner"]

        self._build(Adapter, Binder)
        work = WorkContext(
            model_name="res.partner",
            collection=mock_collection(),
            components_registry=self.registry,
        )
        self.assertEqual("adapter", work.component(usage="backend.adapter")._name)
        self.assertEqual("binder", work.component(usage="binder")._name)
        self.assertIs(work, work.component(usage="binder").work)
        with self.assertRaisesRegex(
            NoComponentError, "usage 'binder', model_name 'res.users'"
        ):
            work.component(usage="binder", model_name="res.users")
        other = mock_collection("other.collection")
        other_work = work.work_on(collection=other)
        with self.assertRaises(NoComponentError):
            other_work.component(usage="backend.adapter")
        self.assertEqual("binder", other_work.component(usage="binder")._name)

    def test_precedence_can_empty_the_candidates(self):
        """Precedence may leave no candidate: SeveralComponentError, empty Found."""

        class GenericOne(Component):
            _name = "generic.one"
            _usage = "thing"
            _apply_on = "res.users"

        class GenericTwo(Component):
            _name = "generic.two"
            _usage = "thing"
            _apply_on = "res.users"

        self._build(GenericOne, GenericTwo)
        work = WorkContext(
            model_name="res.users",
            collection=mock_collection(),
            components_registry=self.registry,
        )
        # neither belongs to the collection: the collection filter leaves none
        with self.assertRaisesRegex(SeveralComponentError, r"Found: \[\]"):
            work.component(usage="thing")

    def test_component_by_name_checks(self):
        """component_by_name refuses another collection and hints at the right model."""

        class Scoped(Component):
            _name = "scoped"
            _collection = "other.collection"

        class TwoModels(Component):
            _name = "two.models"
            _apply_on = ["res.users", "res.company"]

        self._build(Scoped, TwoModels)
        work = WorkContext(
            model_name="res.partner",
            collection=mock_collection(),
            components_registry=self.registry,
        )
        with self.assertRaisesRegex(
            NoComponentError,
            "Component with name 'scoped' can't be used for collection "
            "'my.collection'.",
        ):
            work.component_by_name("scoped")
        with self.assertRaisesRegex(
            NoComponentError,
            r"model_name=<one of \['res.users', 'res.company'\]>",
        ):
            work.component_by_name("two.models")
        self.assertEqual(
            "res.company",
            work.component_by_name(
                "two.models", model_name="res.company"
            ).work.model_name,
        )
        with self.assertRaisesRegex(
            NoComponentError,
            "No component with name 'nope' found. Work context: collection "
            "'my.collection', model 'res.partner'. Hint: ",
        ):
            work.component_by_name("nope")
        # abstract components are reachable by name
        self.assertEqual("base", work.component_by_name("base")._name)

    def test_subclass_overriding_a_private_method_runs_it(self):  # pylint: disable=missing-return
        """A WorkContext subclass overriding any private method of the lookup
        gets the full path, where its override runs; one that overrides
        none keeps the fast path."""

        class Binder(Component):
            _name = "binder"
            _usage = "binder"

        self._build(Binder)
        calls = []

        class TracingWorkContext(WorkContext):
            def _select_component(self, *args, **kwargs):
                calls.append(args)
                return super()._select_component(*args, **kwargs)

        class PlainWorkContext(WorkContext):
            def describe(self):
                return str(self)

        self.assertFalse(TracingWorkContext._default_lookup)
        self.assertTrue(PlainWorkContext._default_lookup)
        work = TracingWorkContext(
            model_name="res.partner",
            collection=mock_collection(),
            components_registry=self.registry,
        )
        for _call in range(2):
            self.assertEqual("binder", work.component(usage="binder")._name)
        self.assertEqual(2, len(calls))
