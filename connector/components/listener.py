"""Listeners of the connector: event handlers that know about exports."""

import logging

from odoo.addons.component.core import AbstractComponent

_logger = logging.getLogger(__name__)


def skip_own_writes(listener, record, *args, **kwargs):
    """For ``skip_if``: the event comes from a write of the connector itself
    (``connector_no_export`` in the context)::

        @skip_if(skip_own_writes)
        def on_record_write(self, record, fields=None): ...
    """
    return listener.no_connector_export(record)


class ConnectorListener(AbstractComponent):
    """Base of the connector's event listeners.

    Writes done by the connector itself (``bind``, imports) carry
    ``connector_no_export`` in the context; a listener skips them to avoid
    exporting back what was just imported::

        class DemoShopBindingListener(Component):
            _name = "demo.shop.binding.listener"
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


class ConnectorExportListener(AbstractComponent):
    """Helpers of the listeners that enqueue exports of bindings (models
    inheriting ``connector.binding.mixin``).

    Bindings are read with ``sudo()``: a user changing a record may have no
    access to its bindings, yet the change must reach the remote; the job
    runs with the same rights::

        class DemoShopPartnerListener(Component):
            _name = "demo.shop.res.partner.listener"
            _inherit = "base.connector.export.listener"
            _apply_on = ["res.partner"]
            _binding_field = "demo_shop_bind_ids"

            @skip_if(lambda self, record, **kw: self.no_connector_export(record))
            def on_record_write(self, record, fields=None):
                self._export_changed_bindings(record, fields)
    """

    _name = "base.connector.export.listener"
    _inherit = "base.connector.listener"

    # meant to be overridden: one2many from the Odoo record to its bindings
    _binding_field = None

    def _exported_fields(self, binding):
        """Fields whose change is worth an export: the export mapper knows."""
        with binding.backend_id.work_on(binding._name) as work:
            return work.component(usage="export.mapper").changed_by_fields()

    def _enqueue_export(self, binding, fields=None):
        return binding.sudo()._delay_export_record(fields=fields)

    def _enqueue_delete(self, binding):
        """Enqueue the remote deletion of ``binding`` when its backend's
        ``remote_delete_policy`` is not ``unbind`` and the user deleting it
        is a connector manager; otherwise the remote record is kept."""
        backend = binding.sudo().backend_id
        if not binding.sudo().external_id:
            return
        if backend._get_remote_delete_policy() == "unbind":
            return
        if not backend._may_delete_remotely(binding.env.user):
            _logger.info(
                "%s %s deleted by user %s, who is no connector manager: kept on %s.",
                binding._name,
                binding.sudo().external_id,
                binding.env.user.login,
                backend.display_name,
            )
            return
        binding.sudo()._delay_export_delete_record()

    def _export_changed_bindings(self, record, fields):
        """Enqueue the export of the bound bindings of ``record`` whose
        exported fields are among ``fields``."""
        for binding in record.sudo()[self._binding_field]:
            if not binding.external_id:
                continue
            changed = set(fields or ()) & self._exported_fields(binding)
            if changed:
                self._enqueue_export(binding, fields=sorted(changed))

    def _delete_bindings(self, record):
        """Enqueue the remote deletion of every binding of ``record``."""
        for binding in record.sudo()[self._binding_field]:
            self._enqueue_delete(binding)
