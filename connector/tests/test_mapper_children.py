# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Mapper children: void and orphan lines, options passed down, bad lists."""

from odoo.addons.component.core import Component

from ..components.mapper import changed_by, mapping, only_create
from ..exception import MappingError
from .common_components import ConnectorRegistryCase


class TestMapperChildren(ConnectorRegistryCase):
    def setUp(self):
        super().setUp()

        class PartnerMapper(Component):
            _name = "partner.mapper"
            _inherit = "base.import.mapper"
            _apply_on = "res.partner"

            direct = [("name", "name")]
            children = [("addresses", "child_ids", "res.partner.bank")]

        class AddressMapper(Component):
            _name = "address.mapper"
            _inherit = "base.import.mapper"
            _apply_on = "res.partner.bank"

            direct = [("street", "acc_number")]

            @changed_by("city")
            @mapping
            def city(self, record):
                if record.get("city"):
                    return {"city": record["city"]}

            @only_create
            @mapping
            def kind(self, record):
                return {"kind": "delivery"}

            @mapping
            def tag(self, record):
                if self.options.tag:
                    return {"tag": self.options.tag}

        self._build_components(PartnerMapper, AddressMapper)
        self.mapper = self.comp_registry["partner.mapper"](self.work)

    def _values(self, record, **options):
        return self.mapper.map_record(record).values(**options)

    def test_options_reach_children(self):
        """for_create, fields and custom options of the parent apply to the children."""
        record = {"name": "P", "addresses": [{"street": "S1", "city": "C1"}]}
        self.assertEqual(
            self._values(record, for_create=True, tag="t1"),
            {
                "name": "P",
                "child_ids": [
                    (
                        0,
                        0,
                        {
                            "acc_number": "S1",
                            "city": "C1",
                            "kind": "delivery",
                            "tag": "t1",
                        },
                    )
                ],
            },
        )
        # update: no only_create mapping in the children either
        self.assertEqual(
            self._values(record),
            {"name": "P", "child_ids": [(0, 0, {"acc_number": "S1", "city": "C1"})]},
        )
        # fields filter the children's mappings as well
        self.assertEqual(
            self._values(record, fields=["addresses", "city"]),
            {"child_ids": [(0, 0, {"city": "C1"})]},
        )

    def test_children_filtered_by_fields(self):
        """Children are not mapped when their source is not in fields."""
        record = {"name": "P", "addresses": [{"street": "S1"}]}
        self.assertEqual(self._values(record, fields=["name"]), {"name": "P"})

    def test_void_lines_dropped(self):
        """Lines whose mapped values are empty are dropped, the others kept in order."""
        record = {
            "name": "P",
            "addresses": [{"city": "C1"}, {"street": "S2"}, {"city": "C3"}],
        }
        # with fields=["addresses", "city"], the second line maps to {}
        self.assertEqual(
            self._values(record, fields=["addresses", "city"]),
            {"child_ids": [(0, 0, {"city": "C1"}), (0, 0, {"city": "C3"})]},
        )

    def test_orphan_lines_skipped(self):
        """skip_item() sees the parent and drops the lines that do not belong to it."""

        class AddressMapChild(Component):
            _name = "address.map.child"
            _inherit = "base.map.child.import"
            _apply_on = "res.partner.bank"

            def skip_item(self, map_record):
                return map_record.source.get("owner") != map_record.parent.source["id"]

        self._build_components(AddressMapChild)
        mapper = self.comp_registry["partner.mapper"](self.work)
        record = {
            "id": 7,
            "name": "P",
            "addresses": [
                {"owner": 7, "street": "mine"},
                {"owner": 8, "street": "orphan"},
                {"street": "no owner"},
            ],
        }
        self.assertEqual(
            mapper.map_record(record).values(),
            {"name": "P", "child_ids": [(0, 0, {"acc_number": "mine"})]},
        )

    def test_null_children(self):
        """A null or empty children list gives no lines."""
        for addresses in (None, False, []):
            self.assertEqual(
                self._values({"name": "P", "addresses": addresses}),
                {"name": "P", "child_ids": []},
                addresses,
            )

    def test_children_not_a_list(self):
        """Children that are not a list: MappingError naming mapper, field, id."""
        for addresses in ({"street": "S"}, "S1,S2", 3):
            with self.assertRaises(MappingError) as raised:
                self._values({"id": "P-1", "name": "P", "addresses": addresses})
            message = str(raised.exception)
            self.assertIn("partner.mapper", message)
            self.assertIn("'addresses'", message)
            self.assertIn("'P-1'", message)

    def test_missing_children_key(self):
        """A missing children key raises MappingError naming the field."""
        with self.assertRaisesRegex(MappingError, "partner.mapper.*'addresses'"):
            self._values({"id": 1, "name": "P"})

    def test_child_item_not_a_dict(self):
        """A line that is None or not a dict: MappingError naming the child mapper."""
        for item in (None, "S1", 5):
            with self.assertRaisesRegex(MappingError, "address.mapper"):
                self._values({"name": "P", "addresses": [{"street": "S0"}, item]})

    def test_export_children(self):
        """Export children are mapped from a recordset as plain dicts."""

        class PartnerExportMapper(Component):
            _name = "partner.export.mapper"
            _inherit = "base.export.mapper"
            _apply_on = "res.partner"

            direct = [("name", "name")]
            # the child model only selects the child mapper: a model other
            # than res.partner keeps the two mappers apart
            children = [("child_ids", "contacts", "res.partner.industry")]

        class ContactExportMapper(Component):
            _name = "contact.export.mapper"
            _inherit = "base.export.mapper"
            _apply_on = "res.partner.industry"

            @mapping
            def contact(self, record):
                return {"contact": record.name, "parent": record.parent_id.name}

        self._build_components(PartnerExportMapper, ContactExportMapper)
        parent = self.env["res.partner"].create(
            {
                "name": "Parent",
                "child_ids": [(0, 0, {"name": "A"}), (0, 0, {"name": "B"})],
            }
        )
        mapper = self.comp_registry["partner.export.mapper"](self.work)
        self.assertEqual(
            mapper.map_record(parent).values(),
            {
                "name": "Parent",
                "contacts": [
                    {"contact": "A", "parent": "Parent"},
                    {"contact": "B", "parent": "Parent"},
                ],
            },
        )
