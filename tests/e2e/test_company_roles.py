# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two companies, four roles, every connector model, over JSON-RPC and XML-RPC.

Company A and company B each have a demo shop backend fed by the shop's
signed webhooks (real deliveries, real import jobs run by the job runner).
Then: connector manager A, connector manager B, a job-queue manager and a
plain internal user read and write every connector model through RPC, and
the test asserts who can and who cannot.
"""

import base64
import hashlib
import hmac
import json
import secrets
import xmlrpc.client

import psycopg2
import pytest
import requests

from .harness import Rpc, RpcError, Shop

SECRET_FIELDS = ["consumer_key", "consumer_secret", "webhook_secret"]
BINDING_MODELS = (
    "demo.shop.res.partner",
    "demo.shop.product.product",
    "demo.shop.sale.order",
    "demo.shop.sale.order.line",
)
# models whose rows carry their backend's company
COMPANY_MODELS = (
    "connector.webhook.delivery",
    "connector.pending.binding",
    "connector.rate.limit",
)
ACCESS_ERROR = "odoo.exceptions.AccessError"


@pytest.fixture(scope="module")
def roles_shop(run_dir):
    shop = Shop(run_dir / "shop_roles", seed=7)
    yield shop
    shop.stop()


def _signed_post(server, backend_id, secret, topic, payload, delivery):
    body = json.dumps(payload).encode()
    signature = base64.b64encode(
        hmac.new(secret.encode(), body, hashlib.sha256).digest()
    ).decode()
    return requests.post(
        f"{server.url}/connector_demo_shop/webhook/{backend_id}",
        data=body,
        headers={
            "Content-Type": "application/json",
            "X-WC-Webhook-Topic": topic,
            "X-WC-Webhook-Delivery-ID": delivery,
            "X-WC-Webhook-Signature": signature,
        },
        timeout=30,
    )


def _make_user(admin, server, login, company_id, groups):
    password = "pw-" + secrets.token_hex(12)
    admin.call(
        "res.users",
        "create",
        [
            {
                "name": login.title(),
                "login": login,
                "password": password,
                "company_id": company_id,
                "company_ids": [(6, 0, [company_id])],
                "group_ids": [(6, 0, [admin.xmlid(xmlid) for xmlid in groups])],
            }
        ],
    )
    return Rpc(server.url, server.dbname, login, password)


@pytest.fixture(scope="module")
def world(admin, server, db, roles_shop):
    """Two companies with a backend each, records of every connector model,
    and the four users."""
    companies = {
        key: admin.call("res.company", "create", [{"name": f"Roles Company {key}"}])
        for key in ("A", "B")
    }
    customers = roles_shop.all("customers")
    since = db.max_job_id()
    backends, secrets_by_backend = {}, {}
    for index, key in enumerate(("A", "B")):
        secret = f"whsec-roles-{key}-" + secrets.token_hex(8)
        backend_id = admin.call(
            "demo.shop.backend",
            "create",
            [
                {
                    "name": f"Roles Shop {key}",
                    "url": roles_shop.url,
                    "consumer_key": roles_shop.key,
                    "consumer_secret": roles_shop.secret,
                    "webhook_secret": secret,
                    "company_id": companies[key],
                    "request_timeout": 5,
                    # a rate limit: the import jobs write rate-limit rows
                    "rate_limit_calls": 50,
                    "rate_limit_period": 1.0,
                }
            ],
        )
        backends[key], secrets_by_backend[key] = backend_id, secret
        customer = customers[index]
        answer = _signed_post(
            server,
            backend_id,
            secret,
            "customer.updated",
            {"id": customer["id"], "email": customer["email"]},
            f"roles-{key}",
        )
        assert answer.json() == {"status": "queued"}, answer.text
    db.wait_jobs_idle(since_id=since, timeout=240)
    # a pending binding per backend: the exporter's rows of a create whose
    # binding is not committed yet (written as it does, from SQL)
    with psycopg2.connect(dbname=server.dbname) as conn, conn.cursor() as cr:
        for key, backend_id in backends.items():
            cr.execute(
                "INSERT INTO connector_pending_binding (res_model, res_id,"
                " lookup_key, external_id, company_id) VALUES"
                " ('demo.shop.res.partner', 0, %s, '\"999\"', %s)",
                (f"roles-{key}-{backend_id}", companies[key]),
            )
    users = {
        "manager_a": _make_user(
            admin,
            server,
            "roles_manager_a",
            companies["A"],
            ["base.group_user", "connector.group_connector_manager"],
        ),
        "manager_b": _make_user(
            admin,
            server,
            "roles_manager_b",
            companies["B"],
            ["base.group_user", "connector.group_connector_manager"],
        ),
        "job_manager": _make_user(
            admin,
            server,
            "roles_job_manager",
            companies["A"],
            ["base.group_user", "queue_job.group_queue_job_manager"],
        ),
        "internal": _make_user(
            admin, server, "roles_internal", companies["A"], ["base.group_user"]
        ),
    }
    return {
        "companies": companies,
        "backends": backends,
        "users": users,
        "secrets": secrets_by_backend,
    }


def _denied(client, model, method, *args, **kwargs):
    with pytest.raises(RpcError) as caught:
        client.call(model, method, list(args), **kwargs)
    assert caught.value.name == ACCESS_ERROR, caught.value
    return caught.value


def _admin_ids(admin, model, domain):
    return admin.call(model, "search", [domain], context={"active_test": False})


def _rows_of(admin, model, world, key):
    """Ids of ``model`` belonging to backend ``key``, as admin sees them."""
    backend_id = world["backends"][key]
    if model in BINDING_MODELS:
        return _admin_ids(admin, model, [("backend_id", "=", backend_id)])
    if model == "connector.webhook.delivery":
        ref = f"demo.shop.backend,{backend_id}"
        return _admin_ids(admin, model, [("backend_id", "=", ref)])
    if model == "connector.rate.limit":
        return _admin_ids(
            admin,
            model,
            [
                ("backend_model", "=", "demo.shop.backend"),
                ("backend_id", "=", backend_id),
            ],
        )
    return _admin_ids(admin, model, [("company_id", "=", world["companies"][key])])


def test_records_of_both_companies_exist(admin, world):
    """Each backend has its bindings, deliveries, rate-limit and pending rows."""
    for key in ("A", "B"):
        for model in ("demo.shop.res.partner", *COMPANY_MODELS):
            assert _rows_of(admin, model, world, key), (model, key)
        backend = admin.call(
            "demo.shop.backend",
            "read",
            [[world["backends"][key]]],
            fields=["company_id"],
        )[0]
        assert backend["company_id"][0] == world["companies"][key]
    delivery_ids = _rows_of(admin, "connector.webhook.delivery", world, "A")
    delivery = admin.call(
        "connector.webhook.delivery",
        "read",
        [delivery_ids],
        fields=["state", "company_id"],
    )[0]
    assert delivery["state"] == "done"
    assert delivery["company_id"][0] == world["companies"]["A"]


@pytest.mark.parametrize(
    ("manager", "own", "other"), [("manager_a", "A", "B"), ("manager_b", "B", "A")]
)
def test_connector_manager_sees_own_company_only(admin, world, manager, own, other):
    client = world["users"][manager]
    backends = world["backends"]
    # backends: own one with its credentials, never the other's
    assert client.call("demo.shop.backend", "search", [[]]) == [backends[own]]
    values = client.call(
        "demo.shop.backend", "read", [[backends[own]]], fields=SECRET_FIELDS
    )[0]
    assert values["webhook_secret"].startswith(f"whsec-roles-{own}-")
    client.call("demo.shop.backend", "write", [[backends[own]], {"request_timeout": 6}])
    _denied(
        client, "demo.shop.backend", "read", [backends[other]], fields=SECRET_FIELDS
    )
    _denied(
        client, "demo.shop.backend", "write", [backends[other]], {"consumer_key": "x"}
    )
    # bindings and the company-stamped rows: own ones only
    for model in (*BINDING_MODELS, *COMPANY_MODELS):
        own_ids = set(_rows_of(admin, model, world, own))
        other_ids = _rows_of(admin, model, world, other)
        visible = set(
            client.call(model, "search", [[]], context={"active_test": False})
        )
        assert own_ids <= visible, model
        assert not visible & set(other_ids), model
        if other_ids:
            _denied(client, model, "read", other_ids[:1], fields=["id"])
    # writable ones: own bindings and deliveries yes, the other's no
    partner_own = _rows_of(admin, "demo.shop.res.partner", world, own)[:1]
    partner_other = _rows_of(admin, "demo.shop.res.partner", world, other)[:1]
    stamp = "2026-01-01 00:00:00"
    client.call("demo.shop.res.partner", "write", [partner_own, {"sync_date": stamp}])
    _denied(
        client, "demo.shop.res.partner", "write", partner_other, {"sync_date": stamp}
    )
    delivery_own = _rows_of(admin, "connector.webhook.delivery", world, own)[:1]
    client.call(
        "connector.webhook.delivery", "write", [delivery_own, {"error": manager}]
    )
    delivery_other = _rows_of(admin, "connector.webhook.delivery", world, other)[:1]
    _denied(
        client,
        "connector.webhook.delivery",
        "write",
        delivery_other,
        {"state": "failed"},
    )
    _denied(client, "connector.webhook.delivery", "unlink", delivery_other)


@pytest.mark.parametrize("role", ["job_manager", "internal"])
def test_others_read_no_connector_model(admin, world, role):
    """Neither a job-queue manager nor an internal user reads or writes a
    connector model, credentials least of all."""
    client = world["users"][role]
    backend_a = world["backends"]["A"]
    _denied(client, "demo.shop.backend", "read", [backend_a], fields=SECRET_FIELDS)
    _denied(client, "demo.shop.backend", "search_read", [], fields=["consumer_key"])
    _denied(client, "demo.shop.backend", "write", [backend_a], {"consumer_key": "x"})
    for model in (*BINDING_MODELS, *COMPANY_MODELS, "connector.checkpoint"):
        _denied(client, model, "search", [])
        ids = (
            _rows_of(admin, model, world, "A")[:1]
            if model != "connector.checkpoint"
            else []
        )
        if ids:
            _denied(client, model, "read", ids, fields=["id"])
            _denied(client, model, "unlink", ids)


def test_job_queue_manager_reads_jobs_not_credentials(admin, world):
    """The job-queue manager reads the import jobs of its company, not the
    credentials of their backend; an internal user reads no job."""
    job_manager, internal = world["users"]["job_manager"], world["users"]["internal"]
    ref = f"demo.shop.backend,{world['backends']['A']}"
    assert job_manager.call(
        "queue.job", "search_count", [[("connector_backend_ref", "=", ref)]]
    )
    _denied(internal, "queue.job", "search", [])
    _denied(
        job_manager,
        "demo.shop.backend",
        "read",
        [world["backends"]["A"]],
        fields=["consumer_secret"],
    )


def test_xmlrpc_same_rules(server, world):
    """XML-RPC goes through the same rules: manager B cannot read A's secrets."""
    manager_b = world["users"]["manager_b"]
    proxy = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)
    backend_a, backend_b = world["backends"]["A"], world["backends"]["B"]
    rows = proxy.execute_kw(
        server.dbname,
        manager_b.uid,
        manager_b.password,
        "demo.shop.backend",
        "read",
        [[backend_b]],
        {"fields": ["consumer_key"]},
    )
    assert rows[0]["consumer_key"]
    with pytest.raises(xmlrpc.client.Fault) as caught:
        proxy.execute_kw(
            server.dbname,
            manager_b.uid,
            manager_b.password,
            "demo.shop.backend",
            "read",
            [[backend_a]],
            {"fields": ["consumer_key"]},
        )
    assert (
        "AccessError" in caught.value.faultString
        or "access" in caught.value.faultString.lower()
    )


def test_secrets_in_no_job_and_no_log(server, db, world, roles_shop):
    """The webhook secrets and the shop's credentials appear in no job (args,
    result, error) and in no line of the server's log."""
    assert db.scalar("SELECT count(*) FROM queue_job") > 0
    log = server.log_text()
    for value in (*world["secrets"].values(), roles_shop.key, roles_shop.secret):
        rows = db.all(
            "SELECT uuid FROM queue_job q WHERE strpos(q::text, %s) > 0", (value,)
        )
        assert not rows, f"a secret in jobs {rows}"
        assert value not in log
