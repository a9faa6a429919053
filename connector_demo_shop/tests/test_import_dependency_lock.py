# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from types import SimpleNamespace

from odoo.sql_db import db_connect

from odoo.addons.connector.database import pg_try_advisory_lock
from odoo.addons.connector.exception import RetryableJobError

from .common import DemoShopCase


class TestImportDependencyLock(DemoShopCase):
    reset_shop_each_test = False

    def _side_cursor(self):
        """A cursor on its own connection: another job's transaction."""
        cr = db_connect(self.env.cr.dbname).cursor()

        def close():
            cr.rollback()
            cr.close()

        self.addCleanup(close)
        return cr

    def _lock_as_another_job(self, product_id):
        with self.backend.work_on("demo.shop.product.product") as work:
            importer = work.component(usage="record.importer")
            lock_name = importer._get_import_lock_name(product_id)
        other_job = SimpleNamespace(cr=self._side_cursor())
        self.assertTrue(pg_try_advisory_lock(other_job, lock_name))

    def test_dependency_locked_by_another_job_is_retried(self):
        """An order job waits (retries) while another job holds the lock of
        a product it does not see bound: that job may be creating it."""
        order = self.shop_order_with(status="completed")
        product_id = str(order["line_items"][0]["product_id"])
        self._lock_as_another_job(product_id)
        with self.backend.work_on("demo.shop.sale.order") as work:
            importer = work.component(usage="record.importer")
            with self.assertRaises(RetryableJobError):
                importer._import_dependency(product_id, "demo.shop.product.product")

    def test_bound_dependency_does_not_wait(self):
        """A product already bound is used as it is, even while another job
        holds its lock (updating it): nothing can create it twice."""
        order = self.shop_order_with(status="completed")
        product_id = str(order["line_items"][0]["product_id"])
        # bound without the importer: its lock would be this transaction's
        self.env["demo.shop.product.product"].with_context(
            connector_no_export=True
        ).create(
            {
                "name": "Bound product",
                "backend_id": self.backend.id,
                "external_id": product_id,
            }
        )
        self._lock_as_another_job(product_id)
        with self.backend.work_on("demo.shop.sale.order") as work:
            importer = work.component(usage="record.importer")
            self.assertFalse(
                importer._import_dependency(product_id, "demo.shop.product.product")
            )

    def test_dependency_lock_free_finds_binding(self):
        """Without a concurrent job, a bound dependency is found, not imported again."""
        order = self.shop_order_with(status="completed")
        product_id = str(order["line_items"][0]["product_id"])
        self.import_record("demo.shop.product.product", product_id)
        with self.backend.work_on("demo.shop.sale.order") as work:
            importer = work.component(usage="record.importer")
            self.assertFalse(
                importer._import_dependency(product_id, "demo.shop.product.product")
            )
