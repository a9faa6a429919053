"""Authentication and permission failures, with WooCommerce's statuses and codes."""

import base64

import pytest

ORDERS = "orders"


@pytest.fixture(scope="module", autouse=True)
def extra_keys(shop):
    shop.add_key("ck_read", "cs_read", "read")
    shop.add_key("ck_write", "cs_write", "write")
    shop.add_key("ck_weak", "cs_weak", "read_write", capable=False)


def _error(response):
    body = response.json()
    assert body["data"]["status"] == response.status_code
    return body["code"], body["message"]


def test_no_credentials_list(shop):
    """An anonymous list gets 401 woocommerce_rest_cannot_view (cannot list)."""
    response = shop.request("GET", ORDERS, auth=None)
    assert response.status_code == 401
    assert _error(response) == (
        "woocommerce_rest_cannot_view",
        "Sorry, you cannot list resources.",
    )


def test_no_credentials_single(shop):
    """An anonymous read of an existing order gets 'cannot view this resource'."""
    order = shop.request("POST", ORDERS, json={}).json()
    response = shop.request("GET", f"{ORDERS}/{order['id']}", auth=None)
    assert response.status_code == 401
    assert _error(response) == (
        "woocommerce_rest_cannot_view",
        "Sorry, you cannot view this resource.",
    )


def test_unknown_key_is_anonymous(shop):
    """An unknown consumer key counts as no credentials, not as an auth error."""
    response = shop.request("GET", "products", auth=("ck_nobody", "cs_nothing"))
    assert response.status_code == 401
    assert _error(response)[0] == "woocommerce_rest_cannot_view"


def test_wrong_secret(shop):
    """A known key with a wrong secret gets woocommerce_rest_authentication_error."""
    response = shop.request("GET", ORDERS, auth=(shop.key, "cs_wrong"))
    assert response.status_code == 401
    assert _error(response) == (
        "woocommerce_rest_authentication_error",
        "Consumer secret is invalid.",
    )


@pytest.mark.parametrize(
    ("method", "path", "body", "code"),
    [
        (
            "POST",
            "customers",
            {"email": "anon@example.com"},
            "woocommerce_rest_cannot_create",
        ),
        ("POST", "customers/batch", {"create": []}, "woocommerce_rest_cannot_batch"),
    ],
)
def test_anonymous_write_codes(shop, method, path, body, code):
    """Anonymous creates and batches get the endpoint's own cannot_* code with 401."""
    response = shop.request(method, path, auth=None, json=body)
    assert response.status_code == 401
    assert _error(response)[0] == code


def test_anonymous_edit_and_delete_codes(shop):
    """Anonymous updates and deletes of a record get cannot_edit / cannot_delete."""
    customer = shop.request(
        "POST", "customers", json={"email": "victim@example.com"}
    ).json()
    path = f"customers/{customer['id']}"
    assert (
        _error(shop.request("PUT", path, auth=None, json={"first_name": "X"}))[0]
        == "woocommerce_rest_cannot_edit"
    )
    assert (
        _error(shop.request("DELETE", path, auth=None, params={"force": "true"}))[0]
        == "woocommerce_rest_cannot_delete"
    )
    assert shop.request("GET", path).json()["first_name"] == ""


def test_query_pair_authentication(shop):
    """consumer_key/consumer_secret in the query string authenticate like Basic auth."""
    params = {"consumer_key": shop.key, "consumer_secret": shop.secret}
    assert shop.request("GET", ORDERS, auth=None, params=params).status_code == 200


def test_query_pair_wins_over_basic(shop):
    """With both present, the query pair is checked (a wrong secret there fails)."""
    params = {"consumer_key": shop.key, "consumer_secret": "cs_wrong"}
    response = shop.request("GET", ORDERS, params=params)
    assert _error(response)[0] == "woocommerce_rest_authentication_error"


