import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A connector manager reviews the partner proposed for a shop customer from
// the Customer Matches menu and merges them.
registry.category("web_tour.tours").add("connector_demo_shop_partner_match", {
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
            content: "Open the customer matches",
            trigger:
                '.dropdown-item[data-menu-xmlid="connector.menu_connector_partner_match"]',
            run: "click",
        },
        {
            content: "Open the match proposing Existing Erin",
            trigger: ".o_data_row td[name=partner_id]:contains(Existing Erin)",
            run: "click",
        },
        {
            content: "They are the same person: merge",
            trigger: "button[name=action_accept]",
            run: "click",
        },
        {
            content: "Confirm the merge",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The match is accepted",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Accepted)",
        },
    ],
});

// A connector manager chooses what deleting a record in Odoo does in the shop.
registry.category("web_tour.tours").add("connector_demo_shop_delete_policy", {
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
            content: "Open the policies",
            trigger: "a[name=policies]",
            run: "click",
        },
        {
            content: "Open the choices of Deletions in Odoo",
            trigger: "div[name=remote_delete_policy] input",
            run: "click",
        },
        {
            content: "Deletions in Odoo delete in the shop",
            trigger: ".o_select_menu_item:contains(Delete the remote record)",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});
