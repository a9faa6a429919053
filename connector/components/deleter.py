# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""``generic.deleter``: delete or archive a remote record whose binding is gone."""

from odoo.addons.component.core import AbstractComponent

from ..exception import IDMissingInBackend


class GenericDeleter(AbstractComponent):
    """Apply the backend's ``remote_delete_policy`` to the remote record
    ``external_id``: ``unbind`` keeps it, ``archive`` calls
    :meth:`_archive_remote`, ``delete`` :meth:`_delete_remote` (the backend
    adapter's ``delete``).

    The job runs after the binding is deleted, so it receives the external
    id; a record already missing on the remote counts as deleted. A remote
    that can archive says how in :meth:`_archive_remote`::

        class DemoShopDeleter(Component):
            _name = "demo.shop.deleter"
            _inherit = ["generic.deleter", "demo.shop.base"]
            _apply_on = ["demo.shop.res.partner", "demo.shop.product.product"]

            def _archive_remote(self, external_id):
                self.backend_adapter.write(external_id, {"status": "archived"})
                return True
    """

    _name = "generic.deleter"
    _inherit = "base.deleter"
    _usage = "record.exporter.deleter"

    def run(self, external_id):
        """Apply the backend's policy; return a message for the job's result."""
        policy = self.backend_record._get_remote_delete_policy()
        values = {"id": external_id, "backend": self.backend_record.display_name}
        if policy == "unbind":
            return self.env._(
                "Record %(id)s kept on %(backend)s: its backend only unbinds "
                "the records deleted in Odoo.",
                **values,
            )
        try:
            if policy == "archive":
                if not self._archive_remote(external_id):
                    return self.env._(
                        "Record %(id)s kept on %(backend)s: it cannot be archived "
                        "there.",
                        **values,
                    )
                return self.env._("Record %(id)s archived on %(backend)s.", **values)
            self._delete_remote(external_id)
        except IDMissingInBackend:
            return self.env._(
                "Record %(id)s was already deleted on %(backend)s.", **values
            )
        return self.env._("Record %(id)s deleted on %(backend)s.", **values)

    def _delete_remote(self, external_id):
        """Delete the remote record for good (the backend adapter's ``delete``)."""
        self.backend_adapter.delete(external_id)

    def _archive_remote(self, external_id):
        """Archive the remote record; return False when the remote cannot
        (the default: the record is kept)."""
        return False
