# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Receive authenticated webhook deliveries and turn them into queue jobs.

No route here: a connector declares its own and hands the request over::

    from odoo import http
    from odoo.http import request

    from odoo.addons.connector.controllers.webhook import WebhookReceiver


    class ShopWebhookController(http.Controller):
        @http.route(
            "/connector_shop/webhook/<int:backend_id>",
            type="http", auth="public", methods=["POST"], csrf=False,
            save_session=False,
        )
        def receive(self, backend_id):
            return WebhookReceiver(request, "shop.backend").handle(backend_id)

The route is ``public``: the HMAC signature over the raw body *is* the
authentication. The backend gives the secret (``_webhook_secret()``) and
enqueues the work (``_webhook_enqueue(delivery, payload)``); the request only
records the delivery, so it answers in milliseconds.

``_webhook_enqueue`` may refuse a payload it cannot use (wrong shape, unknown
topic): it writes ``state="rejected"`` and an ``error`` on the delivery and
returns no job; the receiver then answers 400 ``rejected`` with that error.
An unsigned POST whose body starts with ``ping_prefix`` (WooCommerce's
``webhook_id=<id>`` test request sent when a webhook is created) is answered
200 ``pong`` and recorded nowhere.
"""

import base64
import hashlib
import hmac
import json
import logging

import psycopg2

from odoo.http import Response
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


class WebhookReceiver:
    """Check, de-duplicate, record and enqueue one webhook delivery.

    The class attributes name WooCommerce's headers; override them (or pass
    them to the constructor) for another remote system.
    """

    # meant to be overridden: the headers of the remote system
    signature_header = "X-WC-Webhook-Signature"
    delivery_header = "X-WC-Webhook-Delivery-ID"
    topic_header = "X-WC-Webhook-Topic"
    # bodies above this size are refused with 413 before being read
    max_body_size = 1024 * 1024
    # start of the body of the remote system's unsigned ping (None: no ping)
    ping_prefix = b"webhook_id="

    def __init__(self, request, backend_model, **options):
        self.request = request
        self.env = request.env
        self.backend_model = backend_model
        for name, value in options.items():
            if not hasattr(type(self), name):
                raise TypeError(f"WebhookReceiver has no option {name!r}")
            setattr(self, name, value)

    def handle(self, backend_key):
        """Process the current request for the backend found by ``backend_key``.

        Answers 404 (unknown backend), 413 (body too large), 200 ``pong``
        (unsigned ping), 401 (bad or missing signature), 400 (body not JSON,
        or payload rejected by the backend), 200 ``duplicate`` (delivery
        already received) or 200 ``queued``.
        """
        httprequest = self.request.httprequest
        length = httprequest.content_length
        if length is not None and length > self.max_body_size:
            return self._reply(413, "too large")
        backend = self._get_backend(backend_key)
        if not backend:
            return self._reply(404, "unknown backend")
        # cached: Odoo replays the request after a serialization failure
        body = httprequest.get_data()
        if len(body) > self.max_body_size:
            return self._reply(413, "too large")
        headers = httprequest.headers
        if self._is_ping(body, headers):
            _logger.info("Webhook ping for %s #%s answered", backend._name, backend.id)
            return self._reply(200, "pong")
        if not self._check_signature(backend, body, headers.get(self.signature_header)):
            # the delivery id is no secret; the body, secret and signature are
            _logger.warning(
                "Webhook delivery %s for %s #%s refused: bad or missing signature",
                headers.get(self.delivery_header),
                backend._name,
                backend.id,
            )
            return self._reply(401, "invalid signature")
        delivery_id = (
            headers.get(self.delivery_header) or hashlib.sha256(body).hexdigest()
        )
        return self._record(backend, delivery_id, headers.get(self.topic_header), body)

    def _get_backend(self, backend_key):
        """Return the backend of the request (sudo: the route is public)."""
        try:
            backend_id = int(backend_key)
        except (TypeError, ValueError):
            return None
        return self.env[self.backend_model].sudo().browse(backend_id).exists()

    def _is_ping(self, body, headers):
        """True for the remote system's test request: unsigned, ``ping_prefix`` body.

        Odoo parses a form-encoded body before the route runs, leaving no raw
        body: the form's field then tells.
        """
        if not self.ping_prefix or headers.get(self.signature_header):
            return False
        if body.startswith(self.ping_prefix):
            return True
        field = self.ping_prefix.decode().rstrip("=")
        return not body and field in self.request.httprequest.form

    def _check_signature(self, backend, body, signature):
        """Compare the base64 HMAC-SHA256 of ``body`` in constant time."""
        secret = backend._webhook_secret()
        if not secret or not signature:
            return False
        if isinstance(secret, str):
            secret = secret.encode()
        expected = base64.b64encode(hmac.new(secret, body, hashlib.sha256).digest())
        return hmac.compare_digest(expected, signature.strip().encode())

    def _record(self, backend, delivery_id, topic, body):
        deliveries = self.env["connector.webhook.delivery"].sudo()
        backend_ref = f"{backend._name},{backend.id}"
        if deliveries.search_count(
            [("backend_id", "=", backend_ref), ("delivery_id", "=", delivery_id)],
            limit=1,
        ):
            return self._duplicate(delivery_id, backend_ref)
        values = {
            "backend_id": backend_ref,
            "delivery_id": delivery_id,
            "topic": topic,
            "payload_size": len(body),
        }
        try:
            payload = json.loads(body or b"null")
        except ValueError:
            values.update(state="rejected", error="The body is not JSON.")
            payload = None
        delivery = self._insert_delivery(deliveries, values)
        if not delivery:
            return self._duplicate(delivery_id, backend_ref)
        if payload is None:
            return self._reply(400, "invalid body")
        # jobs run as the user who enqueued them, never as the public user
        user = backend._webhook_user()
        job = backend.with_user(user)._webhook_enqueue(
            delivery.with_user(user), payload
        )
        if delivery.state == "rejected":
            _logger.info(
                "Webhook delivery %s (%s) for %s rejected: %s",
                delivery_id,
                topic,
                backend_ref,
                delivery.error,
            )
            return self._reply(400, "rejected", error=delivery.error)
        delivery.write({"state": "queued", "job_uuid": getattr(job, "uuid", False)})
        _logger.info(
            "Webhook delivery %s (%s) for %s queued", delivery_id, topic, backend_ref
        )
        return self._reply(200, "queued")

    def _insert_delivery(self, deliveries, values):
        """Insert the delivery; return it, or an empty recordset if it exists.

        Two deliveries of one id at once: the unique index makes the second
        wait for the first and fail (its repeatable-read snapshot could not
        see the first one). Plain SQL so that this expected failure is not
        logged as an error.
        """
        columns = [
            "backend_id",
            "delivery_id",
            "topic",
            "payload_size",
            "state",
            "error",
        ]
        values = dict({"state": "received", "error": None}, **values)
        now = SQL("(now() at time zone 'UTC')")
        uid = self.env.uid
        query = SQL(
            "INSERT INTO connector_webhook_delivery (%s, received_at, create_uid,"
            " create_date, write_uid, write_date) VALUES (%s, %s, %s, %s, %s, %s)"
            " RETURNING id",
            SQL(", ").join(SQL.identifier(column) for column in columns),
            SQL(", ").join(values[column] for column in columns),
            now,
            uid,
            now,
            uid,
            now,
        )
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute(query, log_exceptions=False)
                delivery_id = self.env.cr.fetchone()[0]
        except psycopg2.errors.UniqueViolation:
            return deliveries
        return deliveries.browse(delivery_id)

    def _duplicate(self, delivery_id, backend_ref):
        _logger.info(
            "Webhook delivery %s for %s already received", delivery_id, backend_ref
        )
        return self._reply(200, "duplicate")

    def _reply(self, status, message, **details):
        return Response(
            json.dumps(dict({"status": message}, **details)),
            status=status,
            content_type="application/json",
        )
