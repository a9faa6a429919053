# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""A fake remote system and the components that talk to it, for the
synchronizer tests (components declared in tests are never collected: the
tests build them in their own registry)."""

from odoo import api
from odoo.modules.registry import Registry
from odoo.tests import common

from odoo.addons.component.core import Component
from odoo.addons.component.tests.common import TransactionComponentRegistryCase
from odoo.addons.connector.components.mapper import m2o_to_external, mapping


class FakeRemote:  # pylint: disable=method-required-super
    """Records kept in memory; counts the calls of the adapter."""

    def __init__(self):
        self.records = {}
        self.creates = []
        self.writes = []
        self.deletes = []

    def create(self, data):
        external_id = f"R{len(self.creates) + 1}"
        self.creates.append(external_id)
        self.records[external_id] = dict(data)
        return external_id

    def write(self, external_id, data):
        self.writes.append(external_id)
        self.records[external_id].update(data)


class FakeAdapter(Component):
    # implements the CRUD methods that base.backend.adapter.crud only declares
    # pylint: disable=method-required-super
    _name = "test.fake.adapter"
    _inherit = "base.backend.adapter.crud"
    _collection = "test.backend"
    _apply_on = ["connector.test.binding"]

    def create(self, data):
        return self.work.remote.create(data)

    def write(self, external_id, data):
        return self.work.remote.write(external_id, data)

    def read(self, external_id):
        return dict(self.work.remote.records[external_id], id=external_id)

    def delete(self, external_id):
        self.work.remote.deletes.append(external_id)
        del self.work.remote.records[external_id]


class BindingExportMapper(Component):
    _name = "test.binding.export.mapper"
    _inherit = "base.export.mapper"
    _collection = "test.backend"
    _apply_on = ["connector.test.binding"]

    direct = [
        ("name", "name"),
        (m2o_to_external("parent_id", binding="connector.test.binding"), "parent"),
    ]


class BindingImportMapper(Component):
    _name = "test.binding.import.mapper"
    _inherit = "base.import.mapper"
    _collection = "test.backend"
    _apply_on = ["connector.test.binding"]

    direct = [("name", "name")]

    @mapping
    def backend_id(self, record):
        return {"backend_id": self.backend_record.id}


class BindingExporter(Component):
    _name = "test.binding.exporter"
    _inherit = "generic.exporter"
    _collection = "test.backend"
    _usage = "record.exporter"
    _apply_on = ["connector.test.binding"]
    _default_binding_field = "bind_ids"

    def _export_dependencies(self):
        self._export_dependency(self.binding.parent_id, "connector.test.binding")


class BindingImporter(Component):
    _name = "test.binding.importer"
    _inherit = "base.importer"
    _collection = "test.backend"
    _usage = "record.importer"
    _apply_on = ["connector.test.binding"]

    def run(self, external_id):
        self._lock_external_id(external_id)
        data = self.backend_adapter.read(external_id)
        binding = self.binder.to_internal(external_id)
        if binding:
            binding.write(self.mapper.map_record(data).values())
        else:
            values = self.mapper.map_record(data).values(for_create=True)
            with self._retry_unique_violation():
                binding = self.model.with_context(connector_no_export=True).create(
                    values
                )
        self.binder.bind(external_id, binding)
        return binding


class SynchronizerCase(TransactionComponentRegistryCase):
    """Registry with the connector's and the fake remote's components, a
    backend, and helpers for tests needing committed data and real cursors."""

    fake_components = (
        FakeAdapter,
        BindingExportMapper,
        BindingImportMapper,
        BindingExporter,
        BindingImporter,
    )

    def setUp(self):
        super().setUp()
        self._setup_registry(self)
        self.comp_registry.load_components("component_event")
        self.comp_registry.load_components("connector")
        self.comp_registry.load_components("test_connector")
        self._build_components(*self.fake_components)
        self.remote = FakeRemote()
        self.backend = self.env["test.backend"].create({"name": "Fake Remote"})
        self.registry2 = Registry(common.get_db_name())
        self._forget_pending_after_test()

    def tearDown(self):
        self._teardown_registry(self)
        super().tearDown()

    def _work(self, backend=None, model_name="connector.test.binding"):
        backend = backend or self.backend
        with backend.work_on(model_name, remote=self.remote) as work:
            return work

    def _binding(self, name, parent=None, env=None, backend=None, **values):
        env = env or self.env
        record = env["connector.test.record"].create(
            {"name": name, "parent_id": parent.odoo_id.id if parent else False}
        )
        return env["connector.test.binding"].create(
            dict(
                {"backend_id": (backend or self.backend).id, "odoo_id": record.id},
                **values,
            )
        )

    # committed data ---------------------------------------------------------

    def _side_env(self):
        """A superuser env on a new cursor, closed (rolled back) after the test."""
        cr = self.registry2.cursor()
        env = api.Environment(
            cr, api.SUPERUSER_ID, {"components_registry": self.comp_registry}
        )

        def close():
            env.transaction.reset()
            cr.rollback()
            cr.close()

        self.addCleanup(close)
        return env

    def _forget_pending_after_test(self):
        # the exporter commits pending external ids from its own cursor: the
        # test transaction's rollback does not remove them
        with self.registry2.cursor() as cr:
            cr.execute("SELECT COALESCE(MAX(id), 0) FROM connector_pending_binding")
            last_id = cr.fetchone()[0]

        def forget():
            with self.registry2.cursor() as cr:
                cr.execute(
                    "DELETE FROM connector_pending_binding WHERE id > %s", (last_id,)
                )

        self.addCleanup(forget)

    def _pending_rows(self):
        """Committed pending external ids, as (lookup_key, external_id)."""
        with self.registry2.cursor() as cr:
            cr.execute(
                "SELECT lookup_key, external_id FROM connector_pending_binding "
                "WHERE res_model = 'connector.test.binding' ORDER BY id"
            )
            return cr.fetchall()

    def _commit_records(self, builder):
        """Create records with ``builder(env)`` in a committed transaction and
        delete them after the test; return their (model, ids) list."""
        with self.registry2.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"connector_no_export": True})
            created = builder(env)
            refs = [(record._name, record.ids) for record in created]

        def delete():
            with self.registry2.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                for model, ids in reversed(refs):
                    env[model].browse(ids).exists().unlink()

        self.addCleanup(delete)
        return refs
