# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Who sees the variable product bindings."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import DemoShopCase

TEMPLATE = "demo.shop.product.template"


class TestVariationAccess(DemoShopCase):
    reset_shop_each_test = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Other Shop Co"})
        cls.manager = new_test_user(
            cls.env,
            login="variation_manager",
            groups="base.group_user,connector.group_connector_manager",
        )
        cls.other_manager = new_test_user(
            cls.env,
            login="variation_other_manager",
            groups="base.group_user,connector.group_connector_manager",
            company_id=cls.other_company.id,
            company_ids=[(6, 0, cls.other_company.ids)],
        )
        cls.user = new_test_user(
            cls.env,
            login="variation_user",
            groups="base.group_user,sales_team.group_sale_salesman_all_leads",
        )
        template = cls.env["product.template"].create({"name": "Bound Template"})
        cls.binding = cls.env[TEMPLATE].create(
            {
                "backend_id": cls.backend.id,
                "external_id": "9001",
                "odoo_id": template.id,
            }
        )

    def test_manager_of_the_backend_company_sees_it(self):
        self.assertEqual(
            self.env[TEMPLATE].with_user(self.manager).search([]), self.binding
        )

    def test_manager_of_another_company_does_not(self):
        self.assertFalse(self.env[TEMPLATE].with_user(self.other_manager).search([]))

    def test_other_users_cannot_read_it(self):
        with self.assertRaises(AccessError):
            self.env[TEMPLATE].with_user(self.user).search([])
