# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Components of the fixture, written against OCA's public API only."""

import itertools

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping, only_create


class BenchOcaBase(Component):
    _name = "bench.oca.base"
    _inherit = "base.connector"
    _collection = "bench.oca.backend"


class BenchOcaBinder(Component):
    _name = "bench.oca.binder"
    _inherit = ["bench.oca.base", "base.binder"]
    _apply_on = ["bench.oca.binding", "bench.oca.res.partner"]


class BenchOcaAdapter(Component):
    """An in-process remote: a dict of records, ids from a counter.

    ``create`` stores a copy of the values and returns a new id, ``write``
    updates the stored copy, ``read`` returns a copy: the work a remote
    would do, without network.
    """

    _name = "bench.oca.adapter"
    _inherit = ["bench.oca.base", "base.backend.adapter"]
    _usage = "backend.adapter"
    _apply_on = ["bench.oca.binding", "bench.oca.res.partner"]

    def _store(self):
        return self.work.remote

    def read(self, external_id):
        return dict(self._store()[external_id])

    def create(self, data):
        store = self._store()
        external_id = str(next(self.work.remote_ids))
        store[external_id] = dict(data, id=external_id)
        return external_id

    def write(self, external_id, data):
        self._store()[external_id].update(data)
        return True


class BenchOcaExportMapper(Component):
    _name = "bench.oca.export.mapper"
    _inherit = ["bench.oca.base", "base.export.mapper"]
    _apply_on = ["bench.oca.binding"]

    direct = [("name", "title"), ("ref", "sku")]

    @mapping
    def qty(self, record):
        return {"stock": record.qty}


class BenchOcaExporter(Component):
    _name = "bench.oca.exporter"
    _inherit = ["bench.oca.base", "generic.exporter"]
    _usage = "record.exporter"
    _apply_on = ["bench.oca.binding"]
    _default_binding_field = "bind_ids"


class BenchOcaImportMapper(Component):
    _name = "bench.oca.import.mapper"
    _inherit = ["bench.oca.base", "base.import.mapper"]
    _apply_on = ["bench.oca.binding"]

    direct = [("title", "name"), ("sku", "ref")]

    @mapping
    def qty(self, record):
        return {"qty": int(record["stock"])}

    @only_create
    @mapping
    def backend_id(self, record):
        return {"backend_id": self.backend_record.id}


class BenchOcaImporter(Component):
    """Read, map, create or write, bind: the steps of a record import."""

    _name = "bench.oca.importer"
    _inherit = ["bench.oca.base", "base.importer"]
    _usage = "record.importer"
    _apply_on = ["bench.oca.binding", "bench.oca.res.partner"]

    def run(self, external_id):
        remote = self.backend_adapter.read(external_id)
        binding = self.binder.to_internal(external_id)
        map_record = self.mapper.map_record(remote)
        if binding:
            binding.with_context(connector_no_export=True).write(map_record.values())
        else:
            binding = self.model.with_context(connector_no_export=True).create(
                map_record.values(for_create=True)
            )
        self.binder.bind(external_id, binding)
        return binding


class BenchOcaAddressMapper(Component):
    _name = "bench.oca.address.mapper"
    _inherit = ["bench.oca.base", "base.import.mapper"]

    direct = [("street", "street"), ("city", "city"), ("zip", "zip")]

    @mapping
    def name(self, record):
        return {"name": record["name"], "type": "delivery"}


class BenchOcaAddressMapChild(Component):
    _name = "bench.oca.address.map.child"
    _inherit = ["bench.oca.base", "base.map.child.import"]
    _apply_on = "res.partner"

    def _child_mapper(self):
        return self.component_by_name("bench.oca.address.mapper")


class BenchOcaPartnerMapper(Component):
    """A partner with two addresses: 6 direct mappings, 3 methods, children."""

    _name = "bench.oca.partner.mapper"
    _inherit = ["bench.oca.base", "base.import.mapper"]
    _apply_on = "res.partner"

    direct = [
        ("email", "email"),
        ("phone", "phone"),
        ("street", "street"),
        ("city", "city"),
        ("zip", "zip"),
        ("website", "website"),
    ]
    children = [("addresses", "child_ids", "res.partner")]

    @mapping
    def name(self, record):
        return {"name": f"{record['first_name']} {record['last_name']}"}

    @only_create
    @mapping
    def company_type(self, record):
        return {"company_type": "person"}

    @mapping
    def lang(self, record):
        return {"lang": "en_US"}


class BenchOcaPartnerMapperFlat(Component):
    _name = "bench.oca.partner.mapper.flat"
    _inherit = "bench.oca.partner.mapper"
    _apply_on = "res.users"  # apart from the first one in lookups

    children = []


class BenchOcaPartnerBindingMapper(Component):
    _name = "bench.oca.partner.binding.mapper"
    _inherit = "bench.oca.partner.mapper"
    _apply_on = "bench.oca.res.partner"

    @only_create
    @mapping
    def backend_id(self, record):
        return {"backend_id": self.backend_record.id}


def remote_ids(start=1):
    """The id counter of the in-process remote (``work.remote_ids``)."""
    return itertools.count(start)
