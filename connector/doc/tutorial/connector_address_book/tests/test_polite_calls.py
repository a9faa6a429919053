# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# This addon lives in connector's doc folder, not in connector: pylint-odoo
# mistakes its imports of connector for imports of its own module.
# pylint: disable=odoo-addons-relative-import
from odoo.addons.connector.exception import RetryableJobError

from .common import TOKEN, AddressBookCase


# [test-polite-calls]
class TestPoliteCalls(AddressBookCase):
    def _limited_backend(self, max_wait):
        """A backend allowed one call a minute (a backend of its own: the
        calls are counted in their own transaction, shared by workers)."""
        return self.env["address.book.backend"].create(
            {
                "name": "Limited book",
                "location": self.remote.url,
                "token": TOKEN,
                "rate_limit_calls": 1,
                "rate_limit_period": 60,
                "rate_limit_max_wait": max_wait,
            }
        )

    def test_call_beyond_the_rate_is_postponed(self):
        """A job finding no free call is postponed, without using one of its
        tries, and before it calls the remote."""
        backend = self._limited_backend(max_wait=0)
        ada = self.remote.call("POST", "/contacts", json={"name": "Ada"})
        bob = self.remote.call("POST", "/contacts", json={"name": "Bob"})
        self.Binding.import_record(backend, str(ada["id"]))
        with self.assertRaises(RetryableJobError) as caught:
            self.Binding.import_record(backend, str(bob["id"]))
        self.assertTrue(caught.exception.ignore_retry)
        self.assertGreater(caught.exception.seconds, 0)
        self.assertFalse(self.Binding.search([("external_id", "=", str(bob["id"]))]))


# [/test-polite-calls]