def test_read_only_key_cannot_write(shop):
    """A read key used for POST gets 'does not have write permissions' (401)."""
    assert shop.request("GET", ORDERS, auth=("ck_read", "cs_read")).status_code == 200
    response = shop.request("POST", ORDERS, auth=("ck_read", "cs_read"), json={})
    assert response.status_code == 401
    assert _error(response) == (
        "woocommerce_rest_authentication_error",
        "The API key provided does not have write permissions.",
    )


def test_write_only_key_cannot_read(shop):
    """A write key used for GET gets 'does not have read permissions' (401)."""
    response = shop.request("GET", ORDERS, auth=("ck_write", "cs_write"))
    assert response.status_code == 401
    assert _error(response) == (
        "woocommerce_rest_authentication_error",
        "The API key provided does not have read permissions.",
    )
    assert (
        shop.request("POST", ORDERS, auth=("ck_write", "cs_write"), json={}).status_code
        == 201
    )


def test_incapable_user_gets_403(shop):
    """A key whose user lacks the capability gets 403 with the endpoint's code."""
    response = shop.request("GET", ORDERS, auth=("ck_weak", "cs_weak"))
    assert response.status_code == 403
    assert _error(response)[0] == "woocommerce_rest_cannot_view"


def test_missing_product_reaches_404_before_permissions(shop):
    """Anonymous GET: a missing product answers 404, a missing order 401, as a store."""
    response = shop.request("GET", "products/999999", auth=None)
    assert response.status_code == 404
    assert _error(response)[0] == "woocommerce_rest_product_invalid_id"
    assert shop.request("GET", "orders/999999", auth=None).status_code == 401


def test_malformed_basic_header_is_anonymous(shop):
    """A Basic header that is not base64 'key:secret' counts as no credentials."""
    headers = {"Authorization": "Basic !!!not-base64"}
    response = shop.request("GET", ORDERS, auth=None, headers=headers)
    assert _error(response)[0] == "woocommerce_rest_cannot_view"
    token = base64.b64encode(f"{shop.key}:{shop.secret}".encode()).decode()
    assert (
        shop.request(
            "GET", ORDERS, auth=None, headers={"Authorization": f"Basic {token}"}
        ).status_code
        == 200
    )


def test_head_is_answered_like_get(shop):
    """HEAD on a list answers the GET headers without a body."""
    response = shop.request("HEAD", ORDERS)
    assert response.status_code == 200
    assert "X-WP-Total" in response.headers and response.content == b""


def test_unknown_route(shop):
    """An unknown path or an unsupported method answers 404 rest_no_route."""
    assert _error(shop.request("GET", "coupons"))[0] == "rest_no_route"
    assert _error(shop.request("DELETE", "orders"))[0] == "rest_no_route"


def test_rest_route_form(shop):
    """The plain-permalink form /?rest_route=/wc/v3/... reaches the same API."""
    response = shop.session.get(
        shop.url + "/",
        params={"rest_route": "/wc/v3/orders"},
        auth=(shop.key, shop.secret),
        timeout=10,
    )
    assert response.status_code == 200
    assert int(response.headers["X-WP-Total"]) >= 0


def test_admin_endpoints_need_the_admin_token(shop):
    """The admin endpoints take the admin token only: no API key can reset the shop."""
    assert shop.admin_request("GET", "status", token=None).status_code == 401
    basic = {"auth": (shop.key, shop.secret)}
    assert shop.admin_request("POST", "reset", token=None, **basic).status_code == 401
    assert shop.admin_request("GET", "status", token="adm_wrong").status_code == 401
    assert shop.admin_request("GET", "status").status_code == 200


def test_admin_token_wins_over_a_session_wide_basic_auth(shop):
    """A client whose session sends Basic auth by default still reaches the admin."""
    shop.session.auth = (shop.key, shop.secret)
    try:
        assert shop.admin_request("GET", "status").status_code == 200
    finally:
        shop.session.auth = None
