import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A connector manager checks how the synchronization of a shop goes: the
// smart buttons of its backend, its failed jobs, its customers, then the
// Sync Health screen of every backend.
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
            content: "Open the failed jobs",
            trigger: ".oe_stat_button:contains(Jobs Failed):contains(1)",
            run: "click",
        },
        {
            content: "Only the failed job of the backend is listed",
            trigger: ".o_list_view:has(.o_data_row:contains(Failed)) .o_data_row:only-child",
        },
        {
            content: "Back to the backend",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb li:first-child a",
            run: "click",
        },
        {
            content: "Show the other smart buttons",
            trigger: ".o-form-buttonbox .o_button_more",
            run: "click",
        },
        {
            content: "One job is pending",
            trigger: ".o_dropdown_more .oe_stat_button:contains(Jobs Pending):contains(1)",
        },
        {
            content: "Hide them again",
            trigger: ".o-form-buttonbox .o_button_more",
            run: "click",
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
        {
            content: "Open the Sync Health screen",
            trigger: '[data-menu-xmlid="connector.menu_connector_sync_health"]',
            run: "click",
        },
        {
            content: "The jobs of the backends are shown as a graph",
            trigger: ".o_graph_view .o_graph_renderer canvas",
        },
        {
            content: "Switch to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The failed job of the demo shop backend is listed",
            trigger: ".o_data_row:contains(Demo Shop Backend: Health Shop):contains(Failed)",
        },
    ],
});
