# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""An RPC caller cannot suppress the export of its change through the context."""

from odoo.tests import HttpCase, tagged

from odoo.addons.component.tests.common import ComponentMixin

SUPPRESS = {"connector_no_export": True, "no_connector_export": True}


@tagged("post_install", "-at_install")
class TestRpcNoExport(HttpCase, ComponentMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the listeners are components: the HTTP requests' events need them
        cls.setUpComponent()

    def setUp(self):
        super().setUp()
        self.setUpComponentRegistryReady()
        self.backend = self.env["demo.shop.backend"].create(
            {"name": "RPC Shop", "url": "http://127.0.0.1:9"}
        )
        self.binding = (
            self.env["demo.shop.res.partner"]
            .with_context(connector_no_export=True)
            .create(
                {"name": "Ann RPC", "backend_id": self.backend.id, "external_id": "77"}
            )
        )
        # the binding's environment carries connector_no_export: not the test's
        self.partner = self.binding.odoo_id.with_env(self.env)

    def _export_jobs(self):
        jobs = self.env["queue.job"].search(
            [
                ("model_name", "=", "demo.shop.res.partner"),
                ("method_name", "=", "export_record"),
            ]
        )
        return jobs.filtered(lambda job: job.records.ids == self.binding.ids)

    def test_code_may_suppress(self):
        """The connector's own writes carry the key and are not exported."""
        self.partner.with_context(connector_no_export=True).write({"name": "Ann A"})
        self.assertFalse(self._export_jobs())
        self.partner.write({"name": "Ann B"})
        self.assertEqual(len(self._export_jobs()), 1)

    def test_xmlrpc_cannot_suppress(self):
        uid = self.env.ref("base.user_admin").id
        self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            uid,
            "admin",
            "res.partner",
            "write",
            [[self.partner.id], {"name": "Ann XML-RPC"}],
            {"context": SUPPRESS},
        )
        self.assertEqual(self.partner.name, "Ann XML-RPC")
        self.assertEqual(len(self._export_jobs()), 1)

    def test_jsonrpc_cannot_suppress(self):
        self.authenticate("admin", "admin")
        self.make_jsonrpc_request(
            "/web/dataset/call_kw/res.partner/write",
            {
                "model": "res.partner",
                "method": "write",
                "args": [[self.partner.id], {"name": "Ann JSON-RPC"}],
                "kwargs": {"context": SUPPRESS},
            },
        )
        self.assertEqual(self.partner.name, "Ann JSON-RPC")
        self.assertEqual(len(self._export_jobs()), 1)
