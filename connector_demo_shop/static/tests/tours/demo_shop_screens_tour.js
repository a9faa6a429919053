import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

const openConnectors = [
    stepUtils.showAppsMenuItem(),
    {
        content: "Open the Connectors app",
        trigger: '.o_app[data-menu-xmlid="connector.menu_connector_root"]',
        run: "click",
    },
];

// After the imports: the Jobs menu shows what happened, the backends' menu
// has one spelling, a webhook delivery links to its job, the backend gives
// the age of its oldest pending job as a duration.
registry.category("web_tour.tours").add("connector_demo_shop_screens", {
    url: "/odoo",
    steps: () => [
        ...openConnectors,
        {
            content: "Open the Jobs menu",
            trigger: '.o_menu_sections [data-menu-xmlid="connector.menu_queue_job"]',
            run: "click",
        },
        {
            content: "The connector jobs are grouped by state, done ones included",
            trigger: ".o_searchview_facet:contains(Connector Jobs)",
        },
        {
            content: "The group of the done jobs is listed",
            trigger: ".o_group_header:contains(Done)",
        },
        {
            content: "The group of the failed jobs is listed",
            trigger: ".o_group_header:contains(Failed)",
        },
        {
            content: "Open the Connectors menu",
            trigger: '.dropdown-toggle[data-menu-xmlid="connector.menu_connector"]',
            run: "click",
        },
        {
            content: "The backends menu is spelled as its screen",
            trigger:
                '.dropdown-item[data-menu-xmlid="connector_demo_shop.menu_demo_shop_backend"]:contains(Demo Shop Backends)',
        },
        {
            content: "Open the webhook deliveries",
            trigger:
                '.dropdown-item[data-menu-xmlid="connector.menu_connector_webhook_delivery"]',
            run: "click",
        },
        {
            content: "Open the delivery",
            trigger: ".o_data_row td[name=delivery_id]:contains(screens-delivery-1)",
            run: "click",
        },
        {
            content: "The delivery's job is a link",
            trigger: ".o_field_widget[name=job_id] a.o_form_uri",
            run: "click",
        },
        {
            content: "The job's form is open",
            trigger: ".o_form_view .o_field_widget[name=uuid]",
        },
        {
            content: "Open the Connectors menu again",
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
            content: "The screen's title has the menu's spelling",
            trigger: ".o_breadcrumb:contains(Demo Shop Backends)",
        },
        {
            content: "Open the backend",
            trigger: ".o_data_row td[name=name]:contains(Screens Shop)",
            run: "click",
        },
        {
            content: "Open the Sync Health tab",
            trigger: ".o_notebook .nav-link:contains(Sync Health)",
            run: "click",
        },
        {
            content: "The oldest pending job is two hours old, in hours:minutes:seconds",
            // hours:minutes:seconds; the minutes grow while the other tours of the class run
            trigger: ".o_field_widget[name=health_oldest_pending_hours]:contains(02:)",
        },
    ],
});

// The bindings shown on an Odoo record are the connector's: no "Add a line",
// no delete icon.
registry.category("web_tour.tours").add("connector_demo_shop_bindings_readonly", {
    steps: () => [
        {
            content: "Open the Connectors tab of the partner",
            trigger: ".o_notebook .nav-link:contains(Connectors)",
            run: "click",
        },
        {
            content: "The partner's binding is listed",
            trigger: ".o_field_widget[name=demo_shop_bind_ids] .o_data_row:contains(4242)",
        },
        {
            content: "No line can be added or deleted",
            trigger:
                ".o_field_widget[name=demo_shop_bind_ids]:not(:has(.o_field_x2many_list_row_add)):not(:has(.o_list_record_remove))",
        },
    ],
});

registry.category("web_tour.tours").add("connector_demo_shop_order_bindings_readonly", {
    steps: () => [
        {
            content: "Open the Demo Shop tab of the order",
            trigger: ".o_notebook .nav-link:contains(Demo Shop)",
            run: "click",
        },
        {
            content: "The order's binding is listed",
            trigger: ".o_field_widget[name=demo_shop_bind_ids] .o_data_row:contains(4343)",
        },
        {
            content: "No line can be added or deleted",
            trigger:
                ".o_field_widget[name=demo_shop_bind_ids]:not(:has(.o_field_x2many_list_row_add)):not(:has(.o_list_record_remove))",
        },
    ],
});
