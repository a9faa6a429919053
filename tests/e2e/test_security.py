# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Security: what internal users, portal users and the public can reach."""

import pytest
import requests

from .harness import Rpc, RpcError

CONNECTOR_MODELS = (
    "demo.shop.backend",
    "demo.shop.res.partner",
    "demo.shop.product.product",
    "demo.shop.sale.order",
    "demo.shop.sale.order.line",
    "connector.checkpoint",
    "queue.job",
)
BACKEND_ACTIONS = (
    "action_import_all",
    "action_import_customers",
    "action_import_products",
    "action_import_orders",
    "action_check_connection",
)
SECRET_FIELDS = ["consumer_key", "consumer_secret"]


@pytest.fixture(scope="module")
def internal(make_user, imported):
    """A plain internal user (base.group_user only)."""
    return make_user("e2e_internal", ["base.group_user"])


@pytest.fixture(scope="module")
def portal(make_user, imported):
    """A portal user."""
    return make_user("e2e_portal", ["base.group_portal"])


def _denied(client, model, method, *args, **kwargs):
    with pytest.raises(RpcError) as caught:
        client.call(model, method, list(args), **kwargs)
    assert caught.value.name == "odoo.exceptions.AccessError", caught.value
    return caught.value


def test_connector_data_exists(admin, db, imported):
    """The records the other tests hide exist: checkpoints, bindings and jobs."""
    assert admin.call("connector.checkpoint", "search_count", [[]]) > 0
    assert admin.call("queue.job", "search_count", [[]]) > 0
    backend = admin.call(
        "demo.shop.backend", "read", [[imported["backend_id"]]], fields=SECRET_FIELDS
    )[0]
    assert backend["consumer_key"].startswith("ck_")


def test_internal_user_cannot_read_credentials(internal, imported):
    """An internal user is refused read, search_read and export of the backend."""
    backend_id = imported["backend_id"]
    _denied(internal, "demo.shop.backend", "read", [backend_id], fields=SECRET_FIELDS)
    _denied(internal, "demo.shop.backend", "read", [backend_id])
    _denied(internal, "demo.shop.backend", "search_read", [], fields=SECRET_FIELDS)
    with pytest.raises(RpcError) as caught:
        internal.call("demo.shop.backend", "export_data", [[backend_id], SECRET_FIELDS])
    assert caught.value.name in (
        "odoo.exceptions.AccessError",
        "odoo.exceptions.UserError",  # "You don't have the rights to export data"
    )
    _denied(
        internal,
        "demo.shop.backend",
        "web_search_read",
        [],
        specification={"consumer_key": {}, "consumer_secret": {}},
    )


def test_internal_user_form_has_no_credential_fields(internal):
    """The backend's fields as the UI asks for them do not include the credentials."""
    try:
        fields = internal.call(
            "demo.shop.backend", "fields_get", [], attributes=["type"]
        )
    except RpcError as err:
        assert err.name == "odoo.exceptions.AccessError"
        return
    assert not set(SECRET_FIELDS) & set(fields)


@pytest.mark.parametrize("model", CONNECTOR_MODELS[1:])
def test_internal_user_cannot_see_connector_records(internal, model):
    """Bindings, checkpoints and connector jobs are hidden from an internal user."""
    try:
        rows = internal.call(model, "search_read", [[]], fields=["id"], limit=5)
    except RpcError as err:
        assert err.name == "odoo.exceptions.AccessError", err
        return
    assert rows == []


def test_internal_user_cannot_see_binding_fields(internal, admin, imported):
    """An internal user reading a bound partner cannot read its shop bindings."""
    partner_id = admin.call(
        "demo.shop.res.partner",
        "search_read",
        [[("backend_id", "=", imported["backend_id"])]],
        fields=["odoo_id"],
        limit=1,
    )[0]["odoo_id"][0]
    _denied(
        internal, "res.partner", "read", [partner_id], fields=["demo_shop_bind_ids"]
    )


def _press(client, db, backend_id, action):
    """Call a backend button; return (error class or None, jobs it enqueued)."""
    since = db.max_job_id()
    try:
        client.call("demo.shop.backend", action, [[backend_id]])
        refused = None
    except RpcError as err:
        refused = err.name
    jobs = db.all("SELECT method_name, state FROM queue_job WHERE id > %s", (since,))
    return refused, jobs


@pytest.mark.parametrize("action", BACKEND_ACTIONS)
def test_internal_user_cannot_call_backend_actions(internal, db, imported, action):
    """An internal user's call of a backend button is refused and enqueues nothing."""
    outcome = _press(internal, db, imported["backend_id"], action)
    assert outcome == ("odoo.exceptions.AccessError", [])


@pytest.mark.parametrize("model", CONNECTOR_MODELS)
def test_portal_user_reaches_nothing(portal, model):
    """A portal user can neither list nor read the connector's models."""
    _denied(portal, model, "search_read", [], fields=["id"])
    _denied(portal, model, "read", [1], fields=["id"])


@pytest.mark.parametrize("action", BACKEND_ACTIONS)
def test_portal_user_cannot_call_backend_actions(portal, db, imported, action):
    """A portal user's call of a backend button is refused and enqueues nothing."""
    outcome = _press(portal, db, imported["backend_id"], action)
    assert outcome == ("odoo.exceptions.AccessError", [])


def test_public_reaches_nothing(server, admin, db, imported):
    """Without a session, no RPC route reads or runs anything of the connector."""
    since = db.max_job_id()
    session = requests.Session()
    session.trust_env = False
    # the web client's route
    answer = session.post(
        f"{server.url}/web/dataset/call_kw/demo.shop.backend/search_read",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": "demo.shop.backend",
                "method": "search_read",
                "args": [[]],
                "kwargs": {"fields": SECRET_FIELDS},
            },
        },
        timeout=30,
    )
    body = answer.json()
    assert "error" in body and "result" not in body
    assert "ck_" not in answer.text
    # the external API as the public user, without a password
    public_id = Rpc(
        server.url, server.dbname, "public", "", uid=admin.xmlid("base.public_user")
    )
    for model, method in (
        ("demo.shop.backend", "search_read"),
        ("demo.shop.backend", "action_import_all"),
        ("queue.job", "search_read"),
    ):
        with pytest.raises(RpcError) as caught:
            public_id.call(model, method, [[]] if method == "search_read" else [[1]])
        assert caught.value.name == "odoo.exceptions.AccessDenied"
    # Odoo 19's JSON API without a key
    answer = session.post(
        f"{server.url}/json/2/demo.shop.backend/search_read",
        json={"domain": [], "fields": SECRET_FIELDS},
        headers={"X-Odoo-Database": server.dbname},
        timeout=30,
    )
    assert answer.status_code == 401
    assert db.max_job_id() == since
