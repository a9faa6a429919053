"""The root of the demo shop components: ``demo.shop.base``."""

from odoo.addons.component.core import AbstractComponent


class DemoShopBaseComponent(AbstractComponent):
    """Every component of this connector inherits it, and so lives in the
    ``demo.shop.backend`` collection: a work context opened with
    ``backend.work_on(...)`` finds them, another connector's does not::

        class DemoShopCategoryImporter(Component):
            _name = "demo.shop.product.category.importer"
            _inherit = "demo.shop.record.importer"
            _apply_on = "demo.shop.product.category"
    """

    _name = "demo.shop.base"
    _inherit = "base.connector"
    _collection = "demo.shop.backend"

    @property
    def client(self):
        """The shop's HTTP client, handed over by ``demo.shop.backend.work_on``."""
        return self.work.rest_client
