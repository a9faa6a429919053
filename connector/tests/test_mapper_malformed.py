# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Malformed external records: MappingError naming mapper, field and id; no write."""

from odoo.addons.component.core import Component

from ..components.mapper import convert, mapping
from ..exception import MappingError
from .common_components import ConnectorRegistryCase


class TestMapperMalformed(ConnectorRegistryCase):
    def setUp(self):
        super().setUp()

        class PartnerMapper(Component):
            _name = "malformed.partner.mapper"
            _inherit = "base.import.mapper"
            _apply_on = "res.partner"

            direct = [
                ("email", "email"),
                (convert("credit", float), "partner_latitude"),
            ]

            @mapping
            def name(self, record):
                return {"name": record["first_name"] + " " + record["last_name"]}

        class PartnerImporter(Component):
            _name = "malformed.partner.importer"
            _inherit = "base.importer"
            _apply_on = "res.partner"

            def run(self, record):
                values = self.mapper.map_record(record).values(for_create=True)
                return self.model.create(values)

        self._build_components(PartnerMapper, PartnerImporter)
        self.importer = self.work.component(usage="importer")
        self.partners = self.env["res.partner"].search_count([])

    def _assert_mapping_error(self, record, *fragments):
        with self.assertRaises(MappingError) as raised:
            self.importer.run(record)
        message = str(raised.exception)
        self.assertIn("malformed.partner.mapper", message)
        for fragment in fragments:
            self.assertIn(fragment, message)
        # nothing written
        self.assertEqual(self.env["res.partner"].search_count([]), self.partners)
        return raised.exception

    def test_well_formed(self):
        """The well-formed record is imported (the importer itself works)."""
        partner = self.importer.run(
            {
                "id": 1,
                "first_name": "Ada",
                "last_name": "L",
                "email": "a@x",
                "credit": "5",
            }
        )
        self.assertEqual((partner.name, partner.partner_latitude), ("Ada L", 5.0))

    def test_missing_key_in_mapping_method(self):
        """A key missing for a mapping method names the method and the external id."""
        error = self._assert_mapping_error(
            {"id": "P-42", "first_name": "Ada", "credit": "1"},
            "name()",
            "'P-42'",
            "last_name",
        )
        self.assertIsInstance(error.__cause__, KeyError)

    def test_wrong_type(self):
        """A value of the wrong type names the field, the value and the external id."""
        self._assert_mapping_error(
            {"id": 9, "first_name": "A", "last_name": "B", "credit": "lots"},
            "'credit'",
            "'lots'",
            "9",
        )
        self._assert_mapping_error(
            {"id": 9, "first_name": None, "last_name": "B", "credit": "1"},
            "name()",
            "9",
        )

    def test_none_record(self):
        """None (or a list) instead of a dict: MappingError naming the field."""
        self._assert_mapping_error(None, "'email'", "None")
        self._assert_mapping_error(["email", "a@x"], "'email'")
