# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Two deliveries of one id in two real transactions: one delivery, one job."""

import threading
from types import SimpleNamespace

from odoo import api
from odoo.tests import TransactionCase

from odoo.addons.connector.controllers.webhook import WebhookReceiver


class TestWebhookConcurrency(TransactionCase):
    """HttpCase requests share the test transaction; here each delivery has its
    own database transaction, as in production."""

    def setUp(self):
        super().setUp()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.backend_id = (
                env["test.backend"].create({"name": "Concurrent Hooks"}).id
            )
        self.ref = f"test.backend,{self.backend_id}"
        self.addCleanup(self._delete_committed)

    def _delete_committed(self):
        with self.env.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM connector_webhook_delivery WHERE backend_id = %s",
                (self.ref,),
            )
            cr.execute(
                "DELETE FROM queue_job WHERE connector_backend_ref = %s", (self.ref,)
            )
            cr.execute("DELETE FROM test_backend WHERE id = %s", (self.backend_id,))

    def _count(self, query):
        with self.env.registry.cursor() as cr:
            cr.execute(query, (self.ref,))
            return cr.fetchone()[0]

    def test_two_transactions_same_delivery(self):
        """The second transaction waits for the first, then answers duplicate."""
        # environments are made here: creating one in a thread would wait for
        # the registry lock the test runner holds while installing
        cursors = [self.env.registry.cursor() for __ in range(2)]
        envs = [api.Environment(cr, api.SUPERUSER_ID, {}) for cr in cursors]
        for env in envs:
            # each transaction reads before the other commits, as a request does
            env["test.backend"].browse(self.backend_id).name  # noqa: B018
        barrier = threading.Barrier(2)
        statuses = []

        def deliver(env):
            receiver = WebhookReceiver(SimpleNamespace(env=env), "test.backend")
            backend = env["test.backend"].browse(self.backend_id)
            barrier.wait()
            try:
                response = receiver._record(
                    backend, "same-id", "order.created", b'{"id": 5}'
                )
                statuses.append(response.get_json()["status"])
                env.cr.commit()
            finally:
                env.cr.close()

        threads = [threading.Thread(target=deliver, args=(env,)) for env in envs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(sorted(statuses), ["duplicate", "queued"])
        deliveries = (
            "SELECT count(*) FROM connector_webhook_delivery WHERE backend_id = %s"
        )
        jobs = "SELECT count(*) FROM queue_job WHERE connector_backend_ref = %s"
        self.assertEqual(self._count(deliveries), 1)
        self.assertEqual(self._count(jobs), 1)
