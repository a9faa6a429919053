# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Webhooks end to end: the demo shop delivers its changes to the Odoo server,
whose job runner imports them, without any batch import; malformed deliveries
over real HTTP are refused and change nothing.
"""

import base64
import hashlib
import hmac
import json
import time
import uuid

import pytest
import requests

from .checks import customer_name
from .harness import Shop, make_backend

ROUTE = "/connector_demo_shop/webhook/"
TOPICS = {
    f"{resource}.{event}"
    for resource in ("customer", "product", "order")
    for event in ("created", "updated", "deleted")
}


@pytest.fixture(scope="module")
def hook_shop(run_dir):
    """A shop of its own: its webhooks must not deliver the other tests' changes."""
    shop = Shop(run_dir / "shop_webhooks", seed=7)
    yield shop
    shop.stop()


@pytest.fixture(scope="module")
def hook_backend(admin, server, hook_shop):
    """Backend "E2E webhooks" with its webhooks registered in the shop through
    RPC, Odoo's base URL pointing at the server so that the shop reaches it."""
    param = ("ir.config_parameter", "set_param")
    old_base_url = admin.call("ir.config_parameter", "get_param", ["web.base.url"])
    admin.call(*param, ["web.base.url", server.url])
    backend_id = make_backend(admin, hook_shop, "E2E webhooks")
    admin.call("demo.shop.backend", "action_register_webhooks", [[backend_id]])
    yield backend_id
    admin.call(*param, ["web.base.url", old_base_url or ""])


def _wait_for(check, timeout=90, what="condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not met within {timeout} s")
        time.sleep(0.5)


def _binding(admin, model, backend_id, external_id, fields):
    rows = admin.call(
        model,
        "search_read",
        [[("backend_id", "=", backend_id), ("external_id", "=", str(external_id))]],
        fields=fields,
    )
    return rows[0] if rows else None


def _webhook_url(server, backend_id):
    return f"{server.url}{ROUTE}{backend_id}"


def test_register_lists_nine_webhooks(admin, server, hook_shop, hook_backend):
    """RPC registration gives 9 active webhooks to the backend's URL; the shop's
    pings were answered 200 and a second registration adds none."""
    url = _webhook_url(server, hook_backend)
    hooks = [
        hook
        for hook in hook_shop.api("GET", "webhooks", params={"per_page": 100}).json()
        if hook["delivery_url"] == url
    ]
    assert {hook["topic"] for hook in hooks} == TOPICS
    assert len(hooks) == 9
    pings = [
        entry
        for entry in hook_shop.admin("GET", "deliveries", params={"wait": 30})[
            "deliveries"
        ]
        if entry["ping"]
    ]
    assert len(pings) == 9
    assert {entry["status_code"] for entry in pings} == {200}
    admin.call("demo.shop.backend", "action_register_webhooks", [[hook_backend]])
    assert len(hook_shop.api("GET", "webhooks", params={"per_page": 100}).json()) == 9


def test_shop_changes_reach_odoo(admin, db, hook_shop, hook_backend):
    """A customer and a product created then updated in the shop reach Odoo
    through webhooks alone: no batch import job, every delivery done."""
    since = db.max_job_id()
    customer = hook_shop.api(
        "POST",
        "customers",
        json={
            "email": f"hook-{uuid.uuid4().hex[:8]}@example.net",
            "first_name": "Hook",
            "last_name": "Created",
            "billing": {"city": "Ghent", "country": "BE"},
        },
    ).json()
    product = hook_shop.api(
        "POST",
        "products",
        json={"name": "Webhook Lamp", "regular_price": "12.50", "sku": "HOOK-1"},
    ).json()
    partner_fields = ["name", "city", "email"]
    created = _wait_for(
        lambda: _binding(
            admin, "demo.shop.res.partner", hook_backend, customer["id"], partner_fields
        ),
        what="customer created in the shop imported",
    )
    assert (created["name"], created["city"]) == ("Hook Created", "Ghent")
    product_fields = ["name", "list_price"]
    _wait_for(
        lambda: _binding(
            admin,
            "demo.shop.product.product",
            hook_backend,
            product["id"],
            product_fields,
        ),
        what="product created in the shop imported",
    )

    customer = hook_shop.api(
        "PUT",
        f"customers/{customer['id']}",
        json={"first_name": "Hooked", "billing": {"city": "Bruges"}},
    ).json()
    hook_shop.api(
        "PUT",
        f"products/{product['id']}",
        json={"name": "Webhook Lamp XL", "regular_price": "15.00"},
    )

    def updated():
        partner = _binding(
            admin, "demo.shop.res.partner", hook_backend, customer["id"], partner_fields
        )
        item = _binding(
            admin,
            "demo.shop.product.product",
            hook_backend,
            product["id"],
            product_fields,
        )
        return (
            partner["name"] == customer_name(customer)
            and partner["city"] == "Bruges"
            and (item["name"], item["list_price"]) == ("Webhook Lamp XL", 15.0)
        )

    _wait_for(updated, what="shop updates imported")
    states = db.wait_jobs_idle(since_id=since)
    assert set(states) == {"done"}, states
    methods = db.all(
        "SELECT DISTINCT method_name FROM queue_job WHERE id > %s", (since,)
    )
    assert methods == [("import_record",)]
    deliveries = dict(
        db.all(
            "SELECT state, count(*) FROM connector_webhook_delivery "
            "WHERE backend_id = %s GROUP BY state",
            (f"demo.shop.backend,{hook_backend}",),
        )
    )
    assert deliveries.get("done", 0) >= 4
    assert set(deliveries) == {"done"}, deliveries


