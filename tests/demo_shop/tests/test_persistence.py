"""Persistence across restarts and the subprocess helper used by the addon's tests."""

import os

import requests
from demo_shop.process import start_shop_process, stop_shop_process


def _get(base_url, key, secret, path, **params):
    return requests.get(
        f"{base_url}/wp-json/wc/v3/{path}",
        auth=(key, secret),
        params=params,
        timeout=10,
    )


def test_state_survives_restart(tmp_path):
    """Records written before a restart are there after it, and ids keep growing."""
    proc, url, key, secret = start_shop_process(tmp_path)
    try:
        created = requests.post(
            f"{url}/wp-json/wc/v3/customers",
            json={"email": "kept@example.com"},
            auth=(key, secret),
            timeout=10,
        ).json()
        product = requests.post(
            f"{url}/wp-json/wc/v3/products",
            json={"name": "Kept"},
            auth=(key, secret),
            timeout=10,
        ).json()
    finally:
        assert stop_shop_process(proc) == 0
    proc, url2, _key, _secret = start_shop_process(tmp_path, key=key, secret=secret)
    try:
        assert (
            _get(url2, key, secret, f"customers/{created['id']}").json()["email"]
            == "kept@example.com"
        )
        again = requests.post(
            f"{url2}/wp-json/wc/v3/products",
            json={"name": "Next"},
            auth=(key, secret),
            timeout=10,
        ).json()
        assert again["id"] > product["id"]
    finally:
        stop_shop_process(proc)
    assert os.path.exists(tmp_path / "shop.sqlite3")


def test_process_helper_registers_webhooks(tmp_path):
    """start_shop_process with a delivery URL registers core topics only once."""
    proc, url, key, secret = start_shop_process(
        tmp_path, webhook_delivery_url="http://127.0.0.1:9/hook"
    )
    stop_shop_process(proc)
    proc, url, key, secret = start_shop_process(
        tmp_path, key=key, secret=secret, webhook_delivery_url="http://127.0.0.1:9/hook"
    )
    try:
        hooks = _get(url, key, secret, "webhooks", per_page=100).json()
        assert sorted(h["topic"] for h in hooks) == sorted(
            f"{r}.{e}"
            for r in ("customer", "product", "order")
            for e in ("created", "updated", "deleted")
        )
    finally:
        stop_shop_process(proc)


def test_process_helper_reports_startup_failure(tmp_path):
    """A shop that cannot start raises a clear error instead of hanging."""
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    try:
        start_shop_process(
            tmp_path, data_file="not-a-dir/shop.sqlite3", startup_timeout=20
        )
    except RuntimeError as err:
        assert "did not start" in str(err) or "exited" in str(err)
    else:
        raise AssertionError("start_shop_process should have failed")
