# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""``base.backend.adapter.rest``: CRUD on one resource of a JSON REST API."""

from contextlib import contextmanager

from odoo.addons.component.core import AbstractComponent

from ..exception import NetworkRetryableError
from ..retry import DEFAULT_RETRY_AFTER_CAP, raise_remote_error


class RestCRUDAdapter(AbstractComponent):
    """CRUD on one resource (``_resource``, e.g. ``customers``) through the
    :class:`~odoo.addons.connector.rest_client.RestClient` of the work
    context (``work.rest_client``).

    A retryable error of the remote goes through the retry policy: the job
    is postponed by the remote's Retry-After, else by a jittered backoff,
    and fails with the last remote error once it used all its tries::

        class DemoShopCustomerAdapter(Component):
            _name = "demo.shop.res.partner.adapter"
            _inherit = ["base.backend.adapter.rest", "demo.shop.base"]
            _apply_on = "demo.shop.res.partner"
            _resource = "customers"

        with backend.work_on("demo.shop.res.partner", rest_client=client) as work:
            work.component(usage="backend.adapter").read(12)
    """

    _name = "base.backend.adapter.rest"
    _inherit = "base.backend.adapter.crud"
    _usage = "backend.adapter"

    # meant to be overridden: the resource path under the client's API path
    _resource = None
    # meant to be overridden: DELETE with force=true
    _delete_force = False
    # meant to be overridden: backoff of the retryable errors without a
    # Retry-After, in seconds: try n waits a random time between 0 and
    # min(cap, base * 2**(n-1))
    _retry_base = 2.0
    _retry_cap = 300.0

    @property
    def client(self):
        """The REST client of the work context."""
        return self.work.rest_client

    def search(self, params=None):
        """Yield the records of the resource matching ``params``, every page."""
        return self._each_record(self.client.get_pages(self._resource, params=params))

    def _each_record(self, pages):
        """Yield the records of ``pages``, a generator of the client's
        ``get_pages``: each page is a request that may fail, so it is fetched
        inside the adapter's handling of remote errors."""
        while True:
            with self._remote_errors():
                try:
                    record = next(pages)
                except StopIteration:
                    return
            yield record

    def search_page(self, params):
        """One page of the resource's list (paging in ``params``)."""
        with self._remote_errors():
            return self.client.get(self._resource, params=params)

    # base.backend.adapter.crud only declares the CRUD methods: nothing to call up to
    # pylint: disable=method-required-super
    def read(self, external_id, params=None):
        with self._remote_errors():
            return self.client.get(f"{self._resource}/{external_id}", params=params)

    def create(self, data):
        """Create the record and return its new id."""
        with self._remote_errors():
            return self.client.post(self._resource, data)["id"]

    def write(self, external_id, data):
        with self._remote_errors():
            return self.client.put(f"{self._resource}/{external_id}", data)

    def delete(self, external_id):
        params = {"force": "true"} if self._delete_force else None
        with self._remote_errors():
            return self.client.delete(f"{self._resource}/{external_id}", params=params)

    @contextmanager
    def _remote_errors(self):
        """Turn a retryable error of the remote into the retry policy's
        decision (postpone or fail the job)."""
        try:
            yield
        except NetworkRetryableError as err:
            raise_remote_error(
                self.env,
                err,
                retry_after=getattr(err, "retry_after", None) or err.seconds,
                base=self._retry_base,
                cap=self._retry_cap,
                retry_after_cap=self._get_retry_after_cap(),
            )

    def _get_retry_after_cap(self):
        """The longest Retry-After obeyed: the backend's ``retry_after_cap``."""
        backend = self.backend_record
        if "retry_after_cap" in backend._fields and backend.sudo().retry_after_cap:
            return backend.sudo().retry_after_cap
        return DEFAULT_RETRY_AFTER_CAP
