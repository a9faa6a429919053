"""Variable products and their variations: shop -> Odoo.

A product of ``type: "variable"`` is a product template: its attributes
used for variations become ``product.attribute`` / ``product.attribute.value``
records and attribute lines of the template, and Odoo makes the variants.
Each variation of ``/products/<id>/variations`` is bound to the variant with
its attribute values, in ``demo.shop.product.product`` (the shop's products
and variations share one id space, so an order line's ``variation_id`` is
found like a ``product_id``).

Prices: the template's list price is the lowest variation price; each
variation's difference to it is the price extra of its first attribute's
value. With one attribute (the common case) every variant has the shop's
price; with several, prices that are not a sum of per-value extras cannot be
shown by Odoo's variants (an order line keeps the shop's price anyway).

Values removed from the shop stay on the template: archiving a variant that
orders use is a decision for a person.
"""

from odoo.addons.component.core import Component
from odoo.addons.connector.components.importer import shorten_value as shorten
from odoo.addons.connector.components.mapper import mapping
from odoo.addons.connector.exception import MappingError
from odoo.addons.connector.money import to_decimal

VARIABLE = "variable"
VARIATION = "variation"


def variation_price(record):
    """The list price of a variation (``regular_price``, else ``price``)."""
    price = to_decimal(record.get("regular_price"))
    if price is None:
        price = to_decimal(record.get("price"))
    return price


def variation_name(parent_name, record):
    """``"<parent> - <options>"``, as the shop names a variation."""
    options = [
        str(entry.get("option"))
        for entry in record.get("attributes") or []
        if isinstance(entry, dict) and entry.get("option")
    ]
    return f"{parent_name} - {', '.join(options)}" if options else parent_name


class DemoShopProductTemplateAdapter(Component):
    """A variable product (``products``) and its variations."""

    _name = "demo.shop.product.template.adapter"
    _inherit = "demo.shop.adapter"
    _apply_on = "demo.shop.product.template"
    _resource = "products"

    def search_variations(self, parent_id):
        """Yield every variation of product ``parent_id``, every page."""
        return self._each_record(
            self.client.get_pages(
                f"{self._resource}/{parent_id}/variations", params={"orderby": "id"}
            )
        )


class DemoShopProductTemplateBinder(Component):
    _name = "demo.shop.product.template.binder"
    _inherit = "demo.shop.binder"
    _apply_on = ["demo.shop.product.template"]


class DemoShopProductTemplateImportMapper(Component):
    """Template of a variable product; its price is set by the importer
    (the lowest price of its variations)."""

    _name = "demo.shop.product.template.import.mapper"
    _inherit = "demo.shop.import.mapper"
    _apply_on = "demo.shop.product.template"

    direct = [("name", "name"), ("status", "shop_status")]

    @mapping
    def active(self, record):
        return {"active": record.get("status") != "trash"}

    @mapping
    def product_type(self, record):
        return {"type": "consu", "sale_ok": True}


