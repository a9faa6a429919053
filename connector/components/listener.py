"""Listeners of the connector: event handlers that know about exports."""

from odoo.addons.component.core import AbstractComponent


class ConnectorListener(AbstractComponent):
    """Base of the connector's event listeners.

    Writes done by the connector itself (``bind``, imports) carry
    ``connector_no_export`` in the context; a listener skips them to avoid
    exporting back what was just imported::

        class ShopPartnerListener(Component):
            _name = "demo.shop.partner.listener"
            _inherit = "base.connector.listener"
            _apply_on = ["demo.shop.res.partner"]

            @skip_if(lambda self, record, **kw: self.no_connector_export(record))
            def on_record_write(self, record, fields=None):
                record.with_delay().export_record(fields=fields)
    """

    _name = "base.connector.listener"
    _inherit = ["base.connector", "base.event.listener"]

    def no_connector_export(self, record):
        """Tell whether ``record`` was written with exports disabled.

        Both the historical ``no_connector_export`` and the usual
        ``connector_no_export`` context keys are honoured.
        """
        context = record.env.context
        return context.get("no_connector_export") or context.get("connector_no_export")
