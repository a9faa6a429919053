# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import AddressBookCase


# [test-security]
class TestSecurity(AddressBookCase):
    def test_other_company_does_not_see_the_backend(self):
        """A connector manager of another company sees neither the backend
        nor its bindings."""
        ada = self.remote.call("POST", "/contacts", json={"name": "Ada"})
        self.import_contact(ada["id"])
        other = self.env["res.company"].create({"name": "Other Company"})
        manager = new_test_user(
            self.env,
            "other_manager",
            groups="base.group_user,connector.group_connector_manager",
            company_id=other.id,
            company_ids=[other.id],
        )
        self.assertFalse(self.env["address.book.backend"].with_user(manager).search([]))
        self.assertFalse(self.Binding.with_user(manager).search([]))

    def test_only_connector_managers_read_the_token(self):
        """An internal user may read bindings, never the backend's token."""
        user = new_test_user(self.env, "plain_user", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.backend.with_user(user).read(["token"])


# [/test-security]
