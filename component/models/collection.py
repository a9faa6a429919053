# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager

from odoo import models

from ..core import WorkContext


class Collection(models.AbstractModel):
    """A collection groups the components made for it (their ``_collection``).

    Inherit it in the model of your backend; ``work_on`` is the entry point to
    its components::

        class DemoShopBackend(models.Model):
            _name = "demo.shop.backend"
            _inherit = "collection.base"

            @contextmanager
            def work_on(self, model_name, **kwargs):
                client = self._get_client()
                with super().work_on(model_name, client=client, **kwargs) as work:
                    yield work

        with backend.work_on("demo.shop.res.partner") as work:
            work.component(usage="record.importer").run(external_id)
    """

    _name = "collection.base"
    _description = "Base Abstract Collection"

    @contextmanager
    def work_on(self, model_name, **kwargs):
        """Yield a :class:`~odoo.addons.component.core.WorkContext` on
        ``model_name`` for this collection record; ``kwargs`` become attributes
        of the work context."""
        self.ensure_one()
        yield WorkContext(model_name=model_name, collection=self, **kwargs)
