# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Mapper modifiers with False, 0, None and missing values."""

from odoo.addons.component.core import Component

from ..components.mapper import (
    convert,
    external_to_m2o,
    follow_m2o_relations,
    m2o_to_external,
    none,
)
from ..exception import MappingError
from .common_components import ConnectorRegistryCase


class TestImportModifiers(ConnectorRegistryCase):
    def _import_mapper(self, direct):
        class MyMapper(Component):
            _name = "my.import.mapper"
            _inherit = "base.import.mapper"
            _apply_on = "res.partner"

        MyMapper.direct = direct
        return self._mapper(MyMapper)

    def _values(self, mapper, record, **options):
        return mapper.map_record(record).values(**options)

    def test_plain_direct_falsy_and_missing(self):
        """A plain import source gives False for 0, None, "" and a missing key."""
        mapper = self._import_mapper([("ref", "ref")])
        for record in ({"ref": 0}, {"ref": None}, {"ref": ""}, {"ref": False}, {}):
            self.assertEqual(self._values(mapper, record), {"ref": False}, record)
        self.assertEqual(self._values(mapper, {"ref": "R1"}), {"ref": "R1"})

    def test_convert_falsy_values(self):
        """convert() gives False for 0, None, "" and False without calling the type."""
        mapper = self._import_mapper([(convert("amount", float), "credit_limit")])
        for value in (0, None, "", False):
            self.assertEqual(
                self._values(mapper, {"amount": value}), {"credit_limit": False}, value
            )
        self.assertEqual(self._values(mapper, {"amount": "0"}), {"credit_limit": 0.0})
        self.assertEqual(
            self._values(mapper, {"amount": "12.5"}), {"credit_limit": 12.5}
        )

    def test_convert_missing_key(self):
        """convert() of a missing key: MappingError naming mapper, field, record."""
        mapper = self._import_mapper([(convert("amount", float), "credit_limit")])
        with self.assertRaises(MappingError) as raised:
            self._values(mapper, {"id": 77, "name": "no amount"})
        message = str(raised.exception)
        self.assertIn("my.import.mapper", message)
        self.assertIn("amount", message)
        self.assertIn("77", message)
        self.assertIsInstance(raised.exception.__cause__, KeyError)

    def test_convert_wrong_type(self):
        """convert() of a bad value: MappingError naming field and value."""
        mapper = self._import_mapper([(convert("amount", float), "credit_limit")])
        with self.assertRaises(MappingError) as raised:
            self._values(mapper, {"id": "C-9", "amount": "12,50 EUR"})
        message = str(raised.exception)
        self.assertIn("my.import.mapper", message)
        self.assertIn("'amount'", message)
        self.assertIn("'12,50 EUR'", message)
        self.assertIn("'C-9'", message)
        with self.assertRaises(MappingError):
            self._values(mapper, {"id": "C-9", "amount": ["12"]})

    def test_none_falsy_values(self):
        """none() gives None for 0, "", False and None, and keeps other values."""
        mapper = self._import_mapper([(none("phone"), "phone")])
        for value in (0, "", False, None):
            self.assertEqual(
                self._values(mapper, {"phone": value}), {"phone": None}, value
            )
        self.assertEqual(self._values(mapper, {"phone": "+41"}), {"phone": "+41"})
        with self.assertRaises(MappingError):
            self._values(mapper, {"id": 1})

    def test_none_of_convert(self):
        """none(convert()) gives None for "0.0" (0.0), the float otherwise."""
        mapper = self._import_mapper([(none(convert("amount", float)), "credit_limit")])
        self.assertEqual(
            self._values(mapper, {"amount": "0.0"}), {"credit_limit": None}
        )
        self.assertEqual(self._values(mapper, {"amount": "3"}), {"credit_limit": 3.0})

    def test_external_to_m2o_falsy_values(self):
        """external_to_m2o() gives False for False, 0, None, "" without binder."""
        binder = self._register_mock_binder("res.country")
        mapper = self._import_mapper([(external_to_m2o("country"), "country_id")])
        for value in (False, 0, None, ""):
            self.assertEqual(
                self._values(mapper, {"country": value}), {"country_id": False}, value
            )
        binder.to_internal.assert_not_called()

    def test_external_to_m2o_unknown(self):
        """external_to_m2o() of an unknown external id raises MappingError."""
        binder = self._register_mock_binder("res.country")
        binder.to_internal.return_value = self.env["res.country"]
        mapper = self._import_mapper([(external_to_m2o("country"), "country_id")])
        with self.assertRaises(MappingError) as raised:
            self._values(mapper, {"country": "XX"})
        self.assertEqual(
            str(raised.exception),
            "Can not find an existing res.country for external record XX "
            "without unwrapping",
        )

    def test_external_to_m2o_binding_unwraps(self):
        """external_to_m2o(binding=...) asks the binding's binder to unwrap."""
        binder = self._register_mock_binder("res.country.group")
        switzerland = self.env.ref("base.ch")
        binder.to_internal.return_value = switzerland
        mapper = self._import_mapper(
            [(external_to_m2o("country", binding="res.country.group"), "country_id")]
        )
        self.assertEqual(
            self._values(mapper, {"country": 41}), {"country_id": switzerland.id}
        )
        binder.to_internal.assert_called_once_with(41, unwrap=True)

    def test_external_to_m2o_not_many2one(self):
        """external_to_m2o() on a target that is not a many2one raises ValueError."""
        self._register_mock_binder("res.country")
        mapper = self._import_mapper([(external_to_m2o("country"), "name")])
        with self.assertRaisesRegex(ValueError, "The column name should be a Many2one"):
            self._values(mapper, {"country": 41})

    def test_plain_direct_many2one_uses_binder(self):
        """A plain source mapped on a many2one is resolved through the binder."""
        binder = self._register_mock_binder("res.country")
        switzerland = self.env.ref("base.ch")
        binder.to_internal.return_value = switzerland
        mapper = self._import_mapper([("country", "country_id")])
        self.assertEqual(
            self._values(mapper, {"country": 41}), {"country_id": switzerland.id}
        )
        self.assertEqual(self._values(mapper, {"country": 0}), {"country_id": False})
        binder.to_internal.assert_called_once_with(41, unwrap=False)


