from . import core
from . import components
from . import models

# Public shortcut: ``from odoo.addons.component_event import skip_if``.
from .components.event import skip_if
