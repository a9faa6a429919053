# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# This addon lives in connector's doc folder, not in connector: pylint-odoo
# mistakes its imports of connector for imports of its own module.
# pylint: disable=odoo-addons-relative-import
from odoo import http
from odoo.http import request

from odoo.addons.connector.controllers.webhook import WebhookReceiver


# [controller]
class AddressBookWebhook(http.Controller):
    @http.route(
        "/connector_address_book/webhook/<int:backend_id>",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def receive(self, backend_id):
        receiver = WebhookReceiver(
            request,
            "address.book.backend",
            signature_header="X-Address-Book-Signature",
            delivery_header="X-Address-Book-Delivery",
            topic_header="X-Address-Book-Topic",
            ping_prefix=None,
        )
        return receiver.handle(backend_id)


# [/controller]
