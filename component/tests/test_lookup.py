# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.component.core import AbstractComponent, Component

from .common import TransactionComponentRegistryCase


class TestLookup(TransactionComponentRegistryCase):
    """ComponentRegistry.lookup(): filters, order and cache."""

    def setUp(self):
        super().setUp()
        self._setup_registry(self)

    def tearDown(self):
        self._teardown_registry(self)
        super().tearDown()

    def test_lookup_collection(self):
        """Only the components of the collection (or of none) are returned."""

        class Foo(Component):
            _name = "foo"
            _collection = "foobar"

        class Bar(Component):
            _name = "bar"
            _collection = "foobar"

        class Homer(Component):
            _name = "homer"
            _collection = "other"

        self._build_components(Foo, Bar, Homer)
        components = self.comp_registry.lookup("foobar")
        self.assertEqual(["foo", "bar"], [c._name for c in components])

    def test_lookup_usage(self):
        """Only the components of the usage are returned."""

        class Foo(Component):
            _name = "foo"
            _usage = "speaker"

        class Bar(Component):
            _name = "bar"
            _usage = "speaker"

        class Baz(Component):
            _name = "baz"
            _usage = "listener"

        self._build_components(Foo, Bar, Baz)
        components = self.comp_registry.lookup(usage="listener")
        self.assertEqual("baz", components[0]._name)
        components = self.comp_registry.lookup(usage="speaker")
        self.assertEqual(["foo", "bar"], [c._name for c in components])

    def test_lookup_no_component(self):
        """A lookup without match returns an empty list."""
        self.assertEqual([], self.comp_registry.lookup("something", usage="something"))

    def test_get_by_name(self):
        """The registry gives access to any component by name, abstract included."""

        class Foo(AbstractComponent):
            _name = "foo"

        self._build_components(Foo)
        self.assertEqual("foo", self.comp_registry["foo"]._name)
        self.assertTrue(self.comp_registry["foo"]._abstract)

    def test_lookup_abstract(self):
        """Abstract components are never returned by a lookup."""

        class Foo(AbstractComponent):
            _name = "foo"
            _collection = "foobar"
            _usage = "speaker"

        class Foo2(Component):
            _name = "foo2"
            _inherit = "foo"
            _collection = "foobar"

        self._build_components(Foo, Foo2)
        components = self.comp_registry.lookup(collection_name="foobar")
        self.assertEqual(["foo2"], [c._name for c in components])
        components = self.comp_registry.lookup(usage="speaker")
        self.assertEqual(["foo2"], [c._name for c in components])

    def test_lookup_model_name(self):
        """_apply_on as list or string restricts models; none matches any model."""

        class Foo(Component):
            _name = "foo"
            _collection = "foobar"
            _usage = "speaker"
            _apply_on = ["res.partner"]

        class Foo2(Component):
            _name = "foo2"
            _collection = "foobar"
            _usage = "speaker"
            _apply_on = "res.users"

        class Foo3(Component):
            _name = "foo3"
            _collection = "foobar"
            _usage = "speaker"

        self._build_components(Foo, Foo2, Foo3)
        registry = self.comp_registry
        components = registry.lookup(
            collection_name="foobar", usage="speaker", model_name="res.partner"
        )
        self.assertEqual(["foo", "foo3"], [c._name for c in components])
        components = registry.lookup(
            collection_name="foobar", usage="speaker", model_name="res.users"
        )
        self.assertEqual(["foo2", "foo3"], [c._name for c in components])
        components = registry.lookup(
            collection_name="foobar", usage="speaker", model_name="res.company"
        )
        self.assertEqual(["foo3"], [c._name for c in components])

    def test_lookup_cache(self):
        """Lookup results stay the same list until the cache is cleared."""

        class Foo(Component):
            _name = "foo"
            _collection = "foobar"

        self._build_components(Foo)
        components = self.comp_registry.lookup("foobar")
        self.assertEqual(["foo"], [c._name for c in components])

        class Foo2(Component):
            _name = "foo2"
            _collection = "foobar"

        self._build_components(Foo2)
        again = self.comp_registry.lookup("foobar")
        self.assertIs(components, again)
        self.assertEqual(["foo"], [c._name for c in again])

        self.comp_registry._cache.clear()
        components = self.comp_registry.lookup("foobar")
        self.assertEqual(["foo", "foo2"], [c._name for c in components])
