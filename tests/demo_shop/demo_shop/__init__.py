"""Demo shop: a standalone server speaking a WooCommerce REST API v3 subset.

Pure standard library (no Odoo): ``http.server``, ``sqlite3``, ``json``, ``hmac``... It
is the remote system the example connector ``connector_demo_shop`` talks to, in its
tests and in the demo.

Running it
----------
Installed with ``pip install -e tests/demo_shop`` (or from ``tests/demo_shop``)::

    python3 -m demo_shop --data /tmp/shop.sqlite3 \\
        --key ck_demo --secret cs_demo [--host 127.0.0.1] [--port 8080 | --port 0] \\
        [--seed 42] [--seed-profile default|realistic] [--admin-token TOKEN] \\
        [--webhook-delivery-url URL] [--webhook-secret S] \\
        [--webhook-timeout 60] [--webhook-delay 0] [--log-level INFO]

The first line on stdout is ``demo shop listening on http://127.0.0.1:PORT`` (with
``--port 0`` the port is a free one). Data persists in the SQLite file; ``--seed N``
fills an *empty* database with deterministic sample data (60 customers, 120 products in
8 categories, 240 orders of 1-5 lines); ``--seed-profile realistic`` adds tax rates,
coupons, fees, variable products, refunds, EUR/USD and guest orders
(:mod:`.seed_realistic`). ``--webhook-delivery-url`` registers webhooks for
``customer|product|order`` × ``created|updated|deleted`` to that URL once, signed
with ``--webhook-secret`` (default ``--secret``). SIGTERM stops it cleanly.

In-process::

    from demo_shop.server import DemoShopServer

    shop = DemoShopServer(path, key="ck_demo", secret="cs_demo", seed=42).start()
    shop.url  # "http://127.0.0.1:PORT" (port=0, a free port, by default)
    shop.stop()

As a subprocess, with its client (:mod:`.client`)::

    from demo_shop.client import ShopClient

    shop = ShopClient.launch(tmpdir, seed=42)
    shop.all("orders")
    shop.stop()

The API
-------
``/wp-json/wc/v3/<resource>[/<id>|/batch]`` for ``customers``, ``products``,
``products/<id>/variations``, ``products/categories``, ``orders``,
``orders/<id>/refunds``, ``taxes`` and ``webhooks``, and the
``/?rest_route=/wc/v3/...`` form. Authentication: OAuth 1.0a one-legged signatures
from any client (what a WooCommerce store requires over plain http, see
:mod:`.oauth`); Basic auth or the ``consumer_key``/``consumer_secret`` query pair from
loopback clients only (handy for ``curl``). Pagination headers (``X-WP-Total``,
``X-WP-TotalPages``, ``Link``); filters; WooCommerce error bodies; trash; batch;
webhooks with signatures. Every property of the WooCommerce REST API v3
documentation is served (``properties.json``).

Limits: a connection silent for 30 s is closed, at most 32 are served at once (idle
ones are closed for newcomers), bodies over 4 MiB are refused unread, and nothing
is read before the request is authenticated.

Admin endpoints (demo only)
---------------------------
All need the admin token (``--admin-token``) as ``Authorization: Bearer TOKEN``; an
API key never opens them. Without a token they answer 401. They answer JSON.

``POST /demo-shop/faults``
    Body ``{"mode": M, "count": 1, "delay": S, "retry_after": R, "path_prefix":
    "/wp-json/", "method": null}`` or a list of them. The next ``count`` API requests
    whose path starts with ``path_prefix`` (and whose method is ``method``, if given)
    misbehave, first fault first. Modes: ``latency`` (wait ``delay``, default 1 s, then
    serve normally); ``429``, ``502``, ``503`` (an HTML page from "the host", with
    ``Retry-After: R`` when ``retry_after`` is given); ``500`` (WordPress's
    critical-error JSON); ``timeout`` (wait ``delay``, default 30 s, then close without
    answering); ``malformed_json`` (200 with a truncated JSON body); ``drop`` (close the
    connection at once). Except for ``latency`` the request is **not** processed.
    ``delay`` also delays the other modes. Answers 201 ``{"faults": [...]}``.
``GET /demo-shop/faults``, ``DELETE /demo-shop/faults``
    List or clear pending faults.
``POST /demo-shop/reset``
    Body ``{"seed": N, "profile": "default|realistic"}`` (optional): wipe all data but
    the API keys, clear faults and the delivery log, then seed.
``GET /demo-shop/status``
    Counts of customers, products, categories, orders, webhooks, and the shop's clock.
``GET /demo-shop/deliveries?wait=S``
    The webhook delivery log (newest last), after waiting up to S seconds (0 to 60)
    for pending deliveries; ``DELETE`` clears it.
``POST /demo-shop/keys``
    Body ``{"consumer_key", "consumer_secret", "permissions": "read|write|read_write",
    "capable": true}``: add a key (``capable: false``: its user lacks the capability,
    hence 403 answers).
``POST /demo-shop/clock``, ``DELETE /demo-shop/clock``
    Body ``{"now": "2024-05-01T10:00:00"}`` freezes the clock used for new dates,
    ``{"offset": seconds}`` shifts it; DELETE returns to real time.
``POST /demo-shop/webhooks``
    Body ``{"delivery_url", "secret", "topics": [...]}``: register webhooks as the CLI
    option does.
"""

from .process import start_shop_process, stop_shop_process
from .server import DemoShopServer

__all__ = ["DemoShopServer", "start_shop_process", "stop_shop_process"]
