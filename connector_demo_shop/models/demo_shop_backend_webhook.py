# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Webhooks of the demo shop: a change in the shop reaches Odoo within seconds.

The route (``controllers/webhook.py``) checks the signature and records the
delivery; this backend half says which secret signs the deliveries, turns a
verified delivery into an ``import_record`` job, and registers the webhooks in
the shop::

    backend.action_register_webhooks()  # 9 topics -> backend.webhook_url
"""

import logging
import secrets

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.connector.exception import (
    JobError,
    RetryableJobError,
)
from odoo.addons.queue_job.job import identity_exact

_logger = logging.getLogger(__name__)

# route of the controller; the backend id follows
WEBHOOK_ROUTE = "/connector_demo_shop/webhook"
# resource of a topic -> binding model importing it
WEBHOOK_RESOURCES = {
    "customer": "demo.shop.res.partner",
    "product": "demo.shop.product.product",
    "order": "demo.shop.sale.order",
}
# events of a topic that mean "this record changed: import it again"
WEBHOOK_EVENTS = ("created", "updated", "deleted", "restored")
# keys only a payload of that resource carries: a body signed for one
# resource and replayed under the topic of another is refused
WEBHOOK_RESOURCE_MARKERS = {
    "customer": frozenset({"username", "role"}),
    "product": frozenset({"sku", "regular_price", "stock_status"}),
    "order": frozenset({"line_items", "order_key"}),
}
# fallback crons polling the shop when its webhooks stop
POLLING_CRONS = (
    "connector_demo_shop.ir_cron_import_customers",
    "connector_demo_shop.ir_cron_import_products",
    "connector_demo_shop.ir_cron_import_orders",
)
# the topics registered in the shop
WEBHOOK_TOPICS = tuple(
    f"{resource}.{event}"
    for resource in WEBHOOK_RESOURCES
    for event in ("created", "updated", "deleted")
)


class DemoShopBackend(models.Model):
    """Receive the shop's webhooks (topics ``customer|product|order``
    ``.created|updated|deleted``) as import jobs.

    Every delivery, ``deleted`` included, enqueues ``import_record`` of its
    record: the importer reads the record again, so a trashed product or
    order is imported with its trash status (archived in Odoo) and a record
    gone for good (404) ends the job with "no longer exists". Deliveries may
    come late, twice or out of order: the import always takes the shop's
    current state, and skips a record whose ``date_modified_gmt`` it already
    has (which also absorbs the echoes of the connector's own exports).
    """

    _inherit = "demo.shop.backend"

    webhook_secret = fields.Char(
        groups="connector.group_connector_manager",
        copy=False,
        help="Key of the HMAC-SHA256 signature of the shop's webhook deliveries. "
        '"Register webhooks" generates it when empty and gives it to the shop.',
    )
    webhook_enabled = fields.Boolean(
        string="Receive Webhooks",
        default=True,
        help="Unticked, the shop's deliveries are refused (410 Gone) and nothing "
        "is imported from them; the scheduled imports still run.",
    )
    webhook_problem = fields.Char(
        readonly=True,
        copy=False,
        help="Webhooks the shop stopped delivering (it disables a webhook after "
        "repeated failed deliveries), found by the scheduled check; the "
        "scheduled imports are then switched on. Cleared by Register webhooks.",
    )
    webhook_url = fields.Char(
        string="Webhook URL",
        compute="_compute_webhook_url",
        help="Delivery URL of the webhooks: the shop must reach it (Odoo's "
        "web.base.url followed by the route of this backend).",
    )

    @api.depends()
    def _compute_webhook_url(self):
        base_url = (
            self.env["ir.config_parameter"].sudo().get_param("web.base.url") or ""
        ).rstrip("/")
        for backend in self:
            backend.webhook_url = (
                f"{base_url}{WEBHOOK_ROUTE}/{backend.id}" if backend.id else False
            )

    # ------------------------------------------------------------------
    # hooks of connector's WebhookReceiver
    # ------------------------------------------------------------------

    def _webhook_secret(self):
        return self.sudo().webhook_secret

    def _webhook_enabled(self):
        return self.sudo().webhook_enabled

    def _webhook_record_key(self, topic, payload):
        resource = topic.partition(".")[0]
        if isinstance(payload, dict) and _is_shop_id(payload.get("id")):
            return f"{resource}:{payload['id']}"
        return None

    def _webhook_enqueue(self, delivery, payload):
        """Enqueue the import of the record a verified delivery announces.

        A payload that is no JSON object, has no integer ``id``, or comes with
        a topic other than ``customer|product|order.<event>`` is marked
        ``rejected`` on the delivery (the route answers 400 with the error)
        and nothing is enqueued.
        """
        self.ensure_one()
        topic = delivery.topic or ""
        resource, __, event = topic.partition(".")
        model_name = WEBHOOK_RESOURCES.get(resource)
        error = None
        if not model_name or event not in WEBHOOK_EVENTS:
            error = self.env._(
                "Unknown webhook topic %(topic)r: expected a resource among "
                "%(resources)s and an event among %(events)s.",
                topic=topic,
                resources=", ".join(WEBHOOK_RESOURCES),
                events=", ".join(WEBHOOK_EVENTS),
            )
        elif not isinstance(payload, dict):
            error = self.env._(
                "The payload of %(topic)s is %(kind)s, not a JSON object.",
                topic=topic,
                kind=type(payload).__name__,
            )
        elif _foreign_markers(resource, payload):
            error = self.env._(
                "The payload of %(topic)s is not a %(resource)s: it has the "
                "fields %(fields)s of another resource.",
                topic=topic,
                resource=resource,
                fields=", ".join(sorted(_foreign_markers(resource, payload))),
            )
        elif not _is_shop_id(payload.get("id")):
            error = self.env._(
                'The payload of %(topic)s has no positive integer "id" '
                "(got %(value)s).",
                topic=topic,
                value=_shorten(payload.get("id")),
            )
        if error:
            delivery.write({"state": "rejected", "error": error})
            return None
        external_id = str(payload["id"])
        binding_model = self.env[model_name]
        return binding_model.with_delay(
            description=self.env._(
                "Webhook %(topic)s: import %(model)s %(id)s from %(backend)s",
                topic=topic,
                model=binding_model._description,
                id=external_id,
                backend=self.name,
            ),
            # a burst of deliveries of one record waiting to run is one job
            identity_key=identity_exact,
        ).import_record(self, external_id)

    # ------------------------------------------------------------------
    # button
    # ------------------------------------------------------------------

    def action_register_webhooks(self):
        """Register the webhooks of :data:`WEBHOOK_TOPICS` in the shop.

        Generates the secret when the backend has none. Topics already
        registered to :attr:`webhook_url` are not created again; those the
        shop paused or disabled are activated again (and given the secret
        when it was just generated), so pressing the button twice is safe.
        """
        self._check_manager_access()
        self.ensure_one()
        self._check_credentials_set()
        backend = self.sudo()
        new_secret = not backend.webhook_secret
        if new_secret:
            backend.webhook_secret = secrets.token_urlsafe(32)
        url = self.webhook_url
        client = self._get_client()
        created = refreshed = 0
        try:
            existing = {}
            for hook in client.get_pages("webhooks", {"status": "all"}):
                if isinstance(hook, dict) and hook.get("delivery_url") == url:
                    existing.setdefault(hook.get("topic"), hook)
            for topic in WEBHOOK_TOPICS:
                hook = existing.get(topic)
                if hook is None:
                    client.post("webhooks", self._webhook_values(topic))
                    created += 1
                elif new_secret or hook.get("status") != "active":
                    client.put(
                        f"webhooks/{hook['id']}",
                        {"status": "active", "secret": backend.webhook_secret},
                    )
                    refreshed += 1
        except (JobError, RetryableJobError) as err:
            raise UserError(
                self.env._(
                    "Backend %(name)s: the shop at %(url)s refused the webhooks "
                    "(%(created)s registered before the error): %(error)s",
                    name=self.name,
                    url=self.url,
                    created=created,
                    error=err,
                )
            ) from err
        backend.webhook_problem = False
        _logger.info(
            "Webhooks of demo shop backend %s: %s registered, %s re-activated",
            self.name,
            created,
            refreshed,
        )
        return self._notify(
            self.env._(
                "Webhooks to %(url)s: %(created)s registered, %(refreshed)s "
                "re-activated, %(kept)s already in place.",
                url=url,
                created=created,
                refreshed=refreshed,
                kept=len(WEBHOOK_TOPICS) - created - refreshed,
            )
        )

    # ------------------------------------------------------------------
    # scheduled check of the shop's webhooks
    # ------------------------------------------------------------------

    @api.model
    def _scheduler_check_webhooks(self):
        """Find the backends whose shop stopped delivering (the daily cron)."""
        backends = self.search([("webhook_enabled", "=", True)]).filtered(
            lambda backend: backend.sudo().webhook_secret and backend._has_credentials()
        )
        for backend in backends:
            backend._check_shop_webhooks()

    def _check_shop_webhooks(self):
        """Compare the shop's webhooks to :data:`WEBHOOK_TOPICS`.

        A topic missing, or paused or disabled in the shop (it disables a
        webhook after 5 failed deliveries), is written in
        :attr:`webhook_problem` (shown on Sync Health) and the scheduled
        imports are switched on, so that changes keep coming in::

            backend._check_shop_webhooks()  # "order.updated: disabled"
        """
        self.ensure_one()
        try:
            hooks = list(self._get_client().get_pages("webhooks", {"status": "all"}))
        except (JobError, RetryableJobError) as err:
            _logger.warning(
                "Demo shop backend %s: webhooks not checked: %s", self.name, err
            )
            return False
        statuses = {}
        for hook in hooks:
            if (
                isinstance(hook, dict)
                and hook.get("delivery_url") == self.webhook_url
                and statuses.get(hook.get("topic")) != "active"
            ):
                statuses[hook.get("topic")] = hook.get("status")
        problems = [
            f"{topic}: {statuses.get(topic) or 'missing'}"
            for topic in WEBHOOK_TOPICS
            if statuses.get(topic) != "active"
        ]
        problem = ", ".join(problems) or False
        self.sudo().webhook_problem = problem
        if problem:
            _logger.warning(
                "Demo shop backend %s: the shop does not deliver %s; scheduled "
                "imports switched on",
                self.name,
                problem,
            )
            self._activate_polling_fallback()
        return problem

    def _activate_polling_fallback(self):
        """Switch on the scheduled imports (the polling that webhooks spare)."""
        for xmlid in POLLING_CRONS:
            cron = self.env.ref(xmlid, raise_if_not_found=False)
            if cron and not cron.sudo().active:
                cron.sudo().active = True

    def _render_health_summary(self, per_model):
        summary = super()._render_health_summary(per_model)
        if not self.webhook_problem:
            return summary
        warning = Markup(
            '<div class="alert alert-warning o_demo_shop_webhook_problem" '
            'role="alert">%s</div>'
        ) % self.env._(
            "The shop stopped delivering webhooks (%(problem)s): scheduled "
            "imports are on. Press Register webhooks once the cause is fixed.",
            problem=self.webhook_problem,
        )
        return warning + summary

    def action_view_webhook_deliveries(self):
        """Open the webhook deliveries received for this backend."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "connector.action_connector_webhook_delivery"
        )
        action["domain"] = [("backend_id", "=", f"{self._name},{self.id}")]
        action["context"] = {}
        return action

    def _webhook_values(self, topic):
        """Body of ``POST /webhooks`` for ``topic`` (carries the secret)."""
        return {
            "name": f"Odoo {self.name}: {topic}",
            "topic": topic,
            "delivery_url": self.webhook_url,
            "secret": self.sudo().webhook_secret,
            "status": "active",
        }


def _foreign_markers(resource, payload):
    """The keys of ``payload`` that only another resource's payload has."""
    keys = set(payload)
    return {
        key
        for other, markers in WEBHOOK_RESOURCE_MARKERS.items()
        if other != resource
        for key in markers & keys
    }


def _is_shop_id(value):
    # a JSON true is no id; nor is "12" (the shop always sends numbers)
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _shorten(value, limit=40):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."
