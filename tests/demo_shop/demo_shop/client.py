"""The one client of a running demo shop: its REST API and its admin endpoints.

Every harness (the shop's own tests, the addon's tests, the end-to-end tests and the
benchmarks) talks to the shop through :class:`ShopClient`::

    from demo_shop.client import ShopClient

    shop = ShopClient.launch(tmpdir, seed=42)  # a subprocess on a free port
    try:
        orders = shop.all("orders")
        shop.faults({"mode": "503", "count": 2})
        shop.reset(seed=42)
    finally:
        shop.stop()

The REST API is called with the consumer key and secret (Basic auth, which the shop
accepts from loopback clients); the admin endpoints (``/demo-shop/...``) with the admin
token, a credential of its own that no API key can stand in for.
"""

import secrets

import requests
import requests.auth

from .process import start_shop_process, stop_shop_process

API = "/wp-json/wc/v3/"


class _Bearer(requests.auth.AuthBase):
    """``Authorization: Bearer TOKEN``, applied after any session-wide auth."""

    def __init__(self, token):
        self.token = token

    def __call__(self, request):
        request.headers["Authorization"] = f"Bearer {self.token}"
        return request


class ShopError(Exception):
    """An admin call the shop refused; the message carries its status and body."""


class ShopClient:
    """A session on one demo shop at ``url``.

    :param url: ``http://127.0.0.1:PORT``.
    :param key, secret: a ``read_write`` API key of the shop.
    :param admin_token: the shop's admin token (``--admin-token``).
    :param timeout: default seconds per request.
    """

    def __init__(self, url, key, secret, admin_token=None, timeout=30, proc=None):
        self.url = url
        self.key = key
        self.secret = secret
        self.admin_token = admin_token
        self.timeout = timeout
        self.proc = proc
        self.session = requests.Session()
        self.session.trust_env = False  # never through a proxy: the shop is on loopback

    @classmethod
    def launch(cls, directory, seed=None, **kwargs):
        """Start ``python -m demo_shop`` in ``directory`` and return its client.

        Keyword arguments go to :func:`~.process.start_shop_process`.
        """
        return cls(**cls.launch_arguments(directory, seed=seed, **kwargs))

    @staticmethod
    def launch_arguments(directory, **kwargs):
        """Start the shop process; the keyword arguments of a client on it."""
        token = "adm_" + secrets.token_hex(20)
        proc, url, key, secret = start_shop_process(
            directory, admin_token=token, **kwargs
        )
        return {
            "url": url,
            "key": key,
            "secret": secret,
            "admin_token": token,
            "proc": proc,
        }

    def stop(self):
        """Close the session, and stop the shop when :meth:`launch` started it."""
        self.session.close()
        if self.proc is not None:
            stop_shop_process(self.proc)
            self.proc = None

    # -- REST API ---------------------------------------------------------------------
    def request(self, method, path, auth=True, **kwargs):
        """``method`` on ``/wp-json/wc/v3/<path>``; the raw response, never raises.

        ``auth=True`` sends the key; ``auth=None`` nothing; a pair, those credentials.
        """
        kwargs.setdefault("timeout", self.timeout)
        if auth is True:
            kwargs["auth"] = (self.key, self.secret)
        elif auth:
            kwargs["auth"] = auth
        return self.session.request(method, self.url + API + path, **kwargs)

    def api(self, method, path, **kwargs):
        """Like :meth:`request`, raising ``requests.HTTPError`` on an error status."""
        response = self.request(method, path, **kwargs)
        response.raise_for_status()
        return response

    def get(self, path, **params):
        return self.api("GET", path, params=params).json()

    def all(self, resource, **params):
        """Every record of ``resource`` (all pages; trash excluded unless asked)."""
        records, page = [], 1
        while True:
            answer = self.api(
                "GET", resource, params=dict(params, per_page=100, page=page)
            )
            records += answer.json()
            if page >= int(answer.headers.get("X-WP-TotalPages") or 1):
                return records
            page += 1

    # -- admin endpoints --------------------------------------------------------------
    def admin_request(self, method, path, token=True, **kwargs):
        """``method`` on ``/demo-shop/<path>``; the raw response, never raises.

        ``token=True`` sends the admin token, ``None`` nothing, a string that one.
        """
        kwargs.setdefault("timeout", self.timeout)
        token = self.admin_token if token is True else token
        if token:
            kwargs["auth"] = _Bearer(token)
        url = f"{self.url}/demo-shop/{path.lstrip('/')}"
        return self.session.request(method, url, **kwargs)

    def admin(self, method, path, **kwargs):
        """An admin call's JSON answer; :class:`ShopError` when the shop refuses it."""
        response = self.admin_request(method, path, **kwargs)
        if response.status_code >= 400:
            raise ShopError(
                f"{method} /demo-shop/{path}: {response.status_code} {response.text}"
            )
        return response.json() if response.content else None

    def reset(self, seed=None):
        """Wipe the data (keys stay), faults and deliveries; seed with ``seed``."""
        return self.admin("POST", "reset", json={} if seed is None else {"seed": seed})

    def status(self):
        return self.admin("GET", "status")

    def faults(self, *specs):
        """Queue faults (``{"mode": "503", "count": 2, ...}``), first one first."""
        return self.admin("POST", "faults", json=list(specs))

    def pending_faults(self):
        return self.admin("GET", "faults")["faults"]

    def clear_faults(self):
        return self.admin("DELETE", "faults")

    def add_key(self, key, secret, permissions="read_write", capable=True):
        """Install another API key (``capable=False``: its user lacks the rights)."""
        body = {
            "consumer_key": key,
            "consumer_secret": secret,
            "permissions": permissions,
            "capable": capable,
        }
        return self.admin("POST", "keys", json=body)

    def deliveries(self, wait=5):
        """The webhook delivery log, after waiting up to ``wait`` s for pending ones."""
        return self.admin("GET", "deliveries", params={"wait": wait})["deliveries"]

    def clear_deliveries(self):
        return self.admin("DELETE", "deliveries")

    def set_clock(self, now=None, offset=None):
        """Freeze the shop's clock at ``now`` (ISO text) or shift it by ``offset`` s."""
        body = {"now": now} if now else {"offset": offset or 0}
        return self.admin("POST", "clock", json=body)

    def reset_clock(self):
        return self.admin("DELETE", "clock")
