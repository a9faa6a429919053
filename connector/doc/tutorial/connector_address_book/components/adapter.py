# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# This addon lives in connector's doc folder, not in connector: pylint-odoo
# mistakes its imports of connector for imports of its own module.
# pylint: disable=odoo-addons-relative-import
import requests

from odoo.addons.component.core import Component
from odoo.addons.connector.exception import IDMissingInBackend, NetworkRetryableError


# [adapter]
class AddressBookAdapter(Component):
    """Talk to the address book's REST API.

    It implements the CRUD methods that ``base.backend.adapter.crud`` only
    declares, hence no ``super()`` calls.
    """

    # pylint: disable=method-required-super

    _name = "address.book.adapter"
    _inherit = ["base.backend.adapter.crud", "address.book.base"]
    _apply_on = ["address.book.res.partner"]

    # seconds before a call is abandoned; meant to be overridden
    _timeout = 10

    def _call(self, method, path, **kwargs):
        backend = self.backend_record.sudo()
        try:
            response = requests.request(
                method,
                backend.location.rstrip("/") + path,
                headers={"Authorization": f"Bearer {backend.token}"},
                timeout=self._timeout,
                **kwargs,
            )
        except requests.ConnectionError as err:
            raise NetworkRetryableError(
                f"Address book {backend.name} unreachable: {err}"
            ) from err
        if response.status_code == 404:
            raise IDMissingInBackend(
                f"Address book {backend.name}: {method} {path}: no such contact"
            )
        response.raise_for_status()
        return response.json()

    def search(self, since=None):
        params = {"modified_after": since.isoformat()} if since else {}
        return self._call("GET", "/contacts", params=params)

    def read(self, external_id):
        return self._call("GET", f"/contacts/{external_id}")

    def create(self, data):
        return str(self._call("POST", "/contacts", json=data)["id"])

    def write(self, external_id, data):
        return self._call("PUT", f"/contacts/{external_id}", json=data)


# [/adapter]
