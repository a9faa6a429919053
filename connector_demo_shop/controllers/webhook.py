# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import http
from odoo.http import request

from odoo.addons.connector.controllers.webhook import WebhookReceiver


class DemoShopWebhookController(http.Controller):
    """Endpoint of the shop's webhooks, one URL per backend.

    Public: the HMAC signature of the body is the authentication. Answers
    (JSON ``{"status": ...}``): 200 ``queued`` (an import job was enqueued),
    200 ``duplicate`` (delivery id, or the same topic and body within an
    hour, already received), 200 ``throttled`` (too many deliveries of one record within
    ten minutes: recorded as rejected, nothing enqueued), 200 ``pong`` (the
    unsigned ``webhook_id=<id>`` ping the shop sends when a webhook is
    created; nothing recorded), 400 ``invalid body`` (empty, ``null`` or not
    JSON) or ``rejected`` (no object, no integer ``id``, unknown topic, a
    payload of another resource than the topic's; logged on the delivery
    with the error), 401 (bad or missing signature), 404 (unknown backend),
    410 (backend archived or its webhooks switched off: nothing recorded),
    413 (body over 1 MiB, chunked or not; reading stops there).
    """

    @http.route(
        "/connector_demo_shop/webhook/<int:backend_id>",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def receive(self, backend_id, **form):
        # ``form``: the ping's ``webhook_id`` field, parsed by Odoo, unused
        return WebhookReceiver(request, "demo.shop.backend").handle(backend_id)
