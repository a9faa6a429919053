# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ..core import AbstractComponent


class BaseComponent(AbstractComponent):
    """The component every other component inherits implicitly.

    Extend it to give a method to all components::

        class BaseComponent(AbstractComponent):
            _inherit = "base"

            def tracker(self):
                return self.env["demo.tracker"]
    """

    _name = "base"