class DemoShopProductTemplateImporter(Component):
    """Import a variable product: template, attribute lines, then each
    variation (bound to its variant).

    ``import_variations`` False imports the template and its attribute
    values only (what the import of one variation needs)::

        importer = work.component(usage="record.importer")
        importer.run("370")
    """

    _name = "demo.shop.product.template.importer"
    _inherit = "demo.shop.record.importer"
    _apply_on = "demo.shop.product.template"

    def __init__(self, work_context):
        super().__init__(work_context)
        self.import_variations = True
        self.variations = []
        # the record when the product importer read it already
        self.prefetched_record = None

    def _get_remote_data(self):
        record = self.prefetched_record
        if record is None:
            record = super()._get_remote_data()
        if isinstance(record, dict) and record.get("type") == VARIABLE:
            self.variations = list(
                self.backend_adapter.search_variations(self.external_id)
            )
        return record

    def _validate_remote_data(self):  # pylint: disable=missing-return
        super()._validate_remote_data()
        self._check_type("name", (str,), required=True)
        if not self.remote_record["name"].strip():
            raise self._invalid("name", "is empty: a product needs a name.")
        if self.remote_record.get("type") != VARIABLE:
            raise self._invalid(
                "type",
                f"is {shorten(self.remote_record.get('type'))}, not 'variable': "
                "import it as a demo.shop.product.product.",
            )
        self._check_objects("attributes")
        for attribute in self.remote_record.get("attributes") or []:
            part = f"attribute {shorten(attribute.get('name'))}"
            self._check_type("name", (str,), record=attribute, part=part)
            self._check_type("options", (list,), record=attribute, part=part)
            for option in attribute.get("options") or []:
                if not isinstance(option, str | int):
                    raise self._invalid(
                        "options",
                        f"must hold texts, got {shorten(option)}.",
                        part=part,
                    )
        for variation in self.variations:
            if not isinstance(variation, dict) or not isinstance(
                variation.get("id"), int
            ):
                raise self._invalid(
                    "variations", f"lists {shorten(variation)}, not a variation."
                )
            self._check_objects("attributes", record=variation)
            for field in ("regular_price", "price"):
                self._check_amount(
                    field, record=variation, part=f"variation {variation['id']}"
                )

    def _map_data(self):
        map_record = super()._map_data()
        # every variant's price extra rests on the template's price: it moves
        # only when all the variations are imported with it
        if self.import_variations or not self.binder.to_internal(self.external_id):
            map_record.update(list_price=self._get_base_price())
        return map_record

    def _get_base_price(self):
        """The template's price: the lowest price of the variations."""
        prices = [variation_price(v) for v in self.variations]
        prices = [price for price in prices if price is not None]
        return float(min(prices)) if prices else 0.0

    def _after_import(self, binding):  # pylint: disable=missing-return
        super()._after_import(binding)
        self._sync_attribute_lines(binding.odoo_id)
        if self.import_variations:
            for variation in self.variations:
                self._import_variation(binding, variation)

    # attributes --------------------------------------------------------------

    def _get_variant_options(self):
        """``{attribute name: [option, ...]}`` of the variations' attributes:
        the product's attributes used for variations, plus the options its
        variations use."""
        options = {}
        for attribute in self.remote_record.get("attributes") or []:
            if attribute.get("variation") and attribute.get("name"):
                values = options.setdefault(str(attribute["name"]), [])
                for option in attribute.get("options") or []:
                    if str(option) not in values:
                        values.append(str(option))
        for variation in self.variations:
            for attribute in variation.get("attributes") or []:
                name, option = attribute.get("name"), attribute.get("option")
                if name and option:
                    values = options.setdefault(str(name), [])
                    if str(option) not in values:
                        values.append(str(option))
        return {name: values for name, values in options.items() if values}

    def _sync_attribute_lines(self, template):
        """Add the attributes and values of the shop to ``template`` (values
        are added, never removed)."""
        commands = []
        for name, options in self._get_variant_options().items():
            attribute = self._get_attribute(name)
            values = self._get_attribute_values(attribute, options)
            line = template.attribute_line_ids.filtered(
                lambda line, attribute=attribute: line.attribute_id == attribute
            )
            if line:
                missing = values - line.value_ids
                if missing:
                    commands.append(
                        (1, line.id, {"value_ids": [(4, v.id) for v in missing]})
                    )
            else:
                commands.append(
                    (
                        0,
                        0,
                        {
                            "attribute_id": attribute.id,
                            "value_ids": [(6, 0, values.ids)],
                        },
                    )
                )
        if commands:
            template.with_context(connector_no_export=True).write(
                {"attribute_line_ids": commands}
            )

    def _get_attribute(self, name):
        """The attribute named ``name`` that makes variants, created if none."""
        attribute_model = self.env["product.attribute"]
        attribute = attribute_model.search(
            [("name", "=ilike", name), ("create_variant", "=", "always")], limit=1
        )
        return attribute or attribute_model.create(
            {"name": name, "create_variant": "always"}
        )

    def _get_attribute_values(self, attribute, options):
        value_model = self.env["product.attribute.value"]
        values = value_model.browse()
        for option in options:
            value = attribute.value_ids.filtered(
                lambda value, option=option: value.name.lower() == option.lower()
            )[:1]
            if not value:
                value = value_model.create(
                    {"attribute_id": attribute.id, "name": option}
                )
            values |= value
        return values

    # variations ----------------------------------------------------------------

    def _import_variation(self, binding, variation):
        """Import one listed variation (no second read of it)."""
        record = dict(
            variation,
            type=VARIATION,
            parent_id=self.remote_record["id"],
            name=variation_name(self.remote_record["name"], variation),
        )
        importer = self.component(
            usage="record.importer", model_name="demo.shop.product.product"
        )
        importer.prefetched_record = record
        importer.run(record["id"], force=True)


class DemoShopProductVariationImportMapper(Component):
    """A variation: the variant's reference and the binding's status (the
    name and the price are the template's, see the importer)."""

    _name = "demo.shop.product.variation.import.mapper"
    _inherit = "demo.shop.import.mapper"
    _apply_on = "demo.shop.product.product"
    _usage = "variation.import.mapper"

    direct = [("status", "shop_status")]

    @mapping
    def default_code(self, record):
        return {"default_code": record.get("sku") or False}


