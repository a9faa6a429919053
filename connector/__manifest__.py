# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
{
    "name": "Connector",
    "summary": "Framework to build connectors between Odoo and external systems",
    "version": "19.0.1.0.0",
    "author": "Odoo Connector Suite Contributors",
    "website": "https://github.com/odoo-connector-suite/connector",
    "license": "LGPL-3",
    "category": "Generic Modules",
    "depends": ["mail", "queue_job", "component", "component_event"],
    "data": [
        "security/connector_security.xml",
        "security/ir.model.access.csv",
        "security/connector_partner_match_security.xml",
        "data/ir_cron_data.xml",
        "wizards/connector_checkpoint_review_views.xml",
        "views/connector_checkpoint_views.xml",
        "views/connector_menu.xml",
        "views/connector_partner_match_views.xml",
        "views/connector_webhook_delivery_views.xml",
        "views/queue_job_views.xml",
        "views/res_partner_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "connector/static/tests/tours/**/*",
        ],
    },
    "development_status": "Beta",
    "maintainers": ["connector-suite"],
    "installable": True,
}
