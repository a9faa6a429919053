"""Importers: shop -> Odoo.

A *batch importer* lists what changed in the shop and enqueues one
``import_record`` job per record; a *record importer* imports one record.
Both are idempotent, keyed on the shop's id: running them twice, or on a
record that did not change, changes nothing.

Record import, in order (each step is a method to override)::

    _get_shop_data         GET the record (404: nothing to do)
    _validate_external_data  types of the shop's JSON, before anything is written
    _must_skip             e.g. an order still in checkout-draft
    advisory lock          one job per shop record at a time
    _is_uptodate           shop's date_modified_gmt <= the one last imported
    _import_dependencies   customer and products of an order first
    _map_data              mapper (order lines as children)
    _check_conflict        both sides changed since the last sync: conflict.resolver
    _create / _update      with connector_no_export in the context
    bind                   external id + sync date on the binding
    _after_import          checkpoints, order state
"""

import logging
from datetime import timedelta

from odoo import fields

from odoo.addons.component.core import AbstractComponent, Component
from odoo.addons.component.exception import NoComponentError
from odoo.addons.connector.exception import (
    IDMissingInBackend,
    InvalidDataError,
    MappingError,
)
from odoo.addons.connector.models.checkpoint import add_checkpoint
from odoo.addons.queue_job.job import identity_exact

from .mapper import format_shop_date, parse_shop_date, to_decimal

_logger = logging.getLogger(__name__)


# names of the JSON types in the errors of _check_type
EXPECTED_TYPES = {
    str: "a text",
    int: "a number",
    float: "a number",
    dict: "an object",
    list: "a list",
}


def _shorten(value, limit=80):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def is_uptodate(binding, modified):
    """True when ``binding`` holds the shop record as modified at ``modified``."""
    if not (binding and binding.shop_date_modified and modified):
        return False
    return modified <= binding.shop_date_modified