class Sender:
    """Posts webhook deliveries to the Odoo server, signed with the secret."""

    def __init__(self, server, backend_id, secret):
        self.url = _webhook_url(server, backend_id)
        self.secret = secret.encode()
        self.session = requests.Session()
        self.session.trust_env = False

    def sign(self, body, secret=None):
        digest = hmac.new(secret or self.secret, body, hashlib.sha256).digest()
        return base64.b64encode(digest).decode()

    def post(self, body, signature=None, url=None, topic="customer.updated"):
        headers = {
            "Content-Type": "application/json",
            "X-WC-Webhook-Topic": topic,
            "X-WC-Webhook-Delivery-ID": uuid.uuid4().hex,
            "X-WC-Webhook-Signature": signature or self.sign(body),
        }
        return self.session.post(
            url or self.url, data=body, headers=headers, timeout=60
        )


def _state(db, backend_id):
    """What a malformed delivery must not change."""
    return db.one(
        "SELECT (SELECT count(*) FROM res_partner),"
        " (SELECT coalesce(max(id), 0) FROM queue_job),"
        " (SELECT count(*) FROM demo_shop_res_partner WHERE backend_id = %s),"
        " (SELECT count(*) FROM connector_webhook_delivery"
        "  WHERE backend_id = %s AND state != 'rejected')",
        (backend_id, f"demo.shop.backend,{backend_id}"),
    )


MALFORMED = {
    "bad signature": (lambda s: s.post(b'{"id": 1}', signature=s.sign(b"x")), 401),
    "not json": (lambda s: s.post(b"{'id': 1,"), 400),
    "sql id": (lambda s: s.post(b'{"id": "1; DROP TABLE res_partner; --"}'), 400),
    "list": (lambda s: s.post(b'[{"id": 1}]'), 400),
    "unknown topic": (lambda s: s.post(b'{"id": 1}', topic="coupon.created"), 400),
    "huge body": (
        lambda s: s.post(json.dumps({"id": 1, "x": "y" * (2 << 20)}).encode()),
        413,
    ),
    "unknown backend": (
        lambda s: s.post(b'{"id": 1}', url=s.url.rsplit("/", 1)[0] + "/987654321"),
        404,
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_delivery(admin, db, server, hook_backend, case):
    """A malformed delivery gets its documented status and changes nothing
    (a signed but unusable one is only logged as a rejected delivery)."""
    secret = admin.call(
        "demo.shop.backend", "read", [[hook_backend]], fields=["webhook_secret"]
    )[0]["webhook_secret"]
    assert secret
    sender = Sender(server, hook_backend, secret)
    db.wait_jobs_idle()
    before = _state(db, hook_backend)
    send, status = MALFORMED[case]
    response = send(sender)
    assert response.status_code == status, response.text
    if status == 400:
        body = response.json()
        assert body["status"] in ("invalid body", "rejected")
        assert "rejected" == db.scalar(
            "SELECT state FROM connector_webhook_delivery WHERE backend_id = %s "
            "ORDER BY id DESC LIMIT 1",
            (f"demo.shop.backend,{hook_backend}",),
        )
    time.sleep(1)
    assert _state(db, hook_backend) == before
    assert secret not in server.log_text()
