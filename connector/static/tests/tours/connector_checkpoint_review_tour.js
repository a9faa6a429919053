import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A connector manager reviews the checkpoint of a partner an import created.
registry.category("web_tour.tours").add("connector_checkpoint_review", {
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
            content: "The list shows only what needs a review by default",
            trigger: ".o_searchview_facet:contains(Need Review)",
        },
        {
            content: "Both checkpoints that need a review are listed",
            trigger: ".o_data_row td[name=name]:contains(Other Partner To Review)",
        },
        {
            content: "The reviewed checkpoint is hidden",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Already Reviewed Partner)))",
        },
        {
            content: "Open the checkpoint that needs a review",
            trigger: ".o_data_row td[name=name]:contains(Tour Partner To Review)",
            run: "click",
        },
        {
            content: "The checkpoint needs a review",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Need Review)",
        },
        {
            content: "Open the record to review",
            trigger: 'button[name="action_open_record"]',
            run: "click",
        },
        {
            content: "The partner form is shown",
            trigger:
                ".o_form_view:has(.o_field_widget[name=company_type]) .o_field_widget[name=name]:contains(Tour Partner To Review)",
        },
        {
            content: "Go back to the checkpoint",
            trigger: ".o_breadcrumb .o_back_button",
            run: "click",
        },
        {
            content: "Start the review",
            trigger: '.o_statusbar_buttons button:contains("Review")',
            run: "click",
        },
        {
            content: "The wizard lists the checkpoint",
            trigger: ".modal .o_data_row:contains(Tour Partner To Review)",
        },
        {
            content: "Mark it reviewed",
            trigger: '.modal footer button[name="review"]',
            run: "click",
        },
        {
            content: "The wizard is closed and the checkpoint is reviewed",
            trigger:
                "body:not(:has(.modal)) .o_statusbar_status button.o_arrow_button_current:contains(Reviewed)",
        },
        {
            content: "Back to the checkpoints",
            trigger: ".o_breadcrumb .breadcrumb-item:contains(Checkpoints)",
            run: "click",
        },
        {
            content: "The reviewed checkpoint left the default filter, the other stays",
            trigger:
                ".o_list_view:has(.o_data_row:contains(Other Partner To Review)):not(:has(.o_data_row:contains(Tour Partner To Review)))",
        },
        {
            content: "The default filter is still applied",
            trigger: ".o_searchview_facet:contains(Need Review)",
        },
    ],
});
