# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import mute_logger

from odoo.addons.queue_job.exception import RetryableJobError


class DemoShopTaxRate(models.Model):
    """Which Odoo tax stands for a tax rate of the shop, per backend.

    A rate of an order's ``tax_lines`` (``rate_id``) is looked up here, with
    whether the amounts it taxes include it. An unmapped rate gets a row
    pointing to a tax of the same percent and label of the backend's company,
    found or created (:meth:`_get_tax`); change the row's tax to use another.
    """

    _name = "demo.shop.tax.rate"
    _description = "Demo Shop Tax Rate Mapping"
    _order = "backend_id, external_id, price_include"
    _check_company_auto = True

    backend_id = fields.Many2one(
        "demo.shop.backend", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="backend_id.company_id", store=True, index=True
    )
    external_id = fields.Char(
        string="Rate ID in the shop", required=True, help="The shop's tax rate id."
    )
    name = fields.Char(string="Label in the shop")
    rate_percent = fields.Float(string="Rate (%)", digits=(16, 4))
    price_include = fields.Boolean(
        string="Prices include the tax",
        help="Whether the shop's amounts taxed by this rate include the tax "
        "(the order's prices_include_tax; shipping and fees never do).",
    )
    tax_id = fields.Many2one(
        "account.tax",
        string="Odoo Tax",
        required=True,
        check_company=True,
        ondelete="restrict",
        domain="[('type_tax_use', '=', 'sale')]",
    )

    _rate_uniq = models.Constraint(
        "unique(backend_id, external_id, price_include)",
        "This tax rate of the shop is already mapped for this backend.",
    )

    @api.model
    def _get_tax(self, backend, rate_id, percent, label, price_include):
        """The Odoo tax of ``rate_id`` on ``backend``, mapped on first use::

        tax = env["demo.shop.tax.rate"]._get_tax(backend, 4, 21.0, "IVA", False)
        """
        mapping = self.sudo().search(
            [
                ("backend_id", "=", backend.id),
                ("external_id", "=", str(rate_id)),
                ("price_include", "=", bool(price_include)),
            ],
            limit=1,
        )
        if not mapping:
            tax = self._find_or_create_tax(backend, percent, label, price_include)
            values = {
                "backend_id": backend.id,
                "external_id": str(rate_id),
                "name": label,
                "rate_percent": percent,
                "price_include": bool(price_include),
                "tax_id": tax.id,
            }
            try:
                # two jobs importing orders of a new rate at the same moment both
                # map it: the second meets the first's row and is retried, in a
                # new transaction that sees it (the failed INSERT is expected,
                # not worth an error in the log)
                with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                    mapping = self.sudo().create(values)
            except (pg_errors.UniqueViolation, pg_errors.SerializationFailure) as err:
                raise RetryableJobError(
                    f"Backend {backend.display_name}: tax rate {rate_id} of the "
                    "shop was mapped by another job at the same moment; retrying.",
                    seconds=2,
                ) from err
        return mapping.tax_id.with_env(self.env)

    @api.model
    def _find_or_create_tax(self, backend, percent, label, price_include):
        """A sale tax of ``percent`` named after ``label`` in the backend's company."""
        company = backend.company_id
        if not company.account_fiscal_country_id:
            raise UserError(
                self.env._(
                    "Backend %(backend)s: company %(company)s has no fiscal "
                    "country, so the shop's tax %(label)s cannot be created. "
                    "Set up its accounting (Invoicing > Configuration > "
                    "Settings: fiscal localization), then requeue the job.",
                    backend=backend.display_name,
                    company=company.display_name,
                    label=label,
                )
            )
        name = self._get_tax_name(percent, label, price_include)
        taxes = self.env["account.tax"].sudo().with_company(company)
        tax = taxes.search(
            [
                ("company_id", "=", company.id),
                ("type_tax_use", "=", "sale"),
                ("amount_type", "=", "percent"),
                ("amount", "=", percent),
                ("price_include", "=", bool(price_include)),
                ("name", "=", name),
            ],
            limit=1,
        )
        return tax or taxes.create(
            self._prepare_tax(company, name, percent, price_include)
        )

    @api.model
    def _get_tax_name(self, percent, label, price_include):
        name = f"{label or self.env._('Tax')} {percent:g}%"
        return name + self.env._(" (incl.)") if price_include else name

    @api.model
    def _prepare_tax(self, company, name, percent, price_include):
        return {
            "name": name,
            "company_id": company.id,
            "type_tax_use": "sale",
            "amount_type": "percent",
            "amount": percent,
            "price_include_override": "tax_included"
            if price_include
            else "tax_excluded",
            "description": name,
            "tax_group_id": self._get_tax_group(company, name).id,
        }

    @api.model
    def _get_tax_group(self, company, name=None):
        """The tax group of ``company`` named ``name`` (the shop's tax, so that
        the order's totals show each of the shop's taxes under its own name),
        created when missing; without a name, the company's first group."""
        groups = self.env["account.tax.group"].sudo()
        domain = [("company_id", "=", company.id)]
        if name:
            domain.append(("name", "=", name))
        group = groups.search(domain, limit=1)
        return group or groups.create(
            {"name": name or self.env._("Demo Shop Taxes"), "company_id": company.id}
        )
