import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A connector manager sees why each checkpoint was opened: in the list, in
// the form and in the notification; nobody creates checkpoints by hand.
registry.category("web_tour.tours").add("connector_checkpoint_reason", {
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
            content: "Open the checkpoints",
            trigger: '.dropdown-item[data-menu-xmlid="connector.menu_checkpoint"]',
            run: "click",
        },
        {
            content: "The list shows the reason of the checkpoint",
            trigger:
                ".o_data_row:contains(Reason Partner) td[name=reason]:contains(left unchanged)",
        },
        {
            content: "The list offers no New button",
            trigger: ".o_list_view:not(:has(.o_list_button_add))",
        },
        {
            content: "Open the checkpoint",
            trigger: ".o_data_row td[name=name]:contains(Reason Partner)",
            run: "click",
        },
        {
            content: "The form says why a review is needed",
            trigger: ".o_connector_checkpoint_reason:contains(Why a review):contains(left unchanged)",
        },
        {
            content: "The form offers no New button",
            trigger: ".o_form_view:not(:has(.o_form_button_create))",
        },
        {
            content: "The notification in the chatter gives the reason too",
            trigger: ".o-mail-Message:contains(needs a review):contains(left unchanged)",
        },
    ],
});
