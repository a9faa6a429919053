# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import http
from odoo.http import request

from odoo.addons.connector.controllers.webhook import WebhookReceiver


class TestWebhookController(http.Controller):
    """The endpoint a connector declares for its webhooks, as the tests use it."""

    @http.route(
        "/test_connector/webhook/<int:backend_id>",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def receive(self, backend_id, **form):
        # ``form``: the fields of a form-encoded ping, parsed by Odoo, unused
        return WebhookReceiver(request, "test.backend", max_body_size=4096).handle(
            backend_id
        )
