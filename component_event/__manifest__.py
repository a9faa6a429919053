# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
{
    "name": "Components Events",
    "summary": "Notify decoupled listener components when records are created, "
    "written or deleted, at no cost for models nobody listens to",
    "version": "19.0.1.0.0",
    "author": "Odoo Connector Suite Contributors",
    "website": "https://github.com/odoo-connector-suite/connector",
    "license": "LGPL-3",
    "category": "Generic Modules",
    "depends": ["component"],
    "external_dependencies": {"python": ["cachetools"]},
    "data": [],
    "installable": True,
    "development_status": "Beta",
    "maintainers": ["connector-suite"],
}
