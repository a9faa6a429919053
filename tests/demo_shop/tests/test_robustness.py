"""Robustness: bad JSON, big or chunked bodies, concurrency, no secrets in logs."""

import logging
import socket
import threading

import pytest


def test_bad_json_body(shop):
    """A body that is not JSON answers 400 rest_invalid_json."""
    response = shop.request(
        "POST",
        "customers",
        data="{not json",
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "rest_invalid_json"


def test_non_object_body(shop):
    """A JSON body that is not an object is refused as invalid JSON too."""
    assert (
        shop.request("POST", "products", json=[1, 2]).json()["code"]
        == "rest_invalid_json"
    )


def test_huge_body_refused(shop):
    """A body over the size limit is refused with 413 without being read."""
    response = shop.request(
        "POST", "products", data=b"x" * (shop.server.max_body_bytes + 1)
    )
    assert response.status_code == 413
    assert shop.request("GET", "products").status_code == 200


def test_chunked_body_refused(shop):
    """A chunked body (no Content-Length) is refused with 411."""

    def body():
        yield b'{"name": "chunked"}'

    assert shop.request("POST", "products", data=body()).status_code == 411


def test_concurrent_creates(shop):
    """Parallel creates from many threads all succeed with distinct ids."""
    ids, errors = [], []

    def create(index):
        response = shop.request(
            "POST", "customers", json={"email": f"parallel{index}@example.com"}
        )
        (ids if response.status_code == 201 else errors).append(
            response.json().get("id")
        )

    threads = [threading.Thread(target=create, args=(i,)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(set(ids)) == 16


def test_sql_metacharacters_are_data(shop):
    """Values with SQL metacharacters are stored and returned verbatim."""
    name = "Robert'); DROP TABLE records;--"
    product = shop.request("POST", "products", json={"name": name}).json()
    assert shop.request("GET", f"products/{product['id']}").json()["name"] == name


def test_secret_never_logged(shop, caplog):
    """The request log shows the path, not the query string carrying the secret."""
    with caplog.at_level(logging.DEBUG, logger="demo_shop"):
        shop.request(
            "GET",
            "orders",
            auth=None,
            params={"consumer_key": shop.key, "consumer_secret": shop.secret},
        )
    assert "/wp-json/wc/v3/orders" in caplog.text
    assert shop.secret not in caplog.text


@pytest.mark.parametrize("raw", [b"GARBAGE\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n"])
def test_garbage_request_does_not_kill_server(shop, raw):
    """A malformed request line gets an error and the server keeps serving."""
    host, port = shop.url.rsplit("//", 1)[1].split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(raw)
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
    assert b"400" in answer or b"505" in answer
    assert shop.request("GET", "orders").status_code == 200
