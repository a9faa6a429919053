# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import models


class ConnectorBackend(models.AbstractModel):
    """Every backend says how many listed records one import job takes."""

    _inherit = "connector.backend"

    def _get_import_chunk_size(self, model_name):
        """Records per import job of a batch import of ``model_name`` on this
        backend: 1 is one ``import_record`` job per record (OCA's way),
        more is one ``import_chunk`` job per that many records.

        The binding model's ``_import_chunk_size`` by default; a backend
        with a setting overrides it::

            def _get_import_chunk_size(self, model_name):
                if self.import_chunk_size:
                    return self.import_chunk_size
                return super()._get_import_chunk_size(model_name)
        """
        return getattr(self.env[model_name], "_import_chunk_size", 1)