class DemoShopRecordImporter(AbstractComponent):
    """Import one record of the shop, given its id."""

    _name = "demo.shop.record.importer"
    _inherit = ["base.importer", "demo.shop.base"]
    _usage = "record.importer"
    # a job blocked by a concurrent import of the same record retries after
    _import_lock_retry_seconds = 5

    def __init__(self, work_context):
        super().__init__(work_context)
        self.external_id = None
        self.shop_record = None

    def run(self, external_id, force=False):
        """Import the shop record ``external_id``; return what was done.

        ``force`` imports even when the binding is already up to date.
        """
        self.external_id = str(external_id)
        # one job per shop record at a time: the other one is retried later
        # (locked before reading, so that a job that must wait calls nobody)
        self._lock_external_id(self.external_id)
        try:
            self.shop_record = self._get_shop_data()
        except IDMissingInBackend:
            return self.env._(
                "Record %(id)s no longer exists in the shop: nothing imported.",
                id=self.external_id,
            )
        self._validate_external_data()
        skip_reason = self._must_skip()  # pylint: disable=assignment-from-none
        if skip_reason:
            return skip_reason
        binding = self.binder.to_internal(self.external_id)
        if not force and self._is_uptodate(binding):
            return self.env._("Already up to date.")
        self._import_dependencies()
        map_record = self._map_data()
        if binding:
            data = self._update_data(map_record)
            conflict = self._check_conflict(binding, data)
            if conflict:
                return conflict
            self._update(binding, data)
        else:
            with self._retry_unique_violation():
                binding = self._create(self._create_data(map_record))
        self.binder.bind(self.external_id, binding)
        self._after_import(binding)
        _logger.info(
            "Imported %s %s as %s", self.model._name, self.external_id, binding
        )
        return self.env._(
            "Imported shop record %(id)s as %(record)s.",
            id=self.external_id,
            record=binding.display_name,
        )

    def _get_shop_data(self):
        return self.backend_adapter.read(self.external_id)

    def _check_conflict(self, binding, data):
        """Return why ``data`` is not written on ``binding``, or ``None``.

        A conflict is a record changed in Odoo and in the shop since the
        binding's sync date (``conflict.resolver``). Only the values of the
        Odoo record are compared: the binding's own fields (shop status,
        shop modification date) are the shop's by definition. The binding is
        not bound again, so the next import meets the same conflict until it
        is solved.
        """
        fields_ = self.model._fields
        values = {
            name: value
            for name, value in data.items()
            if name in fields_ and fields_[name].inherited
        }
        remote_date = parse_shop_date(self.shop_record.get("date_modified_gmt"))
        resolver = self.component(usage="conflict.resolver")
        if resolver.should_import(binding, remote_date, values):
            return None
        _logger.info(
            "Import of %s %s not written: conflict with the Odoo record",
            self.model._name,
            self.external_id,
        )
        policy = resolver.get_policy(binding)
        if policy == "odoo_wins":
            self._export_odoo_version(binding)
        return self.env._(
            "Shop record %(id)s and %(record)s both changed since the last "
            "synchronization: the shop's values are not written (conflict "
            "policy: %(policy)s).",
            id=self.external_id,
            record=binding.odoo_id.display_name,
            policy=policy,
        )

    def _export_odoo_version(self, binding):
        """Odoo won a conflict: send its version to the shop, so that both
        sides meet (models exported by this connector only)."""
        try:
            self.component(usage="record.exporter")
        except NoComponentError:
            return  # imported only (products): nothing to send
        binding.with_delay(
            description=self.env._(
                "Export %(record)s to the shop (Odoo won a conflict)",
                record=binding.display_name,
            )
        ).export_record()

    def _must_skip(self):
        """Return a reason (text) to skip the record, or ``None``."""
        return

    def _validate_external_data(self):
        """Refuse a shop record of unexpected types before anything is written.

        Meant to be extended: raise :class:`InvalidDataError` through
        :meth:`_check_type` for each field the importer and its mapper read.
        """
        if not isinstance(self.shop_record, dict):
            raise InvalidDataError(
                f"{self.model._description} {self.external_id}: the shop answered "
                f"{type(self.shop_record).__name__} instead of a JSON object."
            )

    def _invalid(self, field, message, part=None):
        """An :class:`InvalidDataError` naming the record, field and shop id.

        ``part`` names the nested object holding ``field``, e.g. "line item 7".
        """
        where = f"{self.model._description} {self.external_id}"
        if part:
            where = f"{where}, {part}"
        return InvalidDataError(f"{where}: field {field!r} {message}")

    def _check_type(self, field, types, record=None, required=False, part=None):
        """Check that ``record[field]`` (the shop record by default) is of
        ``types``; ``None`` and a missing key pass unless ``required``.

        ``part`` names the nested ``record`` in the error (see :meth:`_invalid`).
        """
        record = self.shop_record if record is None else record
        value = record.get(field)
        if value is None and not required:
            return
        # a JSON true/false is no number
        if isinstance(value, types) and not (
            isinstance(value, bool) and bool not in types
        ):
            return
        expected = " or ".join(
            dict.fromkeys(EXPECTED_TYPES.get(kind, kind.__name__) for kind in types)
        )
        raise self._invalid(
            field,
            f"must be {expected}, got {_shorten(value)} ({type(value).__name__}).",
            part=part,
        )

    def _is_uptodate(self, binding):
        """True when the shop did not change the record since its last import.

        Both dates come from the shop's clock (``date_modified_gmt`` now and
        at the last import), so a clock skew between Odoo and the shop
        cannot hide a change.
        """
        modified = parse_shop_date(self.shop_record.get("date_modified_gmt"))
        return is_uptodate(binding, modified)

    def _import_dependencies(self):
        """Import the records this one points to; nothing by default."""

    def _import_dependency(self, external_id, binding_model, force=False):
        """Import ``external_id`` of ``binding_model`` unless already bound.

        Return ``True`` when it had to be imported (it was unknown)::

            def _import_dependencies(self):
                self._import_dependency(record["customer_id"], "demo.shop.res.partner")
        """
        if not external_id:
            return False
        importer = self.component(usage="record.importer", model_name=binding_model)
        # lock first, then look for the binding: a job creating the same
        # record right now makes this one retry, and the retry finds it bound
        importer._lock_external_id(str(external_id))
        binder = self.binder_for(binding_model)
        if binder.to_internal(external_id) and not force:
            return False
        importer.run(external_id, force=force)
        return True

    def _map_data(self):
        return self.mapper.map_record(self.shop_record)

    def _create_data(self, map_record, **kwargs):
        values = map_record.values(for_create=True, **kwargs)
        # the shop's id goes in with the INSERT: a concurrent duplicate then
        # fails right here, where _retry_unique_violation turns it into a retry
        values["external_id"] = self.external_id
        return values

    def _update_data(self, map_record, **kwargs):
        return map_record.values(**kwargs)

    def _create(self, data):
        # connector_no_export: the listeners must not send the import back
        binding = self.model.with_context(connector_no_export=True).create(data)
        _logger.debug("%s %s created", self.model._name, binding.id)
        return binding

    def _update(self, binding, data):
        binding.with_context(connector_no_export=True).write(data)
        _logger.debug("%s %s updated", self.model._name, binding.id)

    def _after_import(self, binding):
        """Hook run after the binding is created or updated and bound."""

    def _add_checkpoint(self, record):
        """Ask a person to review ``record`` (an Odoo record, not a binding)."""
        add_checkpoint(
            self.env,
            record._name,
            record.id,
            self.backend_record._name,
            self.backend_record.id,
        )


