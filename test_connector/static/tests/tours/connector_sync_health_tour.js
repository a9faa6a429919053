import { registry } from "@web/core/registry";

// A connector manager follows the failed jobs of a backend, then the sync health.
registry.category("web_tour.tours").add("connector_sync_health", {
    steps: () => [
        {
            content: "The backend shows its bindings",
            trigger: ".oe_stat_button:contains(Bindings):contains(2)",
        },
        {
            content: "Open the failed jobs of the backend",
            trigger: ".oe_stat_button:contains(Jobs Failed):contains(1)",
            run: "click",
        },
        {
            content: "Only the failed job of this backend is listed",
            trigger: ".o_list_view:has(.o_data_row:contains(Failed)) .o_data_row:only-child",
        },
        {
            content: "Back to the backend",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb li:first-child a",
            run: "click",
        },
        {
            content: "Open the pending jobs",
            trigger: ".oe_stat_button:contains(Jobs Pending):contains(1)",
            run: "click",
        },
        {
            content: "The pending job is listed",
            trigger: ".o_data_row:contains(Pending)",
        },
    ],
});

// The "Sync Health" screen: jobs by backend and state, as a graph then a list.
registry.category("web_tour.tours").add("connector_sync_health_views", {
    steps: () => [
        {
            content: "The graph of the jobs by backend is shown",
            trigger: ".o_graph_view .o_graph_renderer canvas",
        },
        {
            content: "Switch to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The failed job of the backend is listed with its backend",
            trigger: ".o_data_row:contains(: Graph Backend):contains(Failed)",
        },
    ],
});

// The webhook deliveries a connector manager checks.
registry.category("web_tour.tours").add("connector_webhook_deliveries", {
    steps: () => [
        {
            content: "The queued delivery is listed",
            trigger: ".o_data_row:contains(tour-delivery-1):contains(Queued)",
        },
        {
            content: "Open it",
            trigger: ".o_data_row td[name=delivery_id]:contains(tour-delivery-1)",
            run: "click",
        },
        {
            content: "Its form shows the topic",
            trigger: ".o_form_view .o_field_widget[name=topic]:contains(customer.created)",
        },
    ],
});
