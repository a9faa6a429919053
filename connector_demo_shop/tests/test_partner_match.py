# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""A shop customer is never bound to an existing partner by e-mail alone:
the shop's e-mails are not verified. A plain partner with the same e-mail is
proposed to a person (a checkpoint on a ``connector.partner.match``); users'
and companies' partners are never proposed."""

from odoo.exceptions import AccessError, UserError

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import DemoShopCase

MODEL = "demo.shop.res.partner"


class TestPartnerMatch(DemoShopCase):
    def setUp(self):
        super().setUp()
        self.customer = self.shop_get("/customers", orderby="id", per_page=1)[0]
        self.customer_id = self.customer["id"]

    def _register_with(self, email):
        """The shop customer now claims ``email`` (nothing verifies it)."""
        self.shop_put(f"/customers/{self.customer_id}", {"email": email})

    def _matches(self, partner):
        return self.env["connector.partner.match"].search(
            [("partner_id", "=", partner.id)]
        )

    def _assert_not_bound_nor_changed(self, partner, name, email):
        self.import_record(MODEL, self.customer_id)
        binding = self.binding(MODEL, self.customer_id)
        self.assertTrue(binding)
        self.assertNotEqual(binding.odoo_id, partner)
        self.assertFalse(self._matches(partner), "a protected partner was proposed")
        # the shop customer changes its name and e-mail, then is imported again
        self.shop_put(
            f"/customers/{self.customer_id}",
            {
                "first_name": "Mallory",
                "last_name": "Owned",
                "email": "mallory@attacker.example",
            },
        )
        self.import_record(MODEL, self.customer_id, force=True)
        partner.invalidate_recordset()
        self.assertEqual(partner.name, name)
        self.assertEqual(partner.email, email)
        self.assertEqual(binding.odoo_id.email, "mallory@attacker.example")
        return binding

    def test_admin_partner_is_never_bound(self):
        """The admin's e-mail in the shop neither binds nor renames the admin."""
        admin = self.env.ref("base.user_admin")
        admin.email = "admin@odoo-shop.example"
        name = admin.partner_id.name
        self._register_with("ADMIN@odoo-shop.example")
        self._assert_not_bound_nor_changed(
            admin.partner_id, name, "admin@odoo-shop.example"
        )
        admin.invalidate_recordset()
        self.assertEqual(admin.email, "admin@odoo-shop.example")
        self.assertEqual(admin.name, name)

    def test_archived_and_portal_users_partners_are_never_bound(self):
        """Partners of portal users and of archived users are protected too."""
        portal = self.env["res.users"].create(
            {
                "name": "Portal Paula",
                "login": "paula@portal.example",
                "email": "paula@portal.example",
                "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        self._register_with("paula@portal.example")
        self._assert_not_bound_nor_changed(
            portal.partner_id, "Portal Paula", "paula@portal.example"
        )
        archived = self.env["res.users"].create(
            {"name": "Old Oscar", "login": "oscar", "email": "oscar@old.example"}
        )
        archived.active = False
        matcher_partners = self._candidates("oscar@old.example")
        self.assertFalse(matcher_partners)

    def _candidates(self, email):
        with self.backend.work_on(MODEL) as work:
            return work.component(usage="partner.matcher").find_candidates(email)

    def test_company_partners_are_never_bound(self):
        """A company, the Odoo company's partner and its contacts are protected."""
        company = self.env["res.partner"].create(
            {"name": "Acme Corp", "is_company": True, "email": "sales@acme.example"}
        )
        self._register_with("sales@acme.example")
        self._assert_not_bound_nor_changed(company, "Acme Corp", "sales@acme.example")
        own = self.env.company.partner_id
        own.email = "info@own-company.example"
        self.assertFalse(self._candidates("info@own-company.example"))

    def _propose(self):
        partner = self.env["res.partner"].create(
            {"name": "Existing Erin", "email": "erin@example.com"}
        )
        self._register_with("Erin@Example.com")
        self.import_record(MODEL, self.customer_id)
        binding = self.binding(MODEL, self.customer_id)
        match = self._matches(partner)
        self.assertEqual(len(match), 1)
        self.assertEqual(match.state, "pending")
        self.assertEqual(match.created_partner_id, binding.odoo_id)
        self.assertNotEqual(binding.odoo_id, partner)
        checkpoint = self.env["connector.checkpoint"].search(
            [("model_name", "=", match._name), ("record_id", "=", match.id)]
        )
        self.assertEqual(checkpoint.state, "need_review")
        # the checkpoint says why it was opened, what was left alone and what to do
        self.assertIn("erin@example.com", checkpoint.reason)
        self.assertIn("left unchanged", checkpoint.reason)
        self.assertIn("Same Person", checkpoint.reason)
        # before the review a new import never touches the proposed partner
        self.shop_put(
            f"/customers/{self.customer_id}",
            {"first_name": "Mallory", "last_name": "Owned"},
        )
        self.import_record(MODEL, self.customer_id, force=True)
        self.assertEqual(partner.name, "Existing Erin")
        return partner, binding, match, checkpoint

    def test_accepted_match_binds_and_updates(self):
        """Accepting binds the proposed partner, moves what the new partner
        had onto it and re-imports the customer onto it."""
        partner, binding, match, checkpoint = self._propose()
        created = binding.odoo_id
        order = self.env["sale.order"].create({"partner_id": created.id})
        with trap_jobs() as trap:
            match.action_accept()
            trap.assert_jobs_count(1)
            trap.perform_enqueued_jobs()
        self.assertEqual(match.state, "accepted")
        self.assertEqual(checkpoint.state, "reviewed")
        self.assertEqual(binding.odoo_id, partner)
        self.assertEqual(order.partner_id, partner)
        self.assertFalse(created.exists())
        self.assertEqual(partner.name, "Mallory Owned")

    def test_refused_match_keeps_the_new_partner(self):
        """Refusing keeps the customer on its own new partner."""
        partner, binding, match, checkpoint = self._propose()
        created = binding.odoo_id
        match.action_refuse()
        self.assertEqual(match.state, "refused")
        self.assertEqual(checkpoint.state, "reviewed")
        self.assertEqual(binding.odoo_id, created)
        self.assertEqual(partner.name, "Existing Erin")
        with self.assertRaises(UserError):
            match.action_accept()

    def test_partner_that_became_a_user_cannot_be_accepted(self):
        """A proposed partner given a user before the review is refused."""
        partner, binding, match, _checkpoint = self._propose()
        self.env["res.users"].create(
            {"name": "Erin", "login": "erin", "partner_id": partner.id}
        )
        with self.assertRaises(UserError):
            match.action_accept()
        self.assertNotEqual(binding.odoo_id, partner)

    def test_only_connector_managers_review(self):
        """An internal user can neither accept nor refuse a match."""
        partner, binding, match, _checkpoint = self._propose()
        user = self.env["res.users"].create(
            {
                "name": "Internal Ivy",
                "login": "ivy",
                "group_ids": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        for action in ("action_accept", "action_refuse"):
            with self.assertRaises(AccessError):
                getattr(match.with_user(user), action)()
        self.assertEqual(match.state, "pending")
        self.assertNotEqual(binding.odoo_id, partner)

    def test_new_partner_given_a_user_cannot_be_merged(self):
        """A new partner given a (portal) user before the review is not merged:
        the user would become the proposed partner's."""
        _partner, binding, match, _checkpoint = self._propose()
        created = binding.odoo_id
        self.env["res.users"].create(
            {
                "name": "Shop Portal",
                "login": "shop-portal",
                "partner_id": created.id,
                "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        with self.assertRaises(UserError):
            match.action_accept()
        self.assertEqual(binding.odoo_id, created)
        self.assertEqual(match.state, "pending")
