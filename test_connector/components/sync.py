# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""A remote system kept in memory and the components of
``connector.sync.test.binding``: each one only names the framework's
component it inherits and the keys of the remote's records."""

from datetime import datetime, timedelta

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping
from odoo.addons.connector.exception import IDMissingInBackend
from odoo.addons.connector.retry import raise_remote_error


class SyncTestRemote:  # pylint: disable=method-required-super
    """Records ``{"id": int, "name": str, "modified": ISO date}`` in memory.

    ``failures`` holds error messages the next calls raise (a remote API
    answering 503); ``after_page`` is called after each listed page (a
    person editing the remote while a scan runs).
    """

    def __init__(self):
        self.reset()

    def reset(self):
        self.records = {}
        self.clock = datetime(2030, 1, 1)
        self.failures = []
        self.after_page = None
        self.listed_pages = 0
        self.reads = 0

    def tick(self):
        self.clock += timedelta(seconds=10)
        return self.clock.isoformat()

    def put(self, record_id, name):
        self.records[record_id] = {
            "id": record_id,
            "name": name,
            "modified": self.tick(),
        }
        return self.records[record_id]

    def check(self, env):
        if self.failures:
            raise_remote_error(env, RuntimeError(self.failures.pop(0)), jitter=False)

    def edit_in_the_same_second(self, record_id, name):
        """Change a record without moving its date: a second change made in
        the second of the first one (the remote's dates are to the second)."""
        self.records[record_id]["name"] = name
        return self.records[record_id]

    def page(self, since, offset, limit):
        records = sorted(
            (
                dict(record)
                for record in self.records.values()
                if not since or record["modified"] > since.isoformat()
            ),
            key=lambda record: (record["modified"], record["id"]),
        )
        page = records[offset : offset + limit]
        self.listed_pages += 1
        if self.after_page:
            self.after_page(self, page)
        return page


SYNC_REMOTE = SyncTestRemote()


class SyncTestAdapter(Component):
    # implements what base.backend.adapter.crud only declares
    # pylint: disable=method-required-super
    _name = "connector.sync.test.adapter"
    _inherit = "base.backend.adapter.crud"
    _collection = "test.backend"
    _apply_on = ["connector.sync.test.binding"]

    def read(self, external_id):
        SYNC_REMOTE.reads += 1
        SYNC_REMOTE.check(self.env)
        record = SYNC_REMOTE.records.get(int(external_id))
        if record is None:
            raise IDMissingInBackend(f"Sync test record {external_id} is gone.")
        return dict(record)

    def search_page(self, since, offset, limit):
        SYNC_REMOTE.check(self.env)
        return SYNC_REMOTE.page(since, offset, limit)

    def create(self, data):
        record_id = max(SYNC_REMOTE.records, default=0) + 1
        SYNC_REMOTE.put(record_id, data["name"])
        return str(record_id)

    def write(self, external_id, data):
        SYNC_REMOTE.check(self.env)
        record = SYNC_REMOTE.records[int(external_id)]
        record.update(data, modified=SYNC_REMOTE.tick())
        return dict(record)

    def delete(self, external_id):
        if SYNC_REMOTE.records.pop(int(external_id), None) is None:
            raise IDMissingInBackend(f"Sync test record {external_id} is gone.")


class SyncTestBinder(Component):
    _name = "connector.sync.test.binder"
    _inherit = "base.binder"
    _collection = "test.backend"
    _apply_on = ["connector.sync.test.binding"]


class SyncTestImportMapper(Component):
    _name = "connector.sync.test.import.mapper"
    _inherit = "base.import.mapper"
    _collection = "test.backend"
    _apply_on = ["connector.sync.test.binding"]

    direct = [("name", "name")]

    @mapping
    def backend_id(self, record):
        return {"backend_id": self.backend_record.id}

    @mapping
    def remote_date(self, record):
        return {"remote_date": datetime.fromisoformat(record["modified"])}


class SyncTestExportMapper(Component):
    _name = "connector.sync.test.export.mapper"
    _inherit = "base.export.mapper"
    _collection = "test.backend"
    _apply_on = ["connector.sync.test.binding"]

    direct = [("name", "name")]


class SyncTestRecordImporter(Component):
    _name = "connector.sync.test.record.importer"
    _inherit = "generic.record.importer"
    _collection = "test.backend"
    _apply_on = ["connector.sync.test.binding"]
    _remote_date_key = "modified"
    _remote_date_field = "remote_date"
    _remote_fingerprint_field = "remote_fingerprint"


class SyncTestBatchImporter(Component):
    _name = "connector.sync.test.batch.importer"
    _inherit = "generic.batch.importer"
    _collection = "test.backend"
    _apply_on = ["connector.sync.test.binding"]
    _remote_date_key = "modified"
    _page_size = 3
    _pages_per_job = 2
    _overlap_seconds = 0

    def _list_page(self, since, offset, limit, filters):
        return self.backend_adapter.search_page(since, offset, limit)


class SyncTestExporter(Component):
    _name = "connector.sync.test.exporter"
    _inherit = "generic.exporter"
    _collection = "test.backend"
    _usage = "record.exporter"
    _apply_on = ["connector.sync.test.binding"]
    _check_conflicts = True
    _remote_date_key = "modified"
    _remote_date_field = "remote_date"
    _remote_fingerprint_field = "remote_fingerprint"


class SyncTestDeleter(Component):
    _name = "connector.sync.test.deleter"
    _inherit = "generic.deleter"
    _collection = "test.backend"
    _apply_on = ["connector.sync.test.binding"]
