# The Odoo parts load only when Odoo imports the addon: the demo shop server
# (``python3 -m connector_demo_shop.demo_shop``) imports this package from the
# repository root, where ``odoo`` may not even be importable.
if __name__.startswith("odoo.addons."):
    from . import components
    from . import models
    from . import controllers
