"""Importers: shop -> Odoo, on the connector's ``generic.record.importer``
and ``generic.batch.importer``.

Only what is the shop's is here: its modification date, the types of its
JSON, the skipped order statuses, the dependencies of an order, the
customer matched by e-mail and the order's state.
"""

from odoo.addons.component.core import AbstractComponent, Component
from odoo.addons.connector.components.importer import shorten_value


class DemoShopRecordImporter(AbstractComponent):
    """Import one record of the shop, given its id (``generic.record.importer``
    with the shop's modification date and type checks)."""

    _name = "demo.shop.record.importer"
    _inherit = ["generic.record.importer", "demo.shop.base"]
    # a job blocked by a concurrent import of the same record retries after
    _import_lock_retry_seconds = 5
    _remote_date_key = "date_modified_gmt"
    _remote_date_field = "shop_date_modified"


class DemoShopCustomerImporter(Component):
    """Customers: a new customer always gets a new partner. A partner with
    the same e-mail is only proposed to a person (``connector.partner.match``
    and its checkpoint, by the connector's ``partner.matcher``): the shop does
    not verify e-mails, and the partner of a user or a company is never
    proposed. Nothing of the proposed partner changes before it is accepted."""

    _name = "demo.shop.res.partner.importer"
    _inherit = "demo.shop.record.importer"
    _apply_on = "demo.shop.res.partner"

    def __init__(self, work_context):
        super().__init__(work_context)
        self.created_binding = False

    def _match_existing_record(self, data):
        # never bind by e-mail: see _propose_existing_partner
        return self.env["res.partner"]

    def _validate_remote_data(self):  # pylint: disable=missing-return
        super()._validate_remote_data()
        for field in ("email", "first_name", "last_name", "username"):
            self._check_type(field, (str,))
        self._check_type("billing", (dict,))
        billing = self.remote_record.get("billing") or {}
        for field in ("first_name", "last_name", "email"):
            self._check_type(field, (str,), record=billing, part="billing")
        names = [
            self.remote_record.get(field)
            for field in ("first_name", "last_name", "username", "email")
        ] + [billing.get("first_name"), billing.get("last_name")]
        if not any(name and name.strip() for name in names):
            raise self._invalid(
                "first_name",
                "is empty, as are last_name, username and email: a customer "
                "needs a name or an e-mail.",
            )

    def _create(self, data):
        binding = super()._create(data)
        self.created_binding = True
        return binding

    def _after_import(self, binding):  # pylint: disable=missing-return
        super()._after_import(binding)
        if self.created_binding:
            self._propose_existing_partner(binding)

    def _propose_existing_partner(self, binding):
        """Propose for review the partner with the customer's e-mail, if any
        may be proposed; return the ``connector.partner.match``."""
        email = self.remote_record.get("email") or (
            self.remote_record.get("billing") or {}
        ).get("email")
        matcher = self.component(usage="partner.matcher")
        return matcher.propose_for(binding, email)


class DemoShopProductImporter(Component):
    _name = "demo.shop.product.product.importer"
    _inherit = "demo.shop.record.importer"
    _apply_on = "demo.shop.product.product"

    def _validate_remote_data(self):  # pylint: disable=missing-return
        super()._validate_remote_data()
        self._check_type("name", (str,), required=True)
        if not self.remote_record["name"].strip():
            raise self._invalid("name", "is empty: a product needs a name.")
        for field in ("sku", "status"):
            self._check_type(field, (str,))


