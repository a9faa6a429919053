import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A connector manager finds a shop's backend from the menu and what it
// synchronized: the demo's own smart buttons (customers, products, orders)
// and the customers they open. The framework's buttons (jobs) and the Sync
// Health screen have their tour in test_connector.
registry.category("web_tour.tours").add("connector_demo_shop_sync_health", {
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
            content: "Open the backend",
            trigger: ".o_data_row td[name=name]:contains(Health Shop)",
            run: "click",
        },
        {
            content: "Two customers are bound",
            trigger: ".oe_stat_button:contains(Customers):contains(2)",
        },
        {
            content: "One product is bound",
            trigger: ".oe_stat_button:contains(Products):contains(1)",
        },
        {
            content: "No order is bound",
            trigger: ".oe_stat_button:contains(Orders):contains(0)",
        },
        {
            content: "Open the bound customers",
            trigger: ".oe_stat_button:contains(Customers):contains(2)",
            run: "click",
        },
        {
            content: "Both customers of the backend are listed",
            trigger:
                ".o_list_view:has(.o_data_row:contains(Health Customer 1)) .o_data_row:contains(Health Customer 2)",
        },
    ],
});
