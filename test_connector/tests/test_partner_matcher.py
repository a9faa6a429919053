# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""connector.partner.matcher: the partners a connector may propose for a
remote customer (never a user's, a company's or the Odoo company's)."""

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPartnerMatcher(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.backend = cls.env["test.backend"].create({"name": "Match Remote"})

    def _candidates(self, email):
        with self.backend.work_on("connector.sync.test.binding") as work:
            return work.component(usage="partner.matcher").find_candidates(email)

    def _partner(self, **values):
        return self.env["res.partner"].create(dict({"name": "P"}, **values))

    def test_plain_partner_is_a_candidate(self):
        """A person's partner with the e-mail (any case, spaces) is proposed."""
        partner = self._partner(email="erin@example.com")
        self.assertEqual(self._candidates("  ERIN@example.com "), partner)

    def test_users_partners_are_never_candidates(self):
        """Internal, portal and archived users' partners are protected."""
        admin = self.env.ref("base.user_admin")
        admin.email = "boss@example.com"
        self.assertFalse(self._candidates("boss@example.com"))
        portal = self.env["res.users"].create(
            {
                "name": "Portal",
                "login": "portal-match",
                "email": "portal@example.com",
                "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        self.assertFalse(self._candidates("portal@example.com"))
        portal.active = False
        self.assertFalse(self._candidates("portal@example.com"))

    def test_companies_are_never_candidates(self):
        """Companies, the Odoo company's partner and its contacts are protected."""
        self._partner(email="co@example.com", is_company=True)
        self.assertFalse(self._candidates("co@example.com"))
        own = self.env.company.partner_id
        own.email = "own@example.com"
        self.assertFalse(self._candidates("own@example.com"))
        self._partner(email="staff@example.com", parent_id=own.id)
        self.assertFalse(self._candidates("staff@example.com"))

    def test_ambiguous_or_empty_email_proposes_nothing(self):
        """Two partners with the e-mail, or no e-mail: no candidate."""
        self._partner(email="twice@example.com")
        self._partner(email="twice@example.com")
        self.assertFalse(self._candidates("twice@example.com"))
        self.assertFalse(self._candidates(""))
        self.assertFalse(self._candidates("not-an-email"))


@tagged("post_install", "-at_install")
class TestPartnerMatchCompany(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Match Company B"})
        groups = "base.group_user,connector.group_connector_manager"
        cls.manager_a = new_test_user(
            cls.env,
            login="match_manager_a",
            groups=groups,
            company_id=cls.env.company.id,
            company_ids=[(6, 0, cls.env.company.ids)],
        )
        cls.manager_b = new_test_user(
            cls.env,
            login="match_manager_b",
            groups=groups,
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
        )
        backend = cls.env["test.backend"].create(
            {"name": "A", "company_id": cls.env.company.id}
        )
        cls.match = (
            cls.env["connector.partner.match"]
            .sudo()
            .create(
                {
                    "backend_id": f"{backend._name},{backend.id}",
                    "binding_model": "connector.sync.test.binding",
                    "binding_id": 1,
                    "external_id": "1",
                    "partner_id": cls.env["res.partner"].create({"name": "M"}).id,
                }
            )
        )

    def test_match_takes_its_backend_company(self):
        """A manager of the backend's company sees the match, another does not."""
        self.assertEqual(self.match.company_id, self.env.company)
        Match = self.env["connector.partner.match"]
        self.assertEqual(Match.with_user(self.manager_a).search([]), self.match)
        self.assertFalse(Match.with_user(self.manager_b).search([]))
        with self.assertRaises(AccessError):
            self.match.with_user(self.manager_b).action_refuse()
        self.assertEqual(self.match.state, "pending")
