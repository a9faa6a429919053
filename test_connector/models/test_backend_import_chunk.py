# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import fields, models


class TestBackend(models.Model):
    _inherit = "test.backend"

    # records per import job of the batch imports (0: the binding model's
    # default, one job per record)
    import_chunk_size = fields.Integer()

    def _get_import_chunk_size(self, model_name):
        if self.import_chunk_size:
            return self.import_chunk_size
        return super()._get_import_chunk_size(model_name)
