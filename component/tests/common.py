# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Base classes for the tests of components (public: other addons use them).

* :class:`TransactionComponentCase`: use the real components of the addon
  under test and of its dependencies::

      class TestImporter(TransactionComponentCase):
          def test_import(self):
              backend = self.env["demo.shop.backend"].create({"name": "Shop"})
              with backend.work_on("demo.shop.res.partner") as work:
                  importer = work.component(usage="record.importer")

* :class:`TransactionComponentRegistryCase`: full control over which
  components exist, for tests of the registry itself or of abstract
  components::

      class TestMyLookup(TransactionComponentRegistryCase):
          def setUp(self):
              super().setUp()
              self._setup_registry(self)

          def tearDown(self):
              self._teardown_registry(self)
              super().tearDown()

          def test_lookup(self):
              class Thing(Component):
                  _name = "thing"
                  _usage = "thing"

              self._build_components(Thing)
              collection = self.env[self.collection._name].new()
              with collection.work_on("res.partner") as work:
                  self.assertEqual(work.component(usage="thing")._name, "thing")
"""

import copy
from contextlib import contextmanager

from odoo import api
from odoo.modules.registry import Registry
from odoo.tests import common

from ..core import ComponentRegistry, MetaComponent, _get_addon_name


@contextmanager
def new_rollbacked_env():
    """Yield a superuser environment on a new cursor of the test database,
    rolled back and closed afterwards."""
    registry = Registry(common.get_db_name())
    cr = registry.cursor()
    try:
        yield api.Environment(cr, api.SUPERUSER_ID, {})
    finally:
        cr.rollback()
        cr.close()


class ComponentMixin:
    """Give a test class the component registry of the installed addons plus
    the components of the addon under test (which may still be "to install"
    when at_install tests run)."""

    @classmethod
    def setUpComponent(cls):
        with new_rollbacked_env() as env:
            builder = env["component.builder"]
            # replaces the registry of the database: the addon under test may
            # not be in it yet
            components_registry = builder._init_global_registry()
            cls._components_registry = components_registry
            # only the dependencies: the addon under test is loaded below
            builder.build_registry(components_registry, states=("installed",))
            current_addon = _get_addon_name(cls.__module__)
            env["component.builder"].load_components(
                current_addon, components_registry=components_registry
            )
        if hasattr(cls, "env"):
            cls.env = cls.env(
                context=dict(cls.env.context, components_registry=components_registry)
            )

    def setUpComponentRegistryReady(self):
        # ready only while a test runs: events must not fire during install
        self._components_registry.ready = True
        self.addCleanup(self._set_components_registry_not_ready)

    def _set_components_registry_not_ready(self):
        self._components_registry.ready = False


class TransactionComponentCase(common.TransactionCase, ComponentMixin):
    """Transaction test case using the real components of the addon under
    test and of its dependencies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setUpComponent()

    def setUp(self):
        super().setUp()
        self.setUpComponentRegistryReady()


class ComponentRegistryCase:
    """Mixin for tests that decide which components exist.

    ``_setup_registry`` creates ``comp_registry`` with the components of
    ``component`` and of the installed addons, except the addon under test
    (load them with ``_load_module_components``) and components declared in
    tests (build them with ``_build_components``).
    """

    @staticmethod
    def _setup_registry(class_or_instance):
        # keep the collected components intact whatever the test declares
        class_or_instance._original_components = copy.deepcopy(
            MetaComponent._modules_components
        )
        comp_registry = ComponentRegistry()
        class_or_instance.comp_registry = comp_registry
        comp_registry.load_components("component")
        current_addon = _get_addon_name(class_or_instance.__module__)
        with new_rollbacked_env() as env:
            env["component.builder"].build_registry(
                comp_registry, states=("installed",), exclude_addons=[current_addon]
            )
        comp_registry.ready = True
        if hasattr(class_or_instance, "env"):
            class_or_instance.env = class_or_instance.env(
                context=dict(
                    class_or_instance.env.context, components_registry=comp_registry
                )
            )

    @staticmethod
    def _teardown_registry(class_or_instance):
        MetaComponent._modules_components = class_or_instance._original_components

    def _load_module_components(self, module):
        self.comp_registry.load_components(module)

    def _build_components(self, *classes):
        for cls in classes:
            cls._build_component(self.comp_registry)


class TransactionComponentRegistryCase(common.TransactionCase, ComponentRegistryCase):
    """Transaction test case with a registry of components of its own.

    It does not set the registry up: call ``self._setup_registry(self)`` in
    ``setUp`` (or ``cls`` in ``setUpClass``) and ``_teardown_registry`` in
    ``tearDown``. The environment is replaced by one whose context holds the
    registry, so use ``self.env[self.collection._name]`` rather than
    ``self.collection``.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.collection = cls.env["collection.base"]
