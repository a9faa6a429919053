# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Base test class: a real demo shop on a free loopback port and a backend on it.

Nothing is mocked on the HTTP side: the connector's ``requests`` session talks
to the shop process (``python3 -m demo_shop``, the ``demo_shop`` package under
``tests/demo_shop``) started and driven by the shop's own client. Tests assert
what is enqueued with queue_job's ``trap_jobs()`` and call job methods directly
to test their bodies.
"""

import tempfile

from demo_shop.client import ShopClient

from odoo.tests import tagged

from odoo.addons.component.tests.common import TransactionComponentCase

SHOP_SEED = 42
API = "/wp-json/wc/v3"


def start_demo_shop(test_class):
    """Start a seeded shop for ``test_class``; stopped by a class cleanup."""
    tmpdir = tempfile.TemporaryDirectory(prefix="demo_shop_test_")
    test_class.addClassCleanup(tmpdir.cleanup)
    shop = ShopClient.launch(tmpdir.name, seed=SHOP_SEED)
    test_class.addClassCleanup(shop.stop)
    test_class.shop = shop
    test_class.shop_url, test_class.shop_key, test_class.shop_secret = (
        shop.url,
        shop.key,
        shop.secret,
    )


# after every module is installed: orders need the company's chart of accounts
# (tax groups, fiscal country), which Odoo loads once the modules are installed
@tagged("post_install", "-at_install")
class DemoShopCase(TransactionComponentCase):
    """A backend connected to a freshly seeded demo shop."""

    # meant to be overridden: reseed the shop before each test (for tests
    # that change the shop's data)
    reset_shop_each_test = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start_demo_shop(cls)
        # the seeded shop sells in EUR: orders need the currency active
        cls.env.ref("base.EUR").active = True
        cls.backend = cls.env["demo.shop.backend"].create(
            {
                "name": "Test Shop",
                "url": cls.shop_url,
                "consumer_key": cls.shop_key,
                "consumer_secret": cls.shop_secret,
                "request_timeout": 10,  # Odoo raises shorter ones to 10 s in tests
                # one import_record job per listed record, as the tests of the
                # batch imports expect (chunks have tests of their own)
                "import_chunk_size": 1,
            }
        )

    def setUp(self):
        super().setUp()
        if self.reset_shop_each_test:
            self.shop_admin("POST", "/demo-shop/reset", json={"seed": SHOP_SEED})
        self.addCleanup(self.shop_admin, "DELETE", "/demo-shop/faults")

    # -- talking to the shop directly (the test's view of the remote side) --

    @classmethod
    def shop_admin(cls, method, path, **kwargs):
        """An admin call (``/demo-shop/...``) or, for an ``API`` path, an API call."""
        if path.startswith(API):
            response = cls.shop.api(method, path[len(API) :].lstrip("/"), **kwargs)
            return response.json() if response.content else None
        return cls.shop.admin(method, path[len("/demo-shop/") :], **kwargs)

    @classmethod
    def shop_get(cls, path, **params):
        return cls.shop_admin("GET", API + path, params=params)

    @classmethod
    def shop_count(cls, resource):
        """How many records of ``resource`` the shop holds (its X-WP-Total)."""
        response = cls.shop.api("GET", resource, params={"per_page": 1})
        return int(response.headers["X-WP-Total"])

    @classmethod
    def shop_put(cls, path, data):
        return cls.shop_admin("PUT", API + path, json=data)

    @classmethod
    def shop_post(cls, path, data):
        return cls.shop_admin("POST", API + path, json=data)

    def inject_fault(self, mode, **spec):
        """Make the next matching API request(s) of the shop misbehave."""
        return self.shop_admin("POST", "/demo-shop/faults", json=dict(spec, mode=mode))

    # -- connector shortcuts --

    def import_record(self, model_name, external_id, force=False):
        """Run the import job body of one shop record."""
        return self.env[model_name].import_record(
            self.backend, str(external_id), force=force
        )

    def binding(self, model_name, external_id):
        with self.backend.work_on(model_name) as work:
            return work.component(usage="binder").to_internal(str(external_id))

    def shop_order_with(self, **criteria):
        """First order of the shop whose fields match ``criteria``."""
        for order in self.shop_get("/orders", per_page=100, orderby="id", order="asc"):
            if all(order.get(key) == value for key, value in criteria.items()):
                return order
        raise AssertionError(f"No order of the seeded shop matches {criteria}")