class DemoShopOrderImporter(Component):
    """Orders: customer and products first, then the order with its lines.

    An order is created once with its lines; later imports only follow its
    status (the shop's lines of a paid order do not change). The Odoo state
    follows the shop's status; unknown statuses change nothing.
    """

    _name = "demo.shop.sale.order.importer"
    _inherit = "demo.shop.record.importer"
    _apply_on = "demo.shop.sale.order"

    # meant to be overridden: Odoo action for a shop status; other statuses
    # (pending, unknown plugin statuses) leave the order as it is
    _state_by_status = {
        "processing": "sale",
        "on-hold": "sale",
        "completed": "sale",
        "cancelled": "cancel",
        "refunded": "cancel",
        "failed": "cancel",
    }
    # meant to be overridden: statuses of orders that are not orders yet
    _skipped_statuses = ("checkout-draft", "auto-draft")

    def __init__(self, work_context):
        super().__init__(work_context)
        self.created_products = set()

    def _must_skip(self):
        status = self.remote_record.get("status")
        if status in self._skipped_statuses:
            return self.env._(
                "Order %(id)s is still a %(status)s in the shop: skipped.",
                id=self.external_id,
                status=status,
            )
        return None

    def _validate_remote_data(self):  # pylint: disable=missing-return
        super()._validate_remote_data()
        for field in ("number", "status", "currency"):
            self._check_type(field, (str, int))
        self._check_type("customer_id", (int, str))
        self._check_type("billing", (dict,))
        self._check_objects("line_items")
        self._check_objects("shipping_lines")
        for item in self.remote_record.get("line_items") or []:
            part = f"line item {shorten_value(item.get('id'))}"
            self._check_type("name", (str,), record=item, part=part)
            self._check_type("product_id", (int, str), record=item, part=part)
            for field in ("quantity", "subtotal", "total"):
                self._check_amount(field, record=item, part=part)

    def _import_dependencies(self):
        record = self.remote_record
        self._import_dependency(record.get("customer_id"), "demo.shop.res.partner")
        for item in record.get("line_items") or []:
            product_id = item.get("variation_id") or item.get("product_id")
            if self._import_dependency(product_id, "demo.shop.product.product"):
                self.created_products.add(str(product_id))

    def _map_data(self):
        map_record = super()._map_data()
        if not self.remote_record.get("customer_id"):
            map_record.update(partner_id=self._get_guest_partner().id)
        return map_record

    def _get_guest_partner(self):
        """Partner of a guest order: found by billing e-mail, else created."""
        billing = self.remote_record.get("billing") or {}
        email = (billing.get("email") or "").strip()
        partner = self.env["res.partner"]
        if email:
            partner = partner.search([("email", "=ilike", email)], limit=1)
        if partner:
            return partner
        name = " ".join(
            part
            for part in (billing.get("first_name"), billing.get("last_name"))
            if part
        )
        return (
            self.env["res.partner"]
            .with_context(connector_no_export=True)
            .create(
                {"name": name or email or self.env._("Guest"), "email": email or False}
            )
        )

    def _update_data(self, map_record, **kwargs):
        # an imported order keeps its lines and customer: only follow the status
        values = map_record.values(**kwargs)
        keep = ("shop_status", "shop_total", "shop_date_modified")
        return {key: values[key] for key in keep if key in values}

    def _after_import(self, binding):  # pylint: disable=missing-return
        super()._after_import(binding)
        self._apply_shop_status(binding)
        product_binder = self.binder_for("demo.shop.product.product")
        for line in binding.demo_shop_order_line_ids:
            product_id = product_binder.to_external(line.product_id, wrap=True)
            if product_id in self.created_products:
                self._add_checkpoint(line.odoo_id)

    def _apply_shop_status(self, binding):
        order = binding.odoo_id.with_context(connector_no_export=True)
        target = self._state_by_status.get(binding.shop_status)
        if target == "sale" and order.state in ("draft", "sent"):
            order.action_confirm()
        elif target == "cancel" and order.state != "cancel":
            order._action_cancel()


class DemoShopBatchImporter(AbstractComponent):
    """List the shop records to import and enqueue one job per record.

    Products and orders are listed with ``modified_after`` from the
    watermark kept on the backend (``_watermark_field``), ordered by
    modification date; customers have no such filter in the shop's API and
    are fully scanned by id.
    """

    _name = "demo.shop.batch.importer"
    _inherit = ["generic.batch.importer", "demo.shop.base"]
    _page_size = 100  # the largest page the shop's API serves
    _remote_date_key = "date_modified_gmt"

    def _list_page(self, since, offset, limit, filters):
        params = {"orderby": "id", "order": "asc", "offset": offset, "per_page": limit}
        if self._list_by_date:
            params["orderby"] = "modified"
        if since:
            # the shop's date filters take naive UTC dates with dates_are_gmt
            params.update(modified_after=since.isoformat(), dates_are_gmt="true")
        params.update(filters or {})
        return self.backend_adapter.search_page(params)

    def _get_overlap_seconds(self):
        return self.backend_record._import_overlap_seconds


class DemoShopCustomerBatchImporter(Component):
    _name = "demo.shop.res.partner.batch.importer"
    _inherit = "demo.shop.batch.importer"
    _apply_on = "demo.shop.res.partner"
    _list_by_date = False  # the shop's API has no modified_after for customers
    _scan_date_field = "import_customers_date"


class DemoShopProductBatchImporter(Component):
    _name = "demo.shop.product.product.batch.importer"
    _inherit = "demo.shop.batch.importer"
    _apply_on = "demo.shop.product.product"
    _watermark_field = "import_products_since"
    _record_job_priority = 15


class DemoShopOrderBatchImporter(Component):
    _name = "demo.shop.sale.order.batch.importer"
    _inherit = "demo.shop.batch.importer"
    _apply_on = "demo.shop.sale.order"
    _watermark_field = "import_orders_since"
