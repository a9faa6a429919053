"""Outgoing webhook deliveries, sent after the response by background threads.

As in WooCommerce: a delivery for the same webhook and resource is not queued again
while one is pending (bursts coalesce), the payload is built at delivery time, the body
is signed with HMAC-SHA256 of the exact bytes sent, there are no retries, and after too
many consecutive failures the webhook is disabled, as WooCommerce does.
"""

import base64
import collections
import hashlib
import hmac
import http.client
import logging
import queue
import threading
import time
import urllib.parse
import uuid

from .formats import wp_json

_logger = logging.getLogger(__name__)

USER_AGENT = "WooCommerce/9.0.0 Hookshot (WordPress/6.5.0)"
# WooCommerce's ``woocommerce_max_webhook_delivery_failures`` default.
MAX_DELIVERY_FAILURES = 5


def signature(secret: str, body: bytes) -> str:
    """``X-WC-Webhook-Signature``: base64 of HMAC-SHA256(``body``, key ``secret``)."""
    return base64.b64encode(
        hmac.new(secret.encode(), body, hashlib.sha256).digest()
    ).decode()


class WebhookDispatcher:
    """Queue and deliver webhook events; :meth:`wait_idle` waits for the queue."""

    def __init__(
        self, api, timeout: float = 60.0, delay: float = 0.0, workers: int = 2
    ):
        self.api = api
        self.store = api.store
        self.timeout = timeout
        self.delay = delay
        self.deliveries = collections.deque(maxlen=1000)
        self._queue = queue.Queue()
        self._pending = set()
        self._outstanding = 0
        self._condition = threading.Condition()
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(
                target=self._work, name=f"demo-shop-webhooks-{index}", daemon=True
            )
            for index in range(workers)
        ]

    def start(self):
        for thread in self._threads:
            thread.start()

    def stop(self):
        self._stop.set()
        for _thread in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            if thread.is_alive():
                thread.join(timeout=2)

    # -- queueing ----------------------------------------------------------------------
    def dispatch(self, events):
        """Queue the deliveries that ``events`` (``(resource, event, id)``) trigger."""
        due = time.monotonic() + self.delay
        with self.store.lock:
            webhooks = [hook for hook in self.store.all("webhook")]
        for resource, event, record_id in events:
            if resource == "ping":
                self._enqueue(("ping", record_id, None, None), due)
                continue
            topic = f"{resource}.{event}"
            for hook in webhooks:
                if hook["status"] == "active" and hook["topic"] == topic:
                    with self._condition:
                        if (hook["id"], record_id) in self._pending:
                            continue
                        self._pending.add((hook["id"], record_id))
                    self._enqueue(("event", hook["id"], topic, record_id), due)

    def _enqueue(self, task, due):
        with self._condition:
            self._outstanding += 1
        self._queue.put((due, task))

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until every queued delivery has been attempted; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while self._outstanding:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._condition.wait(remaining)
        return True

    # -- delivery ----------------------------------------------------------------------
    def _work(self):
        while True:
            item = self._queue.get()
            if item is None or self._stop.is_set():
                return
            due, task = item
            if self._stop.wait(max(0.0, due - time.monotonic())):
                return
            try:
                if task[0] == "ping":
                    self._ping(task[1])
                else:
                    self._deliver(*task[1:])
            except Exception:
                _logger.exception("Webhook delivery %s crashed", task)
            finally:
                with self._condition:
                    self._outstanding -= 1
                    self._condition.notify_all()

    def _post(self, url, body, headers):
        """POST and return ``(status, error)``; status is None on a network error or
        timeout.

        ``http.client`` rather than ``urllib``: it sends header names as written (urllib
        would turn ``X-WC-Webhook-ID`` into ``X-wc-webhook-id``), follows no redirect
        (WooCommerce does not: a 301/302 answer counts as delivered) and uses no proxy.
        """
        parts = urllib.parse.urlsplit(url)
        connection_class = (
            http.client.HTTPSConnection
            if parts.scheme == "https"
            else http.client.HTTPConnection
        )
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection = connection_class(parts.hostname, parts.port, timeout=self.timeout)
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status, None
        # Timeouts, refused connections, resets, TLS errors: all count as failed
        # deliveries.
        except Exception as err:  # noqa: BLE001
            return None, f"{type(err).__name__}: {err}"
        finally:
            connection.close()

    def _ping(self, webhook_id):
        with self.store.lock:
            hook = self.store.get("webhook", webhook_id)
        if hook is None:
            return
        body = f"webhook_id={webhook_id}".encode()
        headers = {
            "User-Agent": USER_AGENT,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        status, error = self._post(hook["delivery_url"], body, headers)
        # The ping's result is only recorded: via REST it changes nothing on the
        # webhook.
        self._log(webhook_id, None, None, status, error, status == 200, ping=True)

    def _deliver(self, webhook_id, topic, record_id):
        with self._condition:
            self._pending.discard((webhook_id, record_id))
        with self.store.lock:
            hook = self.store.get("webhook", webhook_id)
            if hook is None:
                return
            resource, _, event = topic.partition(".")
            # Built now, not when the event happened: the receiver gets the current
            # state.
            payload = (
                {"id": record_id}
                if event == "deleted"
                else self.api.webhook_payload(resource, record_id)
            )
        body = wp_json(payload)
        delivery_id = uuid.uuid4().hex
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-WC-Webhook-Source": self.api.site_url + "/",
            "X-WC-Webhook-Topic": topic,
            "X-WC-Webhook-Resource": resource,
            "X-WC-Webhook-Event": event,
            "X-WC-Webhook-Signature": signature(hook["secret"], body),
            "X-WC-Webhook-ID": str(webhook_id),
            "X-WC-Webhook-Delivery-ID": delivery_id,
        }
        status, error = self._post(hook["delivery_url"], body, headers)
        success = status is not None and 200 <= status <= 302
        self._record_result(webhook_id, success)
        self._log(
            webhook_id,
            topic,
            record_id,
            status,
            error,
            success,
            delivery_id=delivery_id,
        )

    def _record_result(self, webhook_id, success):
        """Reset or count failures; the one after the threshold disables the webhook."""
        with self.store.lock:
            hook = self.store.get("webhook", webhook_id)
            if hook is None:
                return
            hook = dict(hook)
            if success:
                hook["failure_count"] = 0
            elif hook.get("failure_count", 0) > MAX_DELIVERY_FAILURES:
                hook["status"] = "disabled"
                _logger.warning(
                    "Webhook %s disabled after repeated delivery failures", webhook_id
                )
            else:
                hook["failure_count"] = hook.get("failure_count", 0) + 1
            self.store.put("webhook", hook)
            self.store.commit()

    def _log(
        self,
        webhook_id,
        topic,
        record_id,
        status,
        error,
        success,
        ping=False,
        delivery_id=None,
    ):
        entry = {
            "webhook_id": webhook_id,
            "delivery_id": delivery_id,
            "topic": topic,
            "resource_id": record_id,
            "ping": ping,
            "status_code": status,
            "error": error,
            "success": success,
            "time": self.store.now(),
        }
        self.deliveries.append(entry)
        _logger.debug("Webhook delivery %s", entry)
