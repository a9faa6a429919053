# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Components Tests",
    "summary": "Test components and collection for the component addon: "
    "tests, do not install",
    "version": "19.0.1.0.0",
    "author": "Odoo Connector Suite Contributors",
    "website": "https://github.com/odoo-connector-suite/connector",
    "license": "LGPL-3",
    "category": "Hidden",
    "depends": ["component"],
    "data": ["security/ir.model.access.csv"],
    "installable": True,
    "development_status": "Production/Stable",
    "maintainers": ["connector-suite"],
}
