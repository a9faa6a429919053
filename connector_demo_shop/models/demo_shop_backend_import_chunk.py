# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The number of records one import job of a batch import reads and imports."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# the shop serves at most 100 records per listed page: a larger chunk would
# take several requests to read, and hold more records in a worker's memory
MAX_IMPORT_CHUNK_SIZE = 100


class DemoShopBackend(models.Model):
    _inherit = "demo.shop.backend"

    import_chunk_size = fields.Integer(
        string="Records per Import Job",
        default=50,
        help="Records a batch import puts in one job, read from the shop in one "
        "request (1: one job per record). A record that fails is moved to a "
        "job of its own. At most 100.",
    )

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
