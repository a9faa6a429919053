# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""base.deleter: a deleter built on it reaches its adapter and binder."""

from .fake_remote import SynchronizerCase


class TestDeleter(SynchronizerCase):
    def test_delete(self):
        """The deleter deletes the remote record and its binding."""
        binding = self._binding("To delete")
        record = binding.odoo_id
        self._work().component(usage="record.exporter").run(binding)
        deleter = self._work().component(usage="deleter")
        self.assertEqual(deleter._name, "test.binding.deleter")
        # memoised components
        self.assertIs(deleter.backend_adapter, deleter.backend_adapter)
        self.assertIs(deleter.binder, deleter.binder)
        deleter.run("R1")
        self.assertEqual(self.remote.deletes, ["R1"])
        self.assertNotIn("R1", self.remote.records)
        self.assertFalse(binding.exists())
        self.assertTrue(record.exists(), "only the binding is deleted")

    def test_deleter_without_run(self):
        """A deleter that does not implement run() says so."""
        deleter = self._work().component_by_name("base.deleter")
        with self.assertRaises(NotImplementedError):
            deleter.run()