class DemoShopCustomerImporter(Component):
    """Customers: an unknown customer whose e-mail matches a partner is bound
    to that partner (left untouched) and flagged for review."""

    _name = "demo.shop.res.partner.importer"
    _inherit = "demo.shop.record.importer"
    _apply_on = "demo.shop.res.partner"

    def __init__(self, work_context):
        super().__init__(work_context)
        self.matched_partner = None

    def _create(self, data):
        partner = self._find_partner_by_email(data.get("email"))
        if not partner:
            return super()._create(data)
        # the partner is left as it is until a person reviews it; the shop's
        # date makes the next scans skip the customer until it changes there
        binding = self.model.with_context(connector_no_export=True).create(
            {
                "odoo_id": partner.id,
                "backend_id": data["backend_id"],
                "external_id": data["external_id"],
                "shop_date_modified": data.get("shop_date_modified"),
            }
        )
        self.matched_partner = partner
        return binding

    def _validate_external_data(self):  # pylint: disable=missing-return
        super()._validate_external_data()
        for field in ("email", "first_name", "last_name", "username"):
            self._check_type(field, (str,))
        self._check_type("billing", (dict,))
        billing = self.shop_record.get("billing") or {}
        for field in ("first_name", "last_name", "email"):
            self._check_type(field, (str,), record=billing, part="billing")
        names = [
            self.shop_record.get(field)
            for field in ("first_name", "last_name", "username", "email")
        ] + [billing.get("first_name"), billing.get("last_name")]
        if not any(name and name.strip() for name in names):
            raise self._invalid(
                "first_name",
                "is empty, as are last_name, username and email: a customer "
                "needs a name or an e-mail.",
            )

    def _find_partner_by_email(self, email):
        if not email:
            return self.env["res.partner"]
        return self.env["res.partner"].search(
            [
                ("email", "=ilike", email.strip()),
                (
                    "demo_shop_bind_ids",
                    "not any",
                    [("backend_id", "=", self.backend_record.id)],
                ),
            ],
            limit=1,
        )

    def _after_import(self, binding):
        if self.matched_partner:
            self._add_checkpoint(self.matched_partner)


