# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Import path of the checkpoint helper in the connectors written for OCA.

::

    from odoo.addons.connector.models.checkpoint import add_checkpoint
"""

from .connector_checkpoint import ConnectorCheckpoint, add_checkpoint

__all__ = ["ConnectorCheckpoint", "add_checkpoint"]
