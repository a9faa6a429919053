# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
{
    "name": "Connector Demo Shop",
    "summary": "Example connector: synchronise Odoo with a WooCommerce-like shop",
    "version": "19.0.1.0.0",
    "author": "Odoo Connector Suite Contributors",
    "website": "https://github.com/odoo-connector-suite/connector",
    "license": "LGPL-3",
    "category": "Connector",
    "depends": ["connector", "sale_management"],
    "external_dependencies": {"python": ["requests", "requests-oauthlib"]},
    "data": [
        "security/ir.model.access.csv",
        "security/demo_shop_product_template_security.xml",
        "data/queue_job_data.xml",
        "data/product_data.xml",
        "data/ir_cron_data.xml",
        "views/demo_shop_backend_views.xml",
        "views/demo_shop_backend_webhook_views.xml",
        "views/demo_shop_binding_views.xml",
        "views/res_partner_views.xml",
        "views/product_product_views.xml",
        "views/sale_order_views.xml",
        "views/connector_demo_shop_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "connector_demo_shop/static/tests/tours/**/*",
        ],
    },
    "development_status": "Beta",
    "maintainers": ["connector-suite"],
    "installable": True,
}