class DemoShopProductImporterVariations(Component):
    """Products: a variable product is imported as a template (with its
    variations); a variation (``type: "variation"``, read on the products
    endpoint or listed by its parent) is bound to its variant."""

    _inherit = "demo.shop.product.product.importer"

    def __init__(self, work_context):
        super().__init__(work_context)
        # the record when the parent's import listed it already
        self.prefetched_record = None
        self.variant = None

    def _is_variation(self):
        return self.remote_record.get("type") == VARIATION

    def _get_remote_data(self):
        if self.prefetched_record is not None:
            return self.prefetched_record
        return super()._get_remote_data()

    def _validate_remote_data(self):  # pylint: disable=missing-return
        super()._validate_remote_data()
        if self._is_variation():
            self._check_type("parent_id", (int,), required=True)
            self._check_objects("attributes")

    def _must_skip(self):
        reason = super()._must_skip()
        if reason or self.remote_record.get("type") != VARIABLE:
            return reason
        # not a variant: its template (and its variations) are imported
        # instead, and no demo.shop.product.product is bound to its id
        importer = self.component(
            usage="record.importer", model_name="demo.shop.product.template"
        )
        importer.prefetched_record = self.remote_record
        return importer.run(self.external_id, force=True)

    def _import_dependencies(self):
        super()._import_dependencies()
        if not self._is_variation():
            return
        self._import_parent(force=False)
        self.variant = self._find_variant()
        if not self.variant:
            # a value added in the shop since the template's import
            self._import_parent(force=True)
            self.variant = self._find_variant()
        if not self.variant:
            raise MappingError(
                f"Variation {self.external_id} of product "
                f"{self.remote_record['parent_id']}: no variant of its template has "
                f"the attributes {self._get_options()}; check the product's "
                "attributes in the shop."
            )

    def _import_parent(self, force):
        parent_id = str(self.remote_record["parent_id"])
        binder = self.binder_for("demo.shop.product.template")
        importer = self.component(
            usage="record.importer", model_name="demo.shop.product.template"
        )
        importer._lock_external_id(parent_id)
        if binder.to_internal(parent_id) and not force:
            return
        importer.import_variations = False
        importer.run(parent_id, force=True)

    def _get_options(self):
        """``{attribute name (lower case): option (lower case)}`` of the variation."""
        return {
            str(entry.get("name")).lower(): str(entry.get("option")).lower()
            for entry in self.remote_record.get("attributes") or []
            if entry.get("name") and entry.get("option")
        }

    def _find_variant(self):
        """The variant of the parent's template with the variation's values
        (an unbound one first, when "any value" leaves several)."""
        template = self.binder_for("demo.shop.product.template").to_internal(
            self.remote_record["parent_id"], unwrap=True
        )
        wanted = self._get_options()
        variants = template.with_context(active_test=False).product_variant_ids
        matching = variants.filtered(
            lambda variant: all(
                any(
                    value.attribute_id.name.lower() == name
                    and value.name.lower() == option
                    for value in variant.product_template_attribute_value_ids
                )
                for name, option in wanted.items()
            )
        )
        bound = self.model.search(
            [
                ("backend_id", "=", self.backend_record.id),
                ("odoo_id", "in", matching.ids),
                ("external_id", "!=", self.external_id),
            ]
        ).odoo_id
        return (matching - bound)[:1] or matching[:1]

    def _map_data(self):
        if not self._is_variation():
            return super()._map_data()
        mapper = self.component(usage="variation.import.mapper")
        return mapper.map_record(self.remote_record)

    def _create_data(self, map_record, **kwargs):
        values = super()._create_data(map_record, **kwargs)
        if self.variant:
            # bind the existing variant (creating the binding through
            # _inherits would otherwise create a new product)
            values["odoo_id"] = self.variant.id
        return values

    def _after_import(self, binding):  # pylint: disable=missing-return
        super()._after_import(binding)
        if self._is_variation():
            self._set_variant_price(binding.odoo_id)

    def _set_variant_price(self, variant):
        """Make the variant's price the variation's: the price extra of its
        first attribute's value is the difference to the template's price."""
        price = variation_price(self.remote_record)
        values = variant.product_template_attribute_value_ids
        if price is None or not values:
            return
        first_name = next(iter(self._get_options()), None)
        value = (
            values.filtered(
                lambda value: value.attribute_id.name.lower() == first_name
            )[:1]
            or values[:1]
        )
        others = sum((values - value).mapped("price_extra"))
        extra = float(price) - variant.product_tmpl_id.list_price - others
        if value.price_extra != extra:
            value.with_context(connector_no_export=True).price_extra = extra


class DemoShopProductBatchImporterVariations(Component):
    """A listed variable product is up to date when its template binding
    is; its job imports the template and every variation (the shop's
    modification date of a variable product follows its variations')."""

    _inherit = "demo.shop.product.product.batch.importer"

    def _select_to_import(self, records):
        variable = [record for record in records if record.get("type") == VARIABLE]
        selected = super()._select_to_import(
            [record for record in records if record.get("type") != VARIABLE]
        )
        binder = self.binder_for("demo.shop.product.template")
        for record in variable:
            external_id = self._get_external_id(record)
            binding = binder.to_internal(external_id)
            if not self._is_uptodate(binding, self._get_modified(record), record):
                selected.append(external_id)
        return selected
