"""Deleter: apply in the shop the backend's policy for records deleted in Odoo."""

from odoo.addons.component.core import Component


class DemoShopDeleter(Component):
    """Customers and products deleted in Odoo, per ``remote_delete_policy``:

    * ``archive``: a product goes to the shop's trash; a customer is kept
      (the shop cannot trash customers);
    * ``delete``: both are deleted for good.
    """

    _name = "demo.shop.deleter"
    _inherit = ["generic.deleter", "demo.shop.base"]
    _apply_on = ["demo.shop.res.partner", "demo.shop.product.product"]

    # meant to be overridden: the binding models whose shop records have a trash
    _trashable_models = ("demo.shop.product.product",)

    def _archive_remote(self, external_id):
        if self.model._name not in self._trashable_models:
            return False
        # a DELETE without force moves the record to the shop's trash
        self.backend_adapter.delete(external_id)
        return True

    def _delete_remote(self, external_id):
        if self.model._name not in self._trashable_models:
            super()._delete_remote(external_id)
            return
        # force=true: for good, not to the trash
        adapter = self.backend_adapter
        with adapter._remote_errors():
            adapter.client.delete(
                f"{adapter._resource}/{external_id}", params={"force": "true"}
            )
