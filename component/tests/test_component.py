# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager

from odoo.addons.component.core import Component
from odoo.addons.component.exception import NoComponentError, SeveralComponentError

from .common import TransactionComponentRegistryCase


class TestComponent(TransactionComponentRegistryCase):
    """Getting components from a work context: by name, by usage, precedence."""

    def setUp(self):
        super().setUp()
        self._setup_registry(self)

        class Component1(Component):
            _name = "component1"
            _collection = "collection.base"
            _usage = "for.test"
            _apply_on = ["res.partner"]

        class Component2(Component):
            _name = "component2"
            _collection = "collection.base"
            _usage = "for.test"
            _apply_on = ["res.users"]

        self._build_components(Component1, Component2)
        self.collection_record = self.env[self.collection._name].new()

    def tearDown(self):
        self._teardown_registry(self)
        super().tearDown()

    @contextmanager
    def get_base(self):
        with self.collection_record.work_on(
            "res.partner", components_registry=self.comp_registry
        ) as work:
            yield work.component_by_name("base")

    def test_component_attrs(self):
        """A component exposes the collection, work, env and model of its work."""
        with self.collection_record.work_on(
            "res.partner", components_registry=self.comp_registry
        ) as work:
            comp = work.component_by_name("component1")
            self.assertEqual(self.collection_record, comp.collection)
            self.assertEqual(work, comp.work)
            self.assertEqual(self.env, comp.env)
            self.assertEqual(self.env["res.partner"], comp.model)

    def test_component_get_by_name_same_model(self):
        """component_by_name returns the component on the work's model."""
        with self.get_base() as base:
            comp = base.component_by_name("component1")
            self.assertEqual("component1", comp._name)
            self.assertEqual(self.env["res.partner"], comp.model)
            self.assertIs(base.work, comp.work)

    def test_component_get_by_name_other_model(self):
        """component_by_name on another model spawns a new work context."""
        with self.get_base() as base:
            comp = base.component_by_name("component2", model_name="res.users")
            self.assertEqual("component2", comp._name)
            self.assertEqual(self.env["res.users"], comp.model)
            self.assertIsNot(base.work, comp.work)
            self.assertEqual("res.partner", base.work.model_name)
            self.assertEqual(self.env["res.partner"], base.work.model)

    def test_component_get_by_name_wrong_model(self):
        """component_by_name refuses a component not applied on the model."""
        msg = "Component with name 'component2' can't be used for model 'res.partner'.*"
        with self.get_base() as base, self.assertRaisesRegex(NoComponentError, msg):
            base.component_by_name("component2")

    def test_component_get_by_name_not_exist(self):
        """component_by_name with an unknown name raises NoComponentError."""
        msg = "No component with name 'foo' found."
        with self.get_base() as base, self.assertRaisesRegex(NoComponentError, msg):
            base.component_by_name("foo")

    def test_component_by_usage_same_model(self):
        """component(usage=...) returns the component of the work's model."""
        with self.get_base() as base:
            comp = base.component(usage="for.test")
            self.assertEqual("component1", comp._name)
            self.assertEqual(self.env["res.partner"], comp.model)
            self.assertIs(base.work, comp.work)

    def test_component_by_usage_other_model(self):
        """component(usage, model_name) on another model uses a new work."""
        with self.get_base() as base:
            comp = base.component(usage="for.test", model_name="res.users")
            self.assertEqual("component2", comp._name)
            self.assertEqual(self.env["res.users"], comp.model)
            self.assertIsNot(base.work, comp.work)
            self.assertEqual("res.partner", base.work.model_name)
            self.assertEqual(self.env["res.partner"], base.work.model)

    def test_component_by_usage_other_model_env(self):
        """model_name may be given as a recordset."""
        with self.get_base() as base:
            comp = base.component(usage="for.test", model_name=self.env["res.users"])
            self.assertEqual("component2", comp._name)
            self.assertEqual(self.env["res.users"], comp.model)
            self.assertIsNot(base.work, comp.work)
            self.assertEqual("res.partner", base.work.model_name)

    def test_component_error_several(self):
        """Two generic components for the same usage cannot be told apart."""

        class Component3(Component):
            _name = "component3"
            _collection = "collection.base"
            _usage = "for.test.several"

        class Component4(Component):
            _name = "component4"
            _collection = "collection.base"
            _usage = "for.test.several"

        self._build_components(Component3, Component4)
        with self.get_base() as base, self.assertRaises(SeveralComponentError):
            base.component(usage="for.test.several")

    def test_component_error_several_same_model(self):
        """Two components applied on the same model cannot be told apart."""

        class Component3(Component):
            _name = "component3"
            _collection = "collection.base"
            _usage = "for.test"
            _apply_on = ["res.partner"]

        self._build_components(Component3)
        with self.get_base() as base, self.assertRaises(SeveralComponentError):
            base.component(usage="for.test")

    def test_component_specific_model(self):
        """A component applied on the model beats a generic one."""

        class Component3(Component):
            _name = "component3"
            _collection = "collection.base"
            _usage = "for.test"

        self._build_components(Component3)
        with self.get_base() as base:
            comp = base.component(usage="for.test")
            self.assertEqual("component1", comp._name)

    def test_component_specific_collection(self):
        """A component of the collection beats one without collection."""

        class Component3(Component):
            _name = "component3"
            _collection = "collection.base"
            _usage = "for.test2"

        class Component4(Component):
            _name = "component4"
            _usage = "for.test2"

        self._build_components(Component3, Component4)
        with self.get_base() as base:
            comp = base.component(usage="for.test2")
            self.assertEqual("component3", comp._name)

    def test_component_specific_collection_specific_model(self):
        """A component of the collection and model beats a fully generic one."""

        class Component3(Component):
            _name = "component3"
            _collection = "collection.base"
            _usage = "for.test3"
            _apply_on = ["res.partner"]

        class Component4(Component):
            _name = "component4"
            _usage = "for.test3"

        self._build_components(Component3, Component4)
        with self.get_base() as base:
            comp = base.component(usage="for.test3")
            self.assertEqual("component3", comp._name)

    def test_many_components(self):
        """many_components returns every match in registration order."""

        class Component3(Component):
            _name = "component3"
            _collection = "collection.base"
            _usage = "for.test"

        self._build_components(Component3)
        with self.get_base() as base:
            comps = base.many_components(usage="for.test")
            self.assertEqual(["component1", "component3"], [c._name for c in comps])

    def test_many_components_other_model(self):
        """many_components on another model (string _apply_on)."""

        class Component3(Component):
            _name = "component3"
            _collection = "collection.base"
            _apply_on = "res.users"
            _usage = "for.test"

        self._build_components(Component3)
        with self.get_base() as base:
            comps = base.many_components(usage="for.test", model_name="res.users")
            self.assertEqual(["component2", "component3"], [c._name for c in comps])
            self.assertEqual(self.env["res.users"], comps[0].model)

    def test_many_components_other_model_env(self):
        """many_components accepts a recordset as model_name."""

        class Component3(Component):
            _name = "component3"
            _collection = "collection.base"
            _apply_on = "res.users"
            _usage = "for.test"

        self._build_components(Component3)
        with self.get_base() as base:
            comps = base.many_components(
                usage="for.test", model_name=self.env["res.users"]
            )
            self.assertEqual(["component2", "component3"], [c._name for c in comps])

    def test_no_component(self):
        """component() with an unknown usage raises NoComponentError."""
        with self.get_base() as base, self.assertRaises(NoComponentError):
            base.component(usage="foo")

    def test_no_many_component(self):
        """many_components() with an unknown usage returns an empty list."""
        with self.get_base() as base:
            self.assertEqual([], base.many_components(usage="foo"))

    def test_work_on_component(self):
        """WorkContext.component() returns the component."""
        with self.collection_record.work_on(
            "res.partner", components_registry=self.comp_registry
        ) as work:
            self.assertEqual("component1", work.component(usage="for.test")._name)

    def test_work_on_many_components(self):
        """WorkContext.many_components() returns the components."""
        with self.collection_record.work_on(
            "res.partner", components_registry=self.comp_registry
        ) as work:
            comps = work.many_components(usage="for.test")
            self.assertEqual(["component1"], [c._name for c in comps])

    def test_component_match(self):
        """A candidate whose _component_match returns False is excluded."""

        class Component3(Component):
            _name = "component3"
            _collection = "collection.base"
            _usage = "for.test"
            _apply_on = ["res.partner"]

            @classmethod
            def _component_match(cls, work, **kw):
                return False

        self._build_components(Component3)
        with self.get_base() as base:
            self.assertEqual("component1", base.component(usage="for.test")._name)
