# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Import path kept for connectors written against OCA's layout.

The models live in one file each (``connector_backend.py`` and
``external_binding.py``); this module only re-exports their classes.
"""

from .connector_backend import ConnectorBackend
from .external_binding import ExternalBinding

__all__ = ["ConnectorBackend", "ExternalBinding"]