class DemoShopProductImporter(Component):
    _name = "demo.shop.product.product.importer"
    _inherit = "demo.shop.record.importer"
    _apply_on = "demo.shop.product.product"

    def _validate_external_data(self):  # pylint: disable=missing-return
        super()._validate_external_data()
        self._check_type("name", (str,), required=True)
        if not self.shop_record["name"].strip():
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
        status = self.shop_record.get("status")
        if status in self._skipped_statuses:
            return self.env._(
                "Order %(id)s is still a %(status)s in the shop: skipped.",
                id=self.external_id,
                status=status,
            )
        return None

    def _validate_external_data(self):  # pylint: disable=missing-return
        super()._validate_external_data()
        for field in ("number", "status", "currency"):
            self._check_type(field, (str, int))
        self._check_type("customer_id", (int, str))
        self._check_type("billing", (dict,))
        self._check_type("line_items", (list,))
        self._check_type("shipping_lines", (list,))
        for field in ("line_items", "shipping_lines"):
            for item in self.shop_record.get(field) or []:
                if not isinstance(item, dict):
                    raise self._invalid(
                        field,
                        f"must hold objects, got {_shorten(item)} "
                        f"({type(item).__name__}).",
                    )
        for item in self.shop_record.get("line_items") or []:
            part = f"line item {_shorten(item.get('id'))}"
            self._check_type("name", (str,), record=item, part=part)
            self._check_type("product_id", (int, str), record=item, part=part)
            for field in ("quantity", "subtotal", "total"):
                self._check_type(field, (int, float, str), record=item, part=part)
                try:
                    to_decimal(item.get(field))
                except MappingError as err:
                    raise self._invalid(
                        field,
                        f"must be a number, got {_shorten(item.get(field))}.",
                        part=part,
                    ) from err

    def _import_dependencies(self):
        record = self.shop_record
        self._import_dependency(record.get("customer_id"), "demo.shop.res.partner")
        for item in record.get("line_items") or []:
            product_id = item.get("product_id")
            if self._import_dependency(product_id, "demo.shop.product.product"):
                self.created_products.add(str(product_id))

    def _map_data(self):
        map_record = super()._map_data()
        if not self.shop_record.get("customer_id"):
            map_record.update(partner_id=self._get_guest_partner().id)
        return map_record

    def _get_guest_partner(self):
        """Partner of a guest order: found by billing e-mail, else created."""
        billing = self.shop_record.get("billing") or {}
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

    def _after_import(self, binding):
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

    Products and orders are listed from a watermark (the latest
    ``date_modified_gmt`` seen, kept on the backend) minus an overlap, with
    ``modified_after``; customers have no such filter in the API and are
    fully scanned. In both cases a record whose binding is already newer
    than its ``date_modified_gmt`` is not enqueued again.
    """

    _name = "demo.shop.batch.importer"
    _inherit = ["base.importer", "demo.shop.base"]
    _usage = "batch.importer"

    # meant to be overridden: backend field holding the watermark, or None
    # for a full scan
    _since_field = None
    # meant to be overridden: backend field receiving the start of a full scan
    _scan_date_field = None
    # meant to be overridden: priority of the record jobs (lower runs first)
    _record_job_priority = 20

    def run(self, filters=None):
        """Enqueue the record imports; return a summary for the job's result."""
        started = fields.Datetime.now()
        since = self._get_since()
        newest, enqueued, seen = since, 0, 0
        for record in self.backend_adapter.search(self._search_params(since, filters)):
            seen += 1
            modified = parse_shop_date(record.get("date_modified_gmt"))
            if self._must_enqueue(record, modified, since):
                self._enqueue_record(record["id"])
                enqueued += 1
            if modified and (newest is None or modified > newest):
                newest = modified
        self._update_backend(newest, started)
        return self.env._(
            "%(seen)s records listed, %(enqueued)s import jobs enqueued.",
            seen=seen,
            enqueued=enqueued,
        )

    def _get_since(self):
        if not self._since_field:
            return None
        return self.backend_record[self._since_field] or None

    def _search_params(self, since, filters):
        params = {"orderby": "id", "order": "asc"}
        if since:
            overlap = timedelta(seconds=self.backend_record._import_overlap_seconds)
            params.update(
                modified_after=format_shop_date(since - overlap),
                dates_are_gmt="true",
                orderby="modified",
            )
        params.update(filters or {})
        return params

    def _must_enqueue(self, record, modified, since):
        if (
            since
            and modified
            and modified
            < since - timedelta(seconds=self.backend_record._import_overlap_seconds)
        ):
            # an old store ignores modified_after (API spec §4.1): filter here
            return False
        # seen in the overlap, or unchanged since the last scan
        return not is_uptodate(self.binder.to_internal(record["id"]), modified)

    def _enqueue_record(self, external_id):
        self.model.with_delay(
            priority=self._record_job_priority,
            identity_key=identity_exact,
            description=self.env._(
                "Import %(model)s %(id)s",
                model=self.model._description,
                id=external_id,
            ),
        ).import_record(self.backend_record, str(external_id))

    def _update_backend(self, newest, started):
        values = {}
        if self._since_field and newest:
            values[self._since_field] = newest
        if self._scan_date_field:
            values[self._scan_date_field] = started
        if values:
            self.backend_record.sudo().write(values)


class DemoShopCustomerBatchImporter(Component):
    _name = "demo.shop.res.partner.batch.importer"
    _inherit = "demo.shop.batch.importer"
    _apply_on = "demo.shop.res.partner"
    _scan_date_field = "import_customers_date"


class DemoShopProductBatchImporter(Component):
    _name = "demo.shop.product.product.batch.importer"
    _inherit = "demo.shop.batch.importer"
    _apply_on = "demo.shop.product.product"
    _since_field = "import_products_since"
    _record_job_priority = 15


class DemoShopOrderBatchImporter(Component):
    _name = "demo.shop.sale.order.batch.importer"
    _inherit = "demo.shop.batch.importer"
    _apply_on = "demo.shop.sale.order"
    _since_field = "import_orders_since"
