# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo.addons.component.core import Component


class ConnectorTestBinder(Component):
    """The stock binder, on a binding that ``_inherits`` its record."""

    _name = "connector.test.binder"
    _inherit = ["base.binder"]
    _collection = "test.backend"
    _apply_on = ["connector.test.binding"]


class NoInheritsBinder(Component):
    """A binder of a binding that wraps nothing: unwrapping is impossible."""

    _name = "connector.test.no.inherits.binder"
    _inherit = ["base.binder"]
    _collection = "test.backend"
    _apply_on = ["no.inherits.binding"]

    def unwrap_binding(self, binding):
        raise ValueError("Not an inherits")

    def unwrap_model(self):
        raise ValueError("Not an inherits")
