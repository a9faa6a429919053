# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Models of the fixture: a backend, a plain record and its binding."""

from odoo import fields, models


class BenchOcaBackend(models.Model):
    _name = "bench.oca.backend"
    _inherit = "connector.backend"
    _description = "Benchmark Backend"

    name = fields.Char()


class BenchOcaRecord(models.Model):
    _name = "bench.oca.record"
    _description = "Benchmark Record"

    name = fields.Char()
    ref = fields.Char()
    qty = fields.Integer()
    bind_ids = fields.One2many("bench.oca.binding", "odoo_id")


class BenchOcaBinding(models.Model):
    _name = "bench.oca.binding"
    _inherit = "external.binding"
    _inherits = {"bench.oca.record": "odoo_id"}
    _description = "Benchmark Binding"

    odoo_id = fields.Many2one(
        "bench.oca.record", required=True, ondelete="cascade", index=True
    )
    backend_id = fields.Many2one("bench.oca.backend", required=True, index=True)
    external_id = fields.Char(index=True)

    _bench_uniq = models.Constraint(
        "unique(backend_id, external_id)", "One binding per external id."
    )


class BenchOcaResPartner(models.Model):
    _name = "bench.oca.res.partner"
    _inherit = "external.binding"
    _inherits = {"res.partner": "odoo_id"}
    _description = "Benchmark Partner Binding"

    odoo_id = fields.Many2one(
        "res.partner", required=True, ondelete="cascade", index=True
    )
    backend_id = fields.Many2one("bench.oca.backend", required=True, index=True)
    external_id = fields.Char(index=True)

    _bench_uniq = models.Constraint(
        "unique(backend_id, external_id)", "One binding per external id."
    )
