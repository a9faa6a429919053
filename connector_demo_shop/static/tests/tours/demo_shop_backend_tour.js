import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A connector manager opens the demo shop backend from the menu, checks the
// connection and enqueues the import of the products.
registry.category("web_tour.tours").add("connector_demo_shop_backend", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Connectors app",
            trigger: '.o_app[data-menu-xmlid="connector.menu_connector_root"]',
            run: "click",
        },
        {
            content: "Open the Connectors menu",
            trigger: '.dropdown-toggle[data-menu-xmlid="connector.menu_connector"]',
            run: "click",
        },
        {
            content: "Open the demo shop backends",
            trigger:
                '.dropdown-item[data-menu-xmlid="connector_demo_shop.menu_demo_shop_backend"]',
            run: "click",
        },
        {
            content: "Open the tour's backend",
            trigger: ".o_data_row td[name=name]:contains(Tour Shop)",
            run: "click",
        },
        {
            content: "Check the connection",
            trigger: "button[name=action_check_connection]",
            run: "click",
        },
        {
            content: "The shop answered",
            trigger: ".o_notification:contains(works)",
        },
        {
            content: "Import the products now",
            trigger: "button[name=action_import_products]",
            run: "click",
        },
        {
            content: "The import is enqueued",
            trigger: ".o_notification:contains(enqueued)",
        },
    ],
});
