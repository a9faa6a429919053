"""Customers: create, read, partial update, force-only delete, errors."""

import re

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")


def _create(shop, **values):
    values.setdefault("email", "someone@example.com")
    response = shop.request("POST", "customers", json=values)
    assert response.status_code == 201, response.text
    return response


def test_create_returns_201_with_location_and_fields(shop):
    """POST answers 201, a Location header and the customer in WooCommerce's formats."""
    response = _create(
        shop,
        email="ana@example.com",
        first_name="Ana",
        last_name="Ruiz",
        billing={"city": "Madrid", "country": "ES"},
    )
    customer = response.json()
    assert response.headers["Location"].endswith(
        f"/wp-json/wc/v3/customers/{customer['id']}"
    )
    assert isinstance(customer["id"], int) and customer["role"] == "customer"
    assert customer["username"] == "ana"
    assert (
        DATE.match(customer["date_created_gmt"])
        and customer["date_created"] == customer["date_created_gmt"]
    )
    assert (
        customer["billing"]["city"] == "Madrid" and customer["billing"]["email"] == ""
    )
    assert set(customer["shipping"]) >= {
        "first_name",
        "address_1",
        "postcode",
        "country",
    }
    assert customer["is_paying_customer"] is False
    assert "password" not in customer and "password_hash" not in customer
    assert shop.request("GET", f"customers/{customer['id']}").json() == customer


def test_email_required_and_valid(shop):
    """A missing or malformed e-mail is refused with its own code."""
    missing = shop.request("POST", "customers", json={"first_name": "Nobody"})
    assert missing.status_code == 400
    assert missing.json()["code"] == "rest_missing_callback_param"
    assert missing.json()["data"]["params"] == ["email"]
    invalid = shop.request("POST", "customers", json={"email": "not-an-email"})
    assert invalid.json()["code"] == "registration-error-invalid-email"


def test_duplicate_email_and_username(shop):
    """An existing e-mail or username is refused with the registration-error codes."""
    _create(shop, email="dup@example.com", username="dupuser")
    assert shop.request("POST", "customers", json={"email": "DUP@example.com"}).json()[
        "code"
    ] == ("registration-error-email-exists")
    taken = shop.request(
        "POST", "customers", json={"email": "other@example.com", "username": "dupuser"}
    )
    assert taken.json()["code"] == "registration-error-username-exists"


def test_create_with_id_is_refused(shop):
    """Sending an id on create answers woocommerce_rest_customer_exists."""
    response = shop.request(
        "POST", "customers", json={"id": 5, "email": "id@example.com"}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "woocommerce_rest_customer_exists"


def test_partial_update_merges_addresses(shop):
    """PUT changes only the given fields; billing and shipping merge field by field."""
    customer = _create(
        shop, email="merge@example.com", billing={"city": "Lyon", "phone": "123"}
    ).json()
    updated = shop.request(
        "PUT",
        f"customers/{customer['id']}",
        json={"last_name": "Martin", "billing": {"city": "Paris"}},
    )
    assert updated.status_code == 200
    body = updated.json()
    assert body["last_name"] == "Martin" and body["email"] == "merge@example.com"
    assert body["billing"]["city"] == "Paris" and body["billing"]["phone"] == "123"
    assert body["date_modified_gmt"] >= customer["date_modified_gmt"]


def test_patch_and_post_also_update(shop):
    """PATCH and POST on /customers/<id> update like PUT."""
    customer = _create(shop, email="verbs@example.com").json()
    assert (
        shop.request(
            "PATCH", f"customers/{customer['id']}", json={"first_name": "P"}
        ).json()["first_name"]
        == "P"
    )
    assert (
        shop.request(
            "POST", f"customers/{customer['id']}", json={"first_name": "Q"}
        ).json()["first_name"]
        == "Q"
    )


def test_username_not_editable_and_email_taken(shop):
    """A new username is invalid_argument; another user's e-mail is invalid_email."""
    customer = _create(shop, email="fixed@example.com").json()
    _create(shop, email="taken@example.com")
    renamed = shop.request(
        "PUT", f"customers/{customer['id']}", json={"username": "newname"}
    )
    assert (
        renamed.status_code == 400
        and renamed.json()["code"] == "woocommerce_rest_customer_invalid_argument"
    )
    stolen = shop.request(
        "PUT", f"customers/{customer['id']}", json={"email": "taken@example.com"}
    )
    assert (
        stolen.status_code == 400
        and stolen.json()["code"] == "woocommerce_rest_customer_invalid_email"
    )


def test_missing_customer(shop):
    """GET, PUT and DELETE of a missing customer answer 404 wc_user_invalid_id."""
    for method in ("GET", "PUT", "DELETE"):
        response = shop.request(
            method, "customers/99999", json={}, params={"force": "true"}
        )
        assert response.status_code == 404
        assert response.json()["code"] == "wc_user_invalid_id"


def test_delete_needs_force(shop):
    """DELETE without force is 501; with force it answers the customer as it was."""
    customer = _create(shop, email="gone@example.com").json()
    refused = shop.request("DELETE", f"customers/{customer['id']}")
    assert (
        refused.status_code == 501
        and refused.json()["code"] == "woocommerce_rest_trash_not_supported"
    )
    deleted = shop.request(
        "DELETE", f"customers/{customer['id']}", params={"force": "true"}
    )
    assert deleted.status_code == 200 and deleted.json()["email"] == "gone@example.com"
    assert shop.request("GET", f"customers/{customer['id']}").status_code == 404


def test_wrong_field_type(shop):
    """A field of the wrong JSON type is rest_invalid_param naming the field."""
    response = shop.request(
        "POST", "customers", json={"email": "types@example.com", "billing": "Paris"}
    )
    assert response.status_code == 400
    assert response.json()["data"]["params"] == {
        "billing": "billing is not of type object."
    }
