"""Backend adapters: the CRUD interface to the remote system."""

# create/write/read here are remote calls, not ORM overrides: there is no
# super() to call.
# pylint: disable=method-required-super

from odoo.addons.component.core import AbstractComponent

from ..exception import IDMissingInBackend


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

    def read_many(self, external_ids):
        """Return ``{external id (text): data}`` of ``external_ids``.

        One :meth:`read` per id by default; an API able to read several
        records in one request overrides it (chunked imports call it). An
        id missing from the answer is a record gone remotely, or one the
        listing does not serve: the chunk imports it in a job of its own::

            def read_many(self, external_ids):
                ids = ",".join(str(external_id) for external_id in external_ids)
                records = self.client.get("orders", {"include": ids})
                return {str(record["id"]): record for record in records}
        """
        found = {}
        for external_id in external_ids:
            try:
                found[str(external_id)] = self.read(external_id)
            except IDMissingInBackend:
                continue
        return found

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
