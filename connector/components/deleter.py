# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""``generic.deleter``: delete a remote record whose binding is gone."""

from odoo.addons.component.core import AbstractComponent

from ..exception import IDMissingInBackend


class GenericDeleter(AbstractComponent):
    """Delete the remote record ``external_id`` through the backend adapter.

    The job runs after the binding is deleted, so it receives the external
    id; a record already missing on the remote counts as deleted::

        class DemoShopDeleter(Component):
            _name = "demo.shop.deleter"
            _inherit = ["generic.deleter", "demo.shop.base"]
            _apply_on = ["demo.shop.res.partner", "demo.shop.product.product"]
    """

    _name = "generic.deleter"
    _inherit = "base.deleter"
    _usage = "record.exporter.deleter"

    def run(self, external_id):
        """Delete the remote record; return a message for the job's result."""
        values = {"id": external_id, "backend": self.backend_record.display_name}
        try:
            self.backend_adapter.delete(external_id)
        except IDMissingInBackend:
            return self.env._(
                "Record %(id)s was already deleted on %(backend)s.", **values
            )
        return self.env._("Record %(id)s deleted on %(backend)s.", **values)
