# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import fields, models


class ConnectorTestRecord(models.Model):
    _name = "connector.test.record"
    _description = "Records for testing purpose"

    name = fields.Char()
    # lets the binder tests prove that inactive bindings are found
    active = fields.Boolean(default=True)
    # let the exporter tests build dependency chains and create the missing
    # bindings of a dependency
    parent_id = fields.Many2one(comodel_name="connector.test.record")
    bind_ids = fields.One2many(
        comodel_name="connector.test.binding", inverse_name="odoo_id", string="Bindings"
    )
