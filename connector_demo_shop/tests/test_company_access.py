# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Two companies, four roles: who reads and writes the connector's records."""

import json
from types import SimpleNamespace

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.connector.controllers.webhook import WebhookReceiver

SECRETS = ["consumer_key", "consumer_secret", "webhook_secret"]


class TestCompanyAccess(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env["res.company"].create({"name": "Shop Company A"})
        cls.company_b = cls.env["res.company"].create({"name": "Shop Company B"})
        cls.manager_a = cls._user("co_manager_a", cls.company_a, "connector")
        cls.manager_b = cls._user("co_manager_b", cls.company_b, "connector")
        cls.job_manager = cls._user("co_job_manager", cls.company_a, "jobs")
        cls.internal = cls._user("co_internal", cls.company_a, None)
        cls.backend_a = cls._backend("A", cls.company_a)
        cls.backend_b = cls._backend("B", cls.company_b)
        cls.binding_a = cls._binding(cls.backend_a, "101")
        cls.binding_b = cls._binding(cls.backend_b, "201")

    @classmethod
    def _user(cls, login, company, role):
        groups = {
            "connector": "base.group_user,connector.group_connector_manager",
            "jobs": "base.group_user,queue_job.group_queue_job_manager",
            None: "base.group_user",
        }[role]
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
        )

    @classmethod
    def _backend(cls, suffix, company):
        return cls.env["demo.shop.backend"].create(
            {
                "name": f"Shop {suffix}",
                "url": "http://127.0.0.1:9",
                "company_id": company.id,
                "consumer_key": f"ck_{suffix}",
                "consumer_secret": f"cs_{suffix}",
                "webhook_secret": f"wh_{suffix}",
            }
        )

    @classmethod
    def _binding(cls, backend, external_id):
        return (
            cls.env["demo.shop.res.partner"]
            .with_context(connector_no_export=True)
            .create(
                {
                    "name": f"Customer {external_id}",
                    "backend_id": backend.id,
                    "external_id": external_id,
                    # a shared partner (no company): the backend's company
                    # alone must hide the binding
                }
            )
        )

    def _deliver(self, backend, delivery_id):
        receiver = WebhookReceiver(SimpleNamespace(env=self.env), backend._name)
        body = json.dumps({"id": 5, "delivery": delivery_id}).encode()
        receiver._record(backend, delivery_id, "customer.updated", body)
        return self.env["connector.webhook.delivery"].search(
            [("delivery_id", "=", delivery_id)]
        )

    def test_job_queue_manager_is_no_connector_manager(self):
        self.assertFalse(
            self.job_manager.has_group("connector.group_connector_manager")
        )
        backends = self.env["demo.shop.backend"].with_user(self.job_manager)
        with self.assertRaises(AccessError):
            backends.browse(self.backend_a.id).read(SECRETS)
        with self.assertRaises(AccessError):
            backends.browse(self.backend_a.id).write({"consumer_key": "stolen"})

    def test_internal_user_reads_nothing(self):
        for model in ("demo.shop.backend", "connector.webhook.delivery"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.internal).search([])

    def test_manager_reads_and_writes_own_company(self):
        backend = self.backend_a.with_user(self.manager_a)
        values = backend.read(SECRETS)[0]
        self.assertEqual(values["consumer_key"], "ck_A")
        self.assertEqual(values["webhook_secret"], "wh_A")
        backend.write({"consumer_secret": "cs_A2"})
        self.assertEqual(self.backend_a.consumer_secret, "cs_A2")

    def test_manager_blind_to_other_company(self):
        for user, own, other in (
            (self.manager_a, self.backend_a, self.backend_b),
            (self.manager_b, self.backend_b, self.backend_a),
        ):
            with self.subTest(user=user.login):
                backends = self.env["demo.shop.backend"].with_user(user)
                self.assertEqual(backends.search([]), own)
                with self.assertRaises(AccessError):
                    backends.browse(other.id).read(SECRETS)
                with self.assertRaises(AccessError):
                    backends.browse(other.id).write({"consumer_key": "stolen"})
        self.assertEqual(self.backend_a.consumer_key, "ck_A")

    def test_bindings_follow_backend_company(self):
        bindings = self.env["demo.shop.res.partner"].with_user(self.manager_b)
        self.assertEqual(bindings.search([]), self.binding_b)
        with self.assertRaises(AccessError):
            bindings.browse(self.binding_a.id).read(["external_id"])

    def test_deliveries_follow_backend_company(self):
        delivery_a = self._deliver(self.backend_a, "co-a")
        delivery_b = self._deliver(self.backend_b, "co-b")
        self.assertEqual(delivery_a.company_id, self.company_a)
        deliveries = self.env["connector.webhook.delivery"].with_user(self.manager_b)
        self.assertEqual(
            deliveries.search([("id", "in", (delivery_a | delivery_b).ids)]), delivery_b
        )
        with self.assertRaises(AccessError):
            deliveries.browse(delivery_a.id).read(["state"])

    def test_jobs_follow_backend_company(self):
        """A delivery's job (enqueued as the superuser) belongs to the
        backend's company: job-queue managers of another company do not see
        it, those of that company do."""
        delivery = self._deliver(self.backend_b, "co-job")
        job = self.env["queue.job"].search([("uuid", "=", delivery.job_uuid)])
        self.assertEqual(job.company_id, self.company_b)
        jobs = self.env["queue.job"].with_user(self.job_manager)
        self.assertFalse(jobs.search([("id", "=", job.id)]))
        self.job_manager.write({"company_ids": [(4, self.company_b.id)]})
        jobs = jobs.with_context(allowed_company_ids=self.company_b.ids)
        self.assertEqual(jobs.search([("id", "=", job.id)]), job)

    def test_pending_bindings_follow_backend_company(self):
        pending = self.env["connector.pending.binding"]
        pending._remember(self.binding_a, "key-a", "101")
        pending._remember(self.binding_b, "key-b", "201")
        rows = pending.search([("lookup_key", "in", ("key-a", "key-b"))])
        row_a = rows.filtered(lambda row: row.lookup_key == "key-a")
        row_b = rows - row_a
        self.assertEqual(row_a.company_id, self.company_a)
        self.assertEqual(row_b.company_id, self.company_b)
        visible = pending.with_user(self.manager_b).search(
            [("id", "in", (row_a | row_b).ids)]
        )
        self.assertEqual(visible, row_b)

    def test_rate_limit_rows_follow_backend_company(self):
        limits = self.env["connector.rate.limit"]
        rows = limits.create(
            [
                {
                    "backend_model": backend._name,
                    "backend_id": backend.id,
                    "key": "co-test",
                    "company_id": backend.company_id.id,
                }
                for backend in (self.backend_a, self.backend_b)
            ]
        )
        visible = limits.with_user(self.manager_b).search([("id", "in", rows.ids)])
        self.assertEqual(visible.backend_id, self.backend_b.id)

    def test_rate_limit_row_takes_backend_company(self):
        """The limiter (its own transaction) stamps the backend's company."""
        self.addCleanup(self._delete_windows)
        # a company the limiter's transaction sees: the main one, committed
        main = self.env.ref("base.main_company")
        backend = self._backend("Main", main)
        wait, __ = self.env["connector.rate.limit"]._acquire_slot(
            backend, "co-test", 5, 60
        )
        self.assertEqual(wait, 0)
        # committed by the limiter's own transaction: read it from another one
        with self.env.registry.cursor() as cr:
            cr.execute(
                "SELECT company_id FROM connector_rate_limit"
                " WHERE key = 'co-test' AND backend_id = %s",
                (backend.id,),
            )
            self.assertEqual(cr.fetchall(), [(main.id,)])

    def _delete_windows(self):
        with self.env.registry.cursor() as cr:
            cr.execute("DELETE FROM connector_rate_limit WHERE key = 'co-test'")
