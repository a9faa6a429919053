# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""base.connector.listener: skipping the events of the connector's own writes."""

from odoo.addons.component.core import Component
from odoo.addons.component.tests.common import TransactionComponentRegistryCase
from odoo.addons.component_event import skip_if
from odoo.addons.component_event.core import EventWorkContext

from .. import components


class TestEventListener(TransactionComponentRegistryCase):
    def setUp(self):
        super().setUp()
        self._setup_registry(self)
        self.comp_registry.load_components("component_event")
        self.calls = calls = []

        class MyEventListener(Component):
            _name = "my.event.listener"
            _inherit = "base.event.listener"

            def on_record_create(self, record, fields=None):
                calls.append("plain")

        class MyConnectorListener(Component):
            _name = "my.connector.listener"
            _inherit = "base.connector.listener"

            @skip_if(lambda self, record, **kw: self.no_connector_export(record))
            def on_record_create(self, record, fields=None):
                calls.append("connector")

        self._build_components(
            components.core.BaseConnectorComponent,
            components.listener.ConnectorListener,
            MyEventListener,
            MyConnectorListener,
        )

    def tearDown(self):
        self._teardown_registry(self)
        super().tearDown()

    def _notify(self, **context):
        env = self.env(context=dict(self.env.context, **context))
        work = EventWorkContext(
            model_name="res.users", env=env, components_registry=self.comp_registry
        )
        collecter = self.comp_registry["base.event.collecter"](work)
        event = collecter.collect_events("on_record_create")
        self.assertEqual(len(event.events), 2)
        event.notify(env.user)

    def test_skip_if_no_connector_export(self):
        """no_connector_export in the context skips the connector listener."""
        self._notify(no_connector_export=True)
        self.assertEqual(self.calls, ["plain"])

    def test_skip_if_connector_no_export(self):
        """The usual connector_no_export key (set by bind) skips it as well."""
        self._notify(connector_no_export=True)
        self.assertEqual(self.calls, ["plain"])

    def test_no_skip_without_key(self):
        """Without the keys, or with them false, the connector listener runs."""
        self._notify()
        self._notify(connector_no_export=False, no_connector_export=False)
        self.assertEqual(
            sorted(self.calls), ["connector", "connector", "plain", "plain"]
        )