class TestExportModifiers(ConnectorRegistryCase):
    def _export_mapper(self, direct):
        class MyMapper(Component):
            _name = "my.export.mapper"
            _inherit = "base.export.mapper"
            _apply_on = "res.partner"

        MyMapper.direct = direct
        return self._mapper(MyMapper)

    def test_m2o_to_external_empty(self):
        """m2o_to_external() of an empty many2one gives False without binder."""
        binder = self._register_mock_binder("res.country")
        partner = self.env["res.partner"].create({"name": "No Country"})
        mapper = self._export_mapper([(m2o_to_external("country_id"), "country")])
        self.assertEqual(mapper.map_record(partner).values(), {"country": False})
        binder.to_external.assert_not_called()

    def test_m2o_to_external_not_bound(self):
        """m2o_to_external() of a record without external id raises MappingError."""
        binder = self._register_mock_binder("res.country")
        binder.to_external.return_value = None
        switzerland = self.env.ref("base.ch")
        partner = self.env["res.partner"].create(
            {"name": "P", "country_id": switzerland.id}
        )
        mapper = self._export_mapper([(m2o_to_external("country_id"), "country")])
        with self.assertRaises(MappingError) as raised:
            mapper.map_record(partner).values()
        self.assertEqual(
            str(raised.exception),
            f"Can not find an external id for record {switzerland.id} in model "
            "res.country without wrapping",
        )

    def test_m2o_to_external_zero_external_id(self):
        """An external id 0 from the binder is a valid id, exported as is (wrapping)."""
        binder = self._register_mock_binder("res.country.group")
        binder.to_external.return_value = 0
        partner = self.env["res.partner"].create(
            {"name": "P", "country_id": self.env.ref("base.ch").id}
        )
        mapper = self._export_mapper(
            [(m2o_to_external("country_id", binding="res.country.group"), "country")]
        )
        self.assertEqual(mapper.map_record(partner).values(), {"country": 0})
        binder.to_external.assert_called_once_with(partner.country_id.id, wrap=True)
        binder.to_external.return_value = None
        with self.assertRaisesRegex(MappingError, "with wrapping"):
            mapper.map_record(partner).values()

    def test_m2o_to_external_not_many2one(self):
        """m2o_to_external() on a source that is not a many2one raises ValueError."""
        self._register_mock_binder("res.country")
        partner = self.env["res.partner"].create({"name": "P"})
        mapper = self._export_mapper([(m2o_to_external("name"), "country")])
        with self.assertRaisesRegex(ValueError, "The column name should be a Many2one"):
            mapper.map_record(partner).values()

    def test_plain_direct_many2one_uses_binder(self):
        """A plain many2one source is exported as the related external id."""
        binder = self._register_mock_binder("res.country")
        binder.to_external.return_value = "CH"
        partner = self.env["res.partner"].create(
            {"name": "P", "country_id": self.env.ref("base.ch").id}
        )
        mapper = self._export_mapper([("country_id", "country"), ("ref", "ref")])
        self.assertEqual(
            mapper.map_record(partner).values(), {"country": "CH", "ref": False}
        )

    def test_follow_m2o_relations_empty(self):
        """follow_m2o_relations() through an empty relation gives the empty value."""
        partner = self.env["res.partner"].create({"name": "Orphan"})
        mapper = self._export_mapper(
            [(follow_m2o_relations("parent_id.name"), "parent")]
        )
        self.assertEqual(mapper.map_record(partner).values(), {"parent": False})

    def test_modifiers_in_changed_by_fields(self):
        """changed_by_fields() resolves every stock modifier to its source field."""
        mapper = self._export_mapper(
            [
                (m2o_to_external("country_id"), "country"),
                (follow_m2o_relations("parent_id.name"), "parent"),
                (none(convert("credit_limit", str)), "credit"),
            ]
        )
        self.assertEqual(
            mapper.changed_by_fields(), {"country_id", "parent_id.name", "credit_limit"}
        )
