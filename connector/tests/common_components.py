# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Shared set-up of the component tests of the connector."""

from unittest import mock

from odoo.addons.component.core import WorkContext
from odoo.addons.component.tests.common import TransactionComponentRegistryCase


class ConnectorRegistryCase(TransactionComponentRegistryCase):
    """A registry with the components of component_event and connector, and
    a work context on res.partner for a collection ``my.collection``."""

    def setUp(self):
        super().setUp()
        self._setup_registry(self)
        self.comp_registry.load_components("component_event")
        self.comp_registry.load_components("connector")
        self.backend = mock.Mock(name="backend")
        self.backend._name = "my.collection"
        self.backend.env = self.env
        self.work = WorkContext(
            model_name="res.partner",
            collection=self.backend,
            components_registry=self.comp_registry,
        )

    def tearDown(self):
        self._teardown_registry(self)
        super().tearDown()

    def _register_mock_binder(self, model_name):
        """Register a MagicMock binder for ``model_name`` and return it."""
        binder = mock.MagicMock(name=f"binder of {model_name}")
        binder.return_value = binder
        binder._name = f"test.binder.{model_name}"
        binder._inherit = "base.binder"
        binder.apply_on_models = [model_name]
        binder._usage = "binder"
        binder._collection = self.backend._name
        binder._abstract = False
        self.comp_registry[binder._name] = binder
        return binder

    def _mapper(self, component_class, model_name="res.partner"):
        """Build ``component_class`` and return an instance on ``model_name``."""
        self._build_components(component_class)
        work = self.work.work_on(model_name=model_name)
        return self.comp_registry[component_class._name](work)
