# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
{
    "name": "Connector Tests",
    "summary": "Backend and bindings of the connector tests, do not install",
    "version": "19.0.1.0.0",
    "author": "Odoo Connector Suite Contributors",
    "website": "https://github.com/odoo-connector-suite/connector",
    "license": "LGPL-3",
    "category": "Hidden",
    "depends": ["connector"],
    "data": [
        "security/ir.model.access.csv",
        "data/queue_job_function_data.xml",
        "views/test_backend_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "test_connector/static/tests/tours/**/*",
        ],
    },
    "development_status": "Beta",
    "maintainers": ["connector-suite"],
    "installable": True,
}
