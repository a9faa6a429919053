# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class TestComponentCollection(models.Model):
    _name = "test.component.collection"
    _inherit = ["collection.base"]
    _description = "Test Component Collection"

    name = fields.Char()
