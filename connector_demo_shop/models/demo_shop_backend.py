# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

import logging
from contextlib import contextmanager
from urllib.parse import urlparse

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.connector.exception import (
    JobError,
    RetryableJobError,
)
from odoo.addons.queue_job.delay import chain

from ..components.adapter import DemoShopClient

_logger = logging.getLogger(__name__)

# per-backend choice of conflict policy (empty: the binding model's own)
CONFLICT_POLICIES = [
    ("remote_wins", "The shop wins"),
    ("odoo_wins", "Odoo wins"),
    ("hold", "Hold for review"),
]

# hosts on which plain http is accepted: a real store ignores Basic auth over
# http, the demo shop accepts it on loopback only
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")

# the shop serves at most 100 records per listed page: a larger chunk would
# take several requests to read, and hold more records in a worker's memory
MAX_IMPORT_CHUNK_SIZE = 100


class DemoShopBackend(models.Model):
    """One shop Odoo synchronises with: where it is, how to log in, what to import.

    It is the component collection of the connector: every component of this
    addon declares ``_collection = "demo.shop.backend"`` and is found through
    :meth:`work_on`, which also hands them the HTTP client of this shop::

        backend = env["demo.shop.backend"]._setup_demo_backend(
            "http://127.0.0.1:8900", "ck_demo", "cs_demo"
        )
        backend.action_import_all()  # enqueues one batch job per entity
    """

    _name = "demo.shop.backend"
    _inherit = [
        "connector.backend",
        "connector.rate.limited.mixin",
        "connector.backend.health.mixin",
    ]
    _description = "Demo Shop Backend"
    _order = "name, id"

    # overlap subtracted from the watermark: covers edits made in the same
    # second as the last import and small clock skews
    _import_overlap_seconds = 60
    # name of the backend created by the demo setup (README main job)
    _demo_backend_name = "Demo Shop"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    url = fields.Char(
        string="Shop URL",
        required=True,
        help="Home URL of the shop, e.g. https://shop.example.com. Plain http is "
        "accepted only on loopback (the demo shop).",
    )
    consumer_key = fields.Char(groups="connector.group_connector_manager", copy=False)
    consumer_secret = fields.Char(
        groups="connector.group_connector_manager", copy=False
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    request_timeout = fields.Integer(
        default=30, help="Seconds to wait for the shop before a retryable failure."
    )
    shipping_product_id = fields.Many2one(
        "product.product",
        default=lambda self: self.env.ref(
            "connector_demo_shop.product_demo_shop_shipping", raise_if_not_found=False
        ),
        help="Product of the order lines created for the shop's shipping lines.",
    )
    import_customers_date = fields.Datetime(
        string="Customers scanned on",
        help="Start of the last full scan of the customers (the shop offers no "
        "modification filter on customers).",
    )
    import_products_since = fields.Datetime(
        string="Products modified after",
        help="Watermark: latest modification date (UTC) of the products seen by "
        "the last import. Clear it to import every product again.",
    )
    import_orders_since = fields.Datetime(
        string="Orders modified after",
        help="Watermark: latest modification date (UTC) of the orders seen by the "
        "last import. Clear it to import every order again.",
    )

    # the rate limit (rate_limit_calls per rate_limit_period seconds, from
    # connector.rate.limited.mixin) is off by default: the demo shop has no
    # limit; a real store behind a host's WAF often allows a few calls/second
    conflict_policy_customer = fields.Selection(
        CONFLICT_POLICIES,
        string="Customer conflicts",
        help="What an import or an export does with a customer changed both in "
        "Odoo and in the shop since the last synchronization. Empty: the "
        "connector's default (hold for review).",
    )
    conflict_policy_product = fields.Selection(
        CONFLICT_POLICIES,
        string="Product conflicts",
        help="What an import does with a product changed both in Odoo and in the "
        "shop since the last synchronization. Empty: the connector's default "
        "(the shop wins).",
    )
    # one count per binding model, for the smart buttons of the form
    customer_binding_count = fields.Integer(
        string="Customers", compute="_compute_binding_counts"
    )
    product_binding_count = fields.Integer(
        string="Products", compute="_compute_binding_counts"
    )
    order_binding_count = fields.Integer(
        string="Orders", compute="_compute_binding_counts"
    )

    _name_uniq = models.Constraint(
        "unique(name)", "A demo shop backend with this name already exists."
    )

    import_chunk_size = fields.Integer(
        string="Records per Import Job",
        default=1,
        help="Records a batch import puts in one job, read from the shop in one "
        "request (1, the default: one job per record). A record that fails is "
        "moved to a job of its own. At most 100.",
    )

    tax_rate_ids = fields.One2many(
        "demo.shop.tax.rate",
        "backend_id",
        string="Tax Rates",
        help="Odoo tax of each tax rate of the shop. Rows are added when an "
        "order brings an unknown rate; change their tax to use another.",
    )
    fee_product_id = fields.Many2one(
        "product.product",
        default=lambda self: self.env.ref(
            "connector_demo_shop.product_demo_shop_fee", raise_if_not_found=False
        ),
        help="Product of the order lines created for the shop's fee lines.",
    )

    # meant to be overridden: currencies the demo shop sells in
    _demo_currencies = ("EUR", "USD")

    @api.constrains("url")
    def _check_url(self):
        for backend in self:
            parsed = urlparse(backend.url or "")
            if parsed.scheme == "https":
                continue
            if parsed.scheme == "http" and parsed.hostname in LOOPBACK_HOSTS:
                continue
            raise ValidationError(
                self.env._(
                    "Backend %(name)s: the URL %(url)s must start with https:// "
                    "(a shop ignores Basic authentication over plain http); "
                    "http:// is accepted only on loopback for the demo shop.",
                    name=backend.name,
                    url=backend.url,
                )
            )

    def _compute_binding_counts(self):
        counts = {
            "demo.shop.res.partner": "customer_binding_count",
            "demo.shop.product.product": "product_binding_count",
            "demo.shop.sale.order": "order_binding_count",
        }
        for model_name, field_name in counts.items():
            # counting is harmless; opening the bindings needs the access rights
            groups = dict(
                self.env[model_name]
                .sudo()
                .with_context(active_test=False)
                ._read_group(
                    [("backend_id", "in", self.ids)], ["backend_id"], ["__count"]
                )
            )
            for backend in self:
                backend[field_name] = groups.get(backend, 0)

    def _get_binding_models(self):
        # order lines are part of their order: not a model of their own here
        return self._get_import_models()

    @contextmanager
    def work_on(self, model_name, **kwargs):
        """Work context for ``model_name`` carrying the shop's HTTP client.

        The credentials are read with ``sudo()`` here and nowhere else: jobs
        run as the user who triggered them (a salesman confirming an order
        exports its status) and receive only the backend record, never the
        key or the secret. The client of a work context takes a slot of the
        backend's rate limit before each request.
        """
        self.ensure_one()
        client = self._get_client(before_request=self._take_rate_limit_slot)
        with super().work_on(model_name, rest_client=client, **kwargs) as work:
            yield work

    def _get_client(self, before_request=None):
        """Return the HTTP client of this shop (one session per work context)."""
        backend = self.sudo()
        return DemoShopClient(
            backend.url,
            backend.consumer_key or "",
            backend.consumer_secret or "",
            timeout=backend.request_timeout or 30,
            label=backend.name,
            before_request=before_request,
        )

    def _take_rate_limit_slot(self):
        """Take a slot of the rate limit, or postpone the job (not a failed try)."""
        # sudo: jobs run as their user, who may not read the backend's rate
        self.sudo()._rate_limit_or_retry()

    # ------------------------------------------------------------------
    # buttons
    # ------------------------------------------------------------------

    def _check_manager_access(self):
        """Refuse the buttons to anyone but a connector manager.

        Called first by every button: they read the credentials with
        ``sudo()`` and enqueue jobs, so an RPC call by an internal or portal
        user must stop here, before anything is read or enqueued.
        """
        if not self.env.su and not self.env.user.has_group(
            "connector.group_connector_manager"
        ):
            raise AccessError(
                self.env._(
                    "Only connector managers may run the actions of the demo shop "
                    "backends (%(model)s); ask an administrator for the group "
                    "Connector / Manager.",
                    model=self._name,
                )
            )
        self.check_access("write")

    def action_check_connection(self):
        """Ask the shop for one product: proves the URL and the credentials."""
        self._check_manager_access()
        self.ensure_one()
        self._check_credentials_set()
        client = self._get_client()
        try:
            client.get("products", params={"per_page": 1})
        except (JobError, RetryableJobError) as err:
            raise UserError(
                self.env._(
                    "Backend %(name)s: the shop at %(url)s did not answer as "
                    "expected: %(error)s",
                    name=self.name,
                    url=self.url,
                    error=err,
                )
            ) from err
        return self._notify(self.env._("Connection to %(url)s works.", url=self.url))

    def action_import_customers(self):
        """Enqueue the full scan of the shop's customers."""
        self._check_manager_access()
        self.ensure_one()
        return self._action_import("demo.shop.res.partner")

    def action_import_products(self):
        """Enqueue the import of the products modified since the watermark."""
        self._check_manager_access()
        self.ensure_one()
        return self._action_import("demo.shop.product.product")

    def action_import_orders(self):
        """Enqueue the import of the orders modified since the watermark."""
        self._check_manager_access()
        self.ensure_one()
        return self._action_import("demo.shop.sale.order")

    def action_import_all(self):
        """Enqueue the imports of customers, products and orders.

        Orders resolve their customer and products as dependencies, so the
        order of the jobs does not matter for correctness; customers and
        products go first only to keep the order jobs short::

            env["demo.shop.backend"].search([]).action_import_all()
        """
        self._check_manager_access()
        for backend in self:
            backend._check_credentials_set()
            # one batch after the other: each writes its watermark on this
            # backend's row, and concurrent writes of one row fail with a
            # serialization error (retried by queue_job, but noisy)
            chain(
                *(
                    backend._import_batch_delayable(model_name)
                    for model_name in self._get_import_models()
                )
            ).delay()
        return self._notify(
            self.env._("Imports of customers, products and orders enqueued.")
        )

    # ------------------------------------------------------------------
    # scheduled actions (ir.cron, inactive by default)
    # ------------------------------------------------------------------

    @api.model
    def _scheduler_import_customers(self):
        self._scheduler_import("demo.shop.res.partner")

    @api.model
    def _scheduler_import_products(self):
        self._scheduler_import("demo.shop.product.product")

    @api.model
    def _scheduler_import_orders(self):
        self._scheduler_import("demo.shop.sale.order")

    @api.model
    def _scheduler_import(self, model_name):
        for backend in self.search([]):
            if not backend._has_credentials():
                # one backend still being configured must not stop the others
                _logger.warning(
                    "Demo shop backend %s has no credentials: %s not imported",
                    backend.name,
                    model_name,
                )
                continue
            backend._enqueue_import_batch(model_name)

    # ------------------------------------------------------------------
    # business methods
    # ------------------------------------------------------------------

    @api.model
    def _setup_demo_backend(self, url, key, secret):
        """Create or reuse the backend named "Demo Shop" pointing at ``url``.

        Meant for ``odoo shell`` and scripts (the README's main job)::

            backend = env["demo.shop.backend"]._setup_demo_backend(
                "http://127.0.0.1:8900", "ck_demo", "cs_demo"
            )
            backend.action_import_all()
            env.cr.commit()
        """
        values = {"url": url, "consumer_key": key, "consumer_secret": secret}
        backend = (
            self.sudo()
            .with_context(active_test=False)
            .search([("name", "=", self._demo_backend_name)], limit=1)
        )
        if backend:
            backend.write(dict(values, active=True))
        else:
            backend = self.sudo().create(dict(values, name=self._demo_backend_name))
        # the demo shop's orders are in these currencies: an order in an
        # inactive currency is not imported
        currencies = (
            self.env["res.currency"]
            .sudo()
            .with_context(active_test=False)
            .search([("name", "in", list(self._demo_currencies))])
        )
        currencies.write({"active": True})
        return backend.with_env(self.env)

    @api.model
    def _get_import_models(self):
        """Binding models imported by "import all", in a sensible order."""
        return [
            "demo.shop.res.partner",
            "demo.shop.product.product",
            "demo.shop.sale.order",
        ]

    def _enqueue_import_batch(self, model_name, filters=None):
        for backend in self:
            backend._check_credentials_set()
            backend._import_batch_delayable(model_name, filters=filters).delay()

    def _import_batch_delayable(self, model_name, filters=None):
        self.ensure_one()
        return (
            self.env[model_name]
            .delayable(
                description=self.env._(
                    "Batch import of %(model)s from %(backend)s",
                    backend=self.name,
                    model=self.env[model_name]._description,
                )
            )
            .import_batch(self, filters=filters or {})
        )

    def _action_import(self, model_name):
        self._enqueue_import_batch(model_name)
        return self._notify(
            self.env._(
                "Import of %(model)s enqueued: see Queue Jobs.",
                model=self.env[model_name]._description,
            )
        )

    def _has_credentials(self):
        backend = self.sudo()
        return bool(backend.consumer_key and backend.consumer_secret)

    def _check_credentials_set(self):
        if not self._has_credentials():
            raise UserError(
                self.env._(
                    "Backend %(name)s: the consumer key or secret is missing. "
                    "Create a key pair in the shop and fill both fields.",
                    name=self.name,
                )
            )

    def _notify(self, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "success", "message": message, "sticky": False},
        }

    @api.constrains("import_chunk_size")
    def _check_import_chunk_size(self):
        for backend in self:
            size = backend.import_chunk_size
            if not 1 <= size <= MAX_IMPORT_CHUNK_SIZE:
                raise ValidationError(
                    self.env._(
                        "Backend %(backend)s: Records per Import Job must be "
                        "between 1 and %(max)s, not %(size)s.",
                        backend=backend.display_name,
                        max=MAX_IMPORT_CHUNK_SIZE,
                        size=size,
                    )
                )

    def _get_import_chunk_size(self, model_name):
        """The backend's setting, for every binding model of the shop::

        backend.import_chunk_size = 50
        backend._get_import_chunk_size("demo.shop.sale.order")  # 50
        """
        self.ensure_one()
        if self.import_chunk_size:
            return self.import_chunk_size
        return super()._get_import_chunk_size(model_name)

    @api.model
    def setup_demo(self, shop_url, key, secret, odoo_url):
        """Point the "Demo Shop" backend at a running shop and start importing.

        Creates (or reuses) the backend, lets the shop's webhooks call
        ``odoo_url``, registers them, and enqueues the import of customers,
        products and orders. Before that, a partner with the e-mail of the
        shop's first customer is created in Odoo (if none exists): the import
        matches it and opens a checkpoint, so the review screens have
        something to show. The caller commits::

            backend = env["demo.shop.backend"].setup_demo(
                "http://127.0.0.1:8079", "ck_demo_...", "cs_demo_...",
                "http://127.0.0.1:8069",
            )
            env.cr.commit()

        :param shop_url: home URL of the shop
        :param key: the shop's REST API consumer key
        :param secret: the shop's REST API consumer secret
        :param odoo_url: the URL at which the shop reaches this Odoo
        :return: the backend
        """
        backend = self._setup_demo_backend(shop_url, key, secret)
        backend._prepare_demo_match()
        backend._set_demo_base_url(odoo_url)
        backend.invalidate_recordset(["webhook_url"])
        backend.action_register_webhooks()
        backend.action_import_all()
        return backend

    def _prepare_demo_match(self):
        """Create a partner sharing the e-mail of the shop's first customer."""
        self.ensure_one()
        customers = self._get_client().get(
            "customers", params={"per_page": 1, "orderby": "id", "order": "asc"}
        )
        if not customers or not customers[0].get("email"):
            return self.env["res.partner"]
        first = customers[0]
        partners = self.env["res.partner"].sudo().with_context(active_test=False)
        existing = partners.search([("email", "=", first["email"])], limit=1)
        if existing:
            return existing
        name = self.env._("%(name)s (already in Odoo)", name=first.get("first_name"))
        return partners.create({"name": name, "email": first["email"]})

    @api.model
    def _set_demo_base_url(self, odoo_url):
        """Make ``odoo_url`` the URL sent to the shop (webhooks, links)."""
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("web.base.url", odoo_url)
        params.set_param("web.base.url.freeze", "True")
