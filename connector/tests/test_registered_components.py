# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""The connector's components: names, inheritance, usages, order."""

from odoo.addons.component.core import WorkContext
from odoo.addons.component.exception import NoComponentError

from ..exception import (
    ConnectorException,
    IDMissingInBackend,
    InvalidDataError,
    JobError,
    ManyIDSInBackend,
    MappingError,
    NetworkRetryableError,
    NoConnectorUnitError,
    NoExternalId,
    RetryableJobError,
)
from .common_components import ConnectorRegistryCase

# name: (abstract, usage, names it inherits)
EXPECTED = {
    "base.connector": (True, None, ["base"]),
    "base.backend.adapter": (True, "backend.adapter", ["base.connector"]),
    "base.backend.adapter.crud": (True, "backend.adapter", ["base.backend.adapter"]),
    "base.binder": (True, "binder", ["base.connector"]),
    "base.map.child": (True, None, ["base.connector"]),
    "base.map.child.import": (True, "import.map.child", ["base.map.child"]),
    "base.map.child.export": (True, "export.map.child", ["base.map.child"]),
    "base.mapper": (True, "mapper", ["base.connector"]),
    "base.import.mapper": (True, "import.mapper", ["base.mapper"]),
    "base.binding.import.mapper": (True, "import.mapper", ["base.import.mapper"]),
    "base.export.mapper": (True, "export.mapper", ["base.mapper"]),
    "base.connector.listener": (
        True,
        "event.listener",
        ["base.connector", "base.event.listener"],
    ),
    "base.connector.export.listener": (
        True,
        "event.listener",
        ["base.connector.listener"],
    ),
    "base.record.locker": (False, "record.locker", ["base.connector"]),
    "base.synchronizer": (True, None, ["base.connector"]),
    "base.exporter": (True, "exporter", ["base.synchronizer"]),
    "generic.exporter": (True, "exporter", ["base.exporter"]),
    "base.importer": (True, "importer", ["base.synchronizer"]),
    "base.deleter": (True, "deleter", ["base.synchronizer"]),
    "generic.record.importer": (True, "record.importer", ["base.importer"]),
    "generic.batch.importer": (True, "batch.importer", ["base.importer"]),
    "base.backend.adapter.rest": (
        True,
        "backend.adapter",
        ["base.backend.adapter.crud"],
    ),
    "generic.deleter": (True, "record.exporter.deleter", ["base.deleter"]),
}


class TestRegisteredComponents(ConnectorRegistryCase):
    def test_components(self):
        """Each component exists in import order, with abstract flag, usage, parents."""
        names = [name for name in self.comp_registry if name in EXPECTED]
        self.assertEqual(names, list(EXPECTED))
        for name, (abstract, usage, parents) in EXPECTED.items():
            component = self.comp_registry[name]
            self.assertEqual(component._abstract, abstract, name)
            self.assertEqual(component._usage, usage, name)
            self.assertIsNone(component._collection, name)
            self.assertIsNone(component._apply_on, name)
            for parent in parents:
                self.assertTrue(issubclass(component, self.comp_registry[parent]), name)

    def test_backend_record_and_binder_for(self):
        """backend_record is the collection; binder_for() looks up usage 'binder'."""
        work = WorkContext(
            model_name="res.partner",
            collection=self.backend,
            components_registry=self.comp_registry,
        )
        connector = work.component_by_name("base.connector")
        self.assertIs(connector.backend_record, self.backend)
        self.assertIs(connector.backend_record, connector.collection)
        # base.binder is abstract: with no concrete binder, the lookup fails
        with self.assertRaises(NoComponentError):
            connector.binder_for("res.partner")

    def test_crud_adapter_not_implemented(self):
        """The CRUD adapter's methods raise NotImplementedError until implemented."""
        adapter = self.work.component_by_name("base.backend.adapter.crud")
        for method in ("search", "read", "search_read", "create", "write", "delete"):
            with self.assertRaises(NotImplementedError, msg=method):
                getattr(adapter, method)(1)

    def test_exception_tree(self):
        """The exceptions keep OCA's tree; retryable ones are queue_job's."""
        for exception in (NoConnectorUnitError, InvalidDataError, MappingError):
            self.assertTrue(issubclass(exception, ConnectorException))
        for exception in (NetworkRetryableError, NoExternalId):
            self.assertTrue(issubclass(exception, RetryableJobError))
        for exception in (IDMissingInBackend, ManyIDSInBackend, RetryableJobError):
            self.assertTrue(issubclass(exception, JobError))
        error = NetworkRetryableError("down", seconds=30)
        self.assertEqual((error.seconds, error.ignore_retry), (30, False))
