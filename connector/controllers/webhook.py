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
from datetime import timedelta

import psycopg2

from odoo import fields
from odoo.http import Response
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# WSGI environ key of the body read by WebhookReceiver
_BODY_KEY = "connector.webhook.body"
_CHUNK_SIZE = 64 * 1024


def _get_input_stream(httprequest):
    """The body stream of the werkzeug request behind Odoo's ``HTTPRequest``.

    Odoo's wrapper offers ``get_data()`` (which reads the whole body, however
    long a chunked one is) but not ``stream``: the werkzeug request it wraps
    does.
    """
    wrapped = getattr(httprequest, "_HTTPRequest__wrapped", httprequest)
    return wrapped.stream


class WebhookReceiver:
    """Check, de-duplicate, record and enqueue one webhook delivery.

    The class attributes name WooCommerce's headers; override them (or pass
    them to the constructor) for another remote system.
    """

    # meant to be overridden: the headers of the remote system
    signature_header = "X-WC-Webhook-Signature"
    delivery_header = "X-WC-Webhook-Delivery-ID"
    topic_header = "X-WC-Webhook-Topic"
    # bodies above this size are refused with 413, chunked ones while read
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

        Answers 404 (unknown backend), 410 (backend archived, or its webhooks
        disabled), 413 (body too large, chunked or not), 200 ``pong``
        (unsigned ping), 401 (bad or missing signature), 400 (body not JSON,
        empty, or payload rejected by the backend), 200 ``duplicate``
        (delivery id or same body already received), 200 ``throttled`` (too
        many deliveries of one record) or 200 ``queued``.
        """
        httprequest = self.request.httprequest
        length = httprequest.content_length
        if length is not None and length > self.max_body_size:
            return self._reply(413, "too large")
        backend = self._get_backend(backend_key)
        if not backend:
            return self._reply(404, "unknown backend")
        if not self._accepts_webhooks(backend):
            _logger.info(
                "Webhook for %s #%s refused: backend archived or webhooks disabled",
                backend._name,
                backend.id,
            )
            return self._reply(410, "webhooks disabled")
        body = self._read_body()
        if body is None:
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

    def _accepts_webhooks(self, backend):
        """False for an archived backend or one whose webhooks are disabled."""
        if "active" in backend._fields and not backend.active:
            return False
        return bool(backend._webhook_enabled())

    def _read_body(self):
        """Return the raw body, or None once it exceeds ``max_body_size``.

        Read by chunks from the stream, so that a chunked body (no
        ``Content-Length``) is refused after ``max_body_size`` bytes, never
        held whole. Kept in the WSGI environ: Odoo serves the request again
        after a serialization failure, and the stream is read only once.
        """
        httprequest = self.request.httprequest
        environ = httprequest.environ
        if _BODY_KEY in environ:
            return environ[_BODY_KEY]
        stream = _get_input_stream(httprequest)
        chunks, size = [], 0
        while True:
            chunk = stream.read(min(_CHUNK_SIZE, self.max_body_size + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > self.max_body_size:
                return None
        environ[_BODY_KEY] = body = b"".join(chunks)
        return body

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
        digest = self._body_digest(topic, body)
        if self._is_duplicate(deliveries, backend, backend_ref, delivery_id, digest):
            return self._duplicate(delivery_id, backend_ref)
        values = {
            "backend_id": backend_ref,
            "delivery_id": delivery_id,
            "topic": topic,
            "payload_size": len(body),
            "body_digest": digest,
            "company_id": deliveries._get_backend_company(backend).id or None,
        }
        payload, error = self._parse_body(body)
        if error:
            values.update(state="rejected", error=error)
        else:
            values["record_key"] = backend._webhook_record_key(topic or "", payload)
        delivery = self._insert_delivery(deliveries, values)
        if not delivery:
            return self._duplicate(delivery_id, backend_ref)
        if error:
            return self._reply(400, "invalid body", error=error)
        if self._is_throttled(deliveries, backend, backend_ref, delivery):
            return self._reply(200, "throttled")
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

    def _body_digest(self, topic, body):
        """SHA-256 of the topic and the body: the same body under another
        topic (``{"id": 12}`` is the body of every ``*.deleted``) is another
        delivery."""
        return hashlib.sha256((topic or "").encode() + b"\n" + body).hexdigest()

    def _parse_body(self, body):
        """Return ``(payload, error)``: an empty, ``null`` or non-JSON body is
        an error (the delivery is then ``rejected``, never left ``received``)."""
        if not body.strip():
            return None, "The body is empty: nothing to process."
        try:
            payload = json.loads(body)
        except ValueError:
            return None, "The body is not JSON."
        if payload is None:
            return None, "The body is empty (JSON null): nothing to process."
        return payload, None

    def _is_duplicate(self, deliveries, backend, backend_ref, delivery_id, digest):
        """The delivery id was received, or the same topic and body within
        the backend's replay window."""
        window = backend._webhook_replay_window()
        domain = [("backend_id", "=", backend_ref)]
        since = fields.Datetime.now() - timedelta(seconds=window)
        return bool(
            deliveries.search_count(domain + [("delivery_id", "=", delivery_id)], 1)
            or deliveries.search_count(
                domain + [("body_digest", "=", digest), ("received_at", ">=", since)],
                1,
            )
        )

    def _is_throttled(self, deliveries, backend, backend_ref, delivery):
        """Too many deliveries of the record of ``delivery`` within the window:
        it is ``rejected`` as throttled, nothing is enqueued (the polling
        imports catch up)."""
        if not delivery.record_key:
            return False
        limit, window = backend._webhook_record_limit()
        since = fields.Datetime.now() - timedelta(seconds=window)
        count = deliveries.search_count(
            [
                ("backend_id", "=", backend_ref),
                ("record_key", "=", delivery.record_key),
                ("state", "in", ("queued", "done", "failed")),
                ("received_at", ">=", since),
            ]
        )
        if count < limit:
            return False
        delivery.write(
            {
                "state": "rejected",
                "error": f"Throttled: already {count} deliveries of "
                f"{delivery.record_key} within {window} s.",
            }
        )
        _logger.warning(
            "Webhook delivery %s for %s throttled (%s)",
            delivery.delivery_id,
            backend_ref,
            delivery.record_key,
        )
        return True

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
            "body_digest",
            "record_key",
            "company_id",
        ]
        values = dict(
            {
                "state": "received",
                "error": None,
                "record_key": None,
                "company_id": None,
            },
            **values,
        )
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
