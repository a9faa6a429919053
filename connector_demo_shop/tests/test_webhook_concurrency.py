# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Two webhook deliveries of one customer imported at the same time, in two
real transactions (as two job runner workers would)."""

import json
import threading
from types import SimpleNamespace

import requests

from odoo import api

from odoo.addons.component.tests.common import TransactionComponentCase
from odoo.addons.connector.controllers.webhook import WebhookReceiver
from odoo.addons.connector.exception import RetryableJobError

from .common import API, start_demo_shop


class TestWebhookConcurrency(TransactionComponentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start_demo_shop(cls)

    def setUp(self):
        super().setUp()
        self.setUpComponentRegistryReady()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            backend = env["demo.shop.backend"].create(
                {
                    "name": "Concurrent Webhooks",
                    "url": self.shop_url,
                    "consumer_key": self.shop_key,
                    "consumer_secret": self.shop_secret,
                    "request_timeout": 10,
                    "webhook_secret": "concurrent-secret",
                }
            )
            self.backend_id = backend.id
        self.ref = f"demo.shop.backend,{self.backend_id}"
        self.addCleanup(self._delete_committed)
        self.customer = self._shop("GET", "customers", params={"per_page": 1})[0]

    def _shop(self, method, path, **kwargs):
        response = requests.request(
            method,
            self.shop_url + API + "/" + path,
            auth=(self.shop_key, self.shop_secret),
            timeout=30,
            **kwargs,
        )
        response.raise_for_status()
        return response.json()

    def _side_env(self):
        """A superuser env on its own cursor: another worker's transaction."""
        cr = self.env.registry.cursor()
        env = api.Environment(
            cr,
            api.SUPERUSER_ID,
            {"components_registry": self._components_registry},
        )

        def close():
            env.transaction.reset()
            cr.rollback()
            cr.close()

        self.addCleanup(close)
        return env

    def _delete_committed(self):
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"connector_no_export": True})
            bindings = env["demo.shop.res.partner"].search(
                [("backend_id", "=", self.backend_id)]
            )
            partners = bindings.odoo_id
            cr.execute(
                "DELETE FROM demo_shop_res_partner WHERE backend_id = %s",
                (self.backend_id,),
            )
            env.invalidate_all()
            partners.unlink()
            cr.execute(
                "DELETE FROM connector_checkpoint WHERE backend_id = %s", (self.ref,)
            )
            cr.execute(
                "DELETE FROM connector_webhook_delivery WHERE backend_id = %s",
                (self.ref,),
            )
            cr.execute(
                "DELETE FROM queue_job WHERE connector_backend_ref = %s", (self.ref,)
            )
            cr.execute(
                "DELETE FROM demo_shop_backend WHERE id = %s", (self.backend_id,)
            )

    def _count(self, query):
        with self.env.registry.cursor() as cr:
            cr.execute(query, (self.backend_id, str(self.customer["id"])))
            return cr.fetchone()[0]

    def _import(self, env):
        """The body of a delivery's job in ``env``'s transaction."""
        backend = env["demo.shop.backend"].browse(self.backend_id)
        return env["demo.shop.res.partner"].import_record(
            backend, str(self.customer["id"])
        )

    def test_two_deliveries_one_binding(self):
        """A delivery arriving while the job of the first one runs gives a
        second job; run at once, one imports, the other retries and its retry
        updates the same binding and partner."""
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            backend = env["demo.shop.backend"].browse(self.backend_id)
            receiver = WebhookReceiver(SimpleNamespace(env=env), "demo.shop.backend")
            for delivery_id in ("hook-a", "hook-b"):
                # one body per delivery: a body received again is a duplicate
                body = json.dumps({"id": self.customer["id"], "n": delivery_id})
                body = body.encode()
                response = receiver._record(
                    backend, delivery_id, "customer.updated", body
                )
                self.assertEqual(json.loads(response.data), {"status": "queued"})
                # the runner took the job: the next delivery cannot join it
                env["queue.job"].search(
                    [
                        ("connector_backend_ref", "=", self.ref),
                        ("state", "=", "pending"),
                    ]
                ).write({"state": "started"})
            jobs = env["queue.job"].search([("connector_backend_ref", "=", self.ref)])
            self.assertEqual(len(jobs), 2)
            self.assertEqual(
                [job.args[1] for job in jobs], [str(self.customer["id"])] * 2
            )

        envs = [self._side_env(), self._side_env()]
        for env in envs:
            # each transaction takes its snapshot before the other commits
            env["demo.shop.backend"].browse(self.backend_id).name  # noqa: B018
        started, finished = threading.Barrier(2), threading.Barrier(2)
        outcomes = [None, None]

        def work(index):
            env = envs[index]
            started.wait(timeout=30)
            try:
                outcomes[index] = ("done", self._import(env))
            except RetryableJobError as err:
                outcomes[index] = ("retry", str(err))
            except Exception as err:  # noqa: BLE001 (shown by the assertion)
                outcomes[index] = ("error", repr(err))
            # both have run before either commits: the imports overlap
            finished.wait(timeout=60)
            if outcomes[index][0] == "done":
                env.cr.commit()
            else:
                env.cr.rollback()

        threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertEqual(
            sorted(kind for kind, __ in outcomes), ["done", "retry"], outcomes
        )
        bindings_query = (
            "SELECT count(*) FROM demo_shop_res_partner "
            "WHERE backend_id = %s AND external_id = %s"
        )
        self.assertEqual(self._count(bindings_query), 1)
        partners_query = (
            "SELECT count(DISTINCT odoo_id) FROM demo_shop_res_partner "
            "WHERE backend_id = %s AND external_id = %s"
        )
        self.assertEqual(self._count(partners_query), 1)

        # the shop changed meanwhile: the retried job updates the same binding
        self._shop(
            "PUT", f"customers/{self.customer['id']}", json={"first_name": "Retried"}
        )
        loser = envs[[kind for kind, __ in outcomes].index("retry")]
        loser.transaction.reset()
        loser.cr.rollback()
        self.assertIn("Imported", self._import(loser))
        loser.cr.commit()
        binding = loser["demo.shop.res.partner"].search(
            [
                ("backend_id", "=", self.backend_id),
                ("external_id", "=", str(self.customer["id"])),
            ]
        )
        self.assertEqual(len(binding), 1)
        self.assertTrue(binding.name.startswith("Retried "))
        self.assertEqual(self._count(bindings_query), 1)
        email_query = (
            "SELECT count(*) FROM res_partner WHERE email = %s AND id IN "
            "(SELECT odoo_id FROM demo_shop_res_partner WHERE backend_id = %s)"
        )
        with self.env.registry.cursor() as cr:
            cr.execute(email_query, (self.customer["email"], self.backend_id))
            self.assertEqual(cr.fetchone()[0], 1)
