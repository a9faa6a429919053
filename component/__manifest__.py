# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Components",
    "summary": "Add capabilities to register and use decoupled components, "
    "as an alternative to model classes",
    "version": "19.0.1.0.0",
    "author": "Odoo Connector Suite Contributors",
    "website": "https://github.com/odoo-connector-suite/connector",
    "license": "LGPL-3",
    "category": "Generic Modules",
    "depends": ["base"],
    "external_dependencies": {"python": ["cachetools"]},
    "installable": True,
    "development_status": "Production/Stable",
    "maintainers": ["connector-suite"],
}
