"""Backend adapters: the CRUD interface to the remote system."""

# create/write/read here are remote calls, not ORM overrides: there is no
# super() to call.
# pylint: disable=method-required-super

from odoo.addons.component.core import AbstractComponent


class BackendAdapter(AbstractComponent):
    """Base of the components talking to the external system.

    The protocol (REST, XML-RPC, SOAP...) lives in the concrete adapter; the
    rest of the connector only calls its methods.
    """

    _name = "base.backend.adapter"
    _inherit = "base.connector"
    _usage = "backend.adapter"


class CRUDAdapter(AbstractComponent):
    """Adapter exposing the usual CRUD methods of a remote API.

    Every method raises :class:`NotImplementedError` until a concrete
    adapter implements it::

        class DemoShopCustomerAdapter(Component):
            _name = "demo.shop.res.partner.adapter"
            _inherit = "base.backend.adapter.crud"
            _apply_on = "demo.shop.res.partner"

            def read(self, external_id):
                return self.work.rest_client.get(f"customers/{external_id}")
    """

    _name = "base.backend.adapter.crud"
    _inherit = "base.backend.adapter"
    _usage = "backend.adapter"

    def search(self, *args, **kwargs):
        """Search records on the backend; return a list of external ids."""
        raise NotImplementedError

    def read(self, *args, **kwargs):
        """Return the data of one external record."""
        raise NotImplementedError

    def search_read(self, *args, **kwargs):
        """Search records on the backend and return their data."""
        raise NotImplementedError

    def create(self, *args, **kwargs):
        """Create a record on the backend; return its external id."""
        raise NotImplementedError

    def write(self, *args, **kwargs):
        """Update a record on the backend."""
        raise NotImplementedError

    def delete(self, *args, **kwargs):
        """Delete a record on the backend."""
        raise NotImplementedError
