# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import fields, models
from odoo.exceptions import AccessError

# what deleting a bound record in Odoo does on the remote
REMOTE_DELETE_POLICIES = [
    ("unbind", "Only unbind (keep the remote record)"),
    ("archive", "Archive the remote record"),
    ("delete", "Delete the remote record"),
]


class ConnectorBackend(models.AbstractModel):
    """``remote_delete_policy``: what a deletion in Odoo does on the remote.

    The default, ``unbind``, never touches the remote: deleting a contact in
    Odoo must not delete a shop's customer with its history. ``archive``
    deactivates the remote record where the remote can (a product to the
    trash), ``delete`` deletes it for good. Only a connector manager's
    deletions reach the remote::

        backend.remote_delete_policy = "archive"
        binding.unlink()  # enqueues export_delete_record, which archives
    """

    _inherit = "connector.backend"

    remote_delete_policy = fields.Selection(
        selection=REMOTE_DELETE_POLICIES,
        string="Deletions in Odoo",
        required=True,
        default="unbind",
        help="What deleting a synchronized record in Odoo does on the remote: "
        "nothing (only the link is removed), archive the remote record, or "
        "delete it for good. Only deletions by a connector manager reach the "
        "remote.",
    )

    def _get_remote_delete_policy(self):
        """The policy of this backend (``unbind``, ``archive`` or ``delete``)."""
        self.ensure_one()
        return self.sudo().remote_delete_policy or "unbind"

    def _may_delete_remotely(self, user=None):
        """Tell whether ``user`` (default: the current one) may make a
        deletion in Odoo reach the remote: connector managers only."""
        user = user or self.env.user
        return user._is_superuser() or user.has_group(
            "connector.group_connector_manager"
        )

    def _check_may_delete_remotely(self):
        """Raise an AccessError naming the user unless they may delete remotely."""
        if not (self.env.su or self._may_delete_remotely()):
            raise AccessError(
                self.env._(
                    "User %(user)s may not delete records on %(backend)s: only a "
                    "Connector Manager's deletions reach the remote.",
                    user=self.env.user.name,
                    backend=self.sudo().display_name,
                )
            )
