"""OAuth 1.0a one-legged signatures over plain http, as a WooCommerce store checks them.

The official Python client (``woocommerce`` on PyPI) signs every request when the store
URL is ``http://``; it never sends Basic auth there.
"""

import base64
import hashlib
import hmac
import time
import urllib.parse

import pytest
from woocommerce import API
from woocommerce.oauth import OAuth

from .conftest import KEY, SECRET


def _client(shop, secret=SECRET, key=KEY):
    return API(url=shop.url, consumer_key=key, consumer_secret=secret, version="wc/v3")


def _signed_url(shop, path, method="GET", timestamp=None, key=KEY, secret=SECRET):
    return OAuth(
        url=f"{shop.url}/wp-json/wc/v3/{path}",
        consumer_key=key,
        consumer_secret=secret,
        version="wc/v3",
        method=method,
        oauth_timestamp=int(time.time()) if timestamp is None else timestamp,
    ).get_oauth_url()


def _get(shop, url):
    return shop.session.get(url, timeout=10)


def test_official_client_customers(shop):
    """The official client lists, reads, creates and updates customers."""
    wc = _client(shop)
    created = wc.post("customers", {"email": "oauth.client@example.com"})
    assert created.status_code == 201, created.text
    customer_id = created.json()["id"]
    updated = wc.put(f"customers/{customer_id}", {"first_name": "Olga"})
    assert updated.status_code == 200 and updated.json()["first_name"] == "Olga"
    assert wc.get(f"customers/{customer_id}").json()["first_name"] == "Olga"
    listed = wc.get("customers", params={"email": "oauth.client@example.com"})
    assert [entry["id"] for entry in listed.json()] == [customer_id]


def test_official_client_products_and_orders(shop):
    """Products and orders too, with query parameters signed with the URL."""
    wc = _client(shop)
    product = wc.post("products", {"name": "Signed mug", "regular_price": "9.50"})
    assert product.status_code == 201, product.text
    product_id = product.json()["id"]
    assert wc.put(f"products/{product_id}", {"sale_price": "8.00"}).ok
    assert wc.get(f"products/{product_id}").json()["price"] == "8.00"
    order = wc.post(
        "orders", {"line_items": [{"product_id": product_id, "quantity": 2}]}
    )
    assert order.status_code == 201, order.text
    order_id = order.json()["id"]
    assert order.json()["total"] == "16.00"
    done = wc.put(f"orders/{order_id}", {"status": "completed"})
    assert done.json()["status"] == "completed"
    listed = wc.get("orders", params={"include": str(order_id), "per_page": 5})
    assert [entry["id"] for entry in listed.json()] == [order_id]
    assert wc.get(f"orders/{order_id}").json()["status"] == "completed"


def test_wrong_secret_is_refused(shop):
    """A signature made with another secret is refused, as a real store does."""
    response = _client(shop, secret="cs_wrong").get("products")
    assert response.status_code == 401
    assert response.json()["code"] == "woocommerce_rest_authentication_error"
    assert "signature" in response.json()["message"]


def test_unknown_key_is_refused(shop):
    response = _client(shop, key="ck_unknown").get("products")
    assert response.status_code == 401
    assert response.json()["message"] == "Consumer key is invalid."


def test_replayed_nonce_is_refused(shop):
    """The same signed URL works once: its nonce is then used."""
    url = _signed_url(shop, "products")
    assert _get(shop, url).status_code == 200
    replay = _get(shop, url)
    assert replay.status_code == 401
    assert "nonce" in replay.json()["message"]


@pytest.mark.parametrize("shift", [-16 * 60, 16 * 60])
def test_timestamp_outside_the_window_is_refused(shop, shift):
    """A timestamp more than 15 minutes away from the store's time is refused."""
    response = _get(shop, _signed_url(shop, "products", timestamp=time.time() + shift))
    assert response.status_code == 401
    assert response.json()["message"] == "Invalid timestamp."


def test_tampered_query_is_refused(shop):
    """Changing a signed parameter breaks the signature."""
    url = _signed_url(shop, "products?per_page=5")
    assert "per_page=5" in url
    response = _get(shop, url.replace("per_page=5", "per_page=6"))
    assert response.status_code == 401


def test_missing_parameter_is_named(shop):
    url = _signed_url(shop, "products")
    parts = urllib.parse.urlsplit(url)
    pairs = [
        pair for pair in urllib.parse.parse_qsl(parts.query) if pair[0] != "oauth_nonce"
    ]
    stripped = parts._replace(query=urllib.parse.urlencode(pairs)).geturl()
    response = _get(shop, stripped)
    assert response.status_code == 401
    assert response.json()["message"] == "oauth_nonce parameter is missing"


def _rfc3986(text):
    return urllib.parse.quote(text, safe="")


def test_hmac_sha1_and_authorization_header(shop):
    """HMAC-SHA1 is accepted too, and the parameters may come in an OAuth header.

    The signature is computed here from the rules alone (not with the shop's code).
    """
    url = f"{shop.url}/wp-json/wc/v3/orders"
    params = {
        "oauth_consumer_key": KEY,
        "oauth_timestamp": str(int(time.time())),
        "oauth_nonce": "sha1nonce" + str(time.time_ns()),
        "oauth_signature_method": "HMAC-SHA1",
        "per_page": "3",
    }
    normalized = "&".join(
        f"{_rfc3986(k)}={_rfc3986(v)}" for k, v in sorted(params.items())
    )
    text = f"GET&{_rfc3986(url)}&{_rfc3986(normalized)}"
    digest = hmac.new(f"{SECRET}&".encode(), text.encode(), hashlib.sha1).digest()
    params["oauth_signature"] = base64.b64encode(digest).decode()
    header = "OAuth " + ", ".join(
        f'{k}="{_rfc3986(v)}"' for k, v in params.items() if k.startswith("oauth_")
    )
    response = shop.session.get(
        url, params={"per_page": "3"}, headers={"Authorization": header}, timeout=10
    )
    assert response.status_code == 200, response.text
    assert len(response.json()) <= 3
