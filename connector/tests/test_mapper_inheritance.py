# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Mapper definitions: inheritance without side effects; changed_by, only_create."""

from odoo.addons.component.core import Component

from ..components.mapper import (
    MappingDefinition,
    changed_by,
    mapping,
    none,
    only_create,
)
from .common_components import ConnectorRegistryCase


class TestMapperInheritance(ConnectorRegistryCase):
    def test_parents_not_mutated(self):
        """A mapper with several parents leaves the parents' changed_by intact."""

        class FirstMapper(Component):
            _name = "first.mapper"
            _inherit = "base.import.mapper"

            @changed_by("a")
            @mapping
            def name(self, record):
                pass

        class SecondMapper(Component):
            _name = "second.mapper"
            _inherit = "base.import.mapper"

            @changed_by("b")
            @mapping
            def name(self, record):
                pass

        class BothMapper(Component):
            _name = "both.mapper"
            _inherit = ["first.mapper", "second.mapper"]

            @changed_by("c")
            @mapping
            def name(self, record):
                pass

        self._build_components(FirstMapper, SecondMapper, BothMapper)
        registry = self.comp_registry
        self.assertEqual(
            registry["both.mapper"]._map_methods["name"],
            MappingDefinition({"a", "b", "c"}, False),
        )
        self.assertEqual(
            registry["first.mapper"]._map_methods["name"].changed_by, {"a"}
        )
        self.assertEqual(
            registry["second.mapper"]._map_methods["name"].changed_by, {"b"}
        )

    def test_methods_run_in_name_order(self):
        """Within a class, mapping methods run by name: a later one overrides a key."""

        class OrderMapper(Component):
            _name = "order.mapper"
            _inherit = "base.import.mapper"

            @mapping
            def b_second(self, record):
                return {"x": "second"}

            @mapping
            def a_first(self, record):
                return {"x": "first", "y": "first"}

        self._build_components(OrderMapper)
        mapper = self.comp_registry["order.mapper"](self.work)
        self.assertEqual(mapper.map_record({}).values(), {"x": "second", "y": "first"})

    def test_changed_by_with_and_without_fields(self):
        """With fields, methods run if changed_by matches or is unset; else all."""
        calls = []

        class FilterMapper(Component):
            _name = "filter.mapper"
            _inherit = "base.import.mapper"

            @changed_by("street")
            @mapping
            def street(self, record):
                calls.append("street")
                return {"street": record["street"]}

            @changed_by("city", "zip")
            @mapping
            def city(self, record):
                calls.append("city")
                return {"city": record["city"]}

            @mapping
            def always(self, record):
                calls.append("always")
                return {"always": True}

        self._build_components(FilterMapper)
        mapper = self.comp_registry["filter.mapper"](self.work)
        map_record = mapper.map_record({"street": "S", "city": "C"})
        self.assertEqual(
            map_record.values(fields=["zip"]), {"city": "C", "always": True}
        )
        self.assertEqual(sorted(calls), ["always", "city"])
        calls.clear()
        self.assertEqual(
            map_record.values(), {"street": "S", "city": "C", "always": True}
        )
        self.assertEqual(sorted(calls), ["always", "city", "street"])
        calls.clear()
        self.assertEqual(map_record.values(fields=[]), map_record.values())

    def test_only_create_not_run_on_update(self):
        """An @only_create method is not even called for update values."""
        calls = []

        class CreateMapper(Component):
            _name = "create.mapper"
            _inherit = "base.import.mapper"

            @only_create
            @mapping
            def company(self, record):
                calls.append(record)
                return {"company_id": 1}

        self._build_components(CreateMapper)
        mapper = self.comp_registry["create.mapper"](self.work)
        self.assertEqual(mapper.map_record({}).values(), {})
        self.assertEqual(mapper.map_record({}).values(for_create=False), {})
        self.assertEqual(calls, [])
        self.assertEqual(
            mapper.map_record({}).values(for_create=True), {"company_id": 1}
        )
        self.assertEqual(len(calls), 1)

    def test_invalid_return_value(self):
        """A mapping method returning something else than a dict raises ValueError."""

        class BadMapper(Component):
            _name = "bad.mapper"
            _inherit = "base.import.mapper"

            @mapping
            def name(self, record):
                return ["name", "x"]

        self._build_components(BadMapper)
        mapper = self.comp_registry["bad.mapper"](self.work)
        with self.assertRaisesRegex(
            ValueError, "invalid return value for the mapping method"
        ):
            mapper.map_record({}).values()

    def test_options_restored_after_error(self):
        """A failing mapping restores the previous options of the mapper."""

        class FailMapper(Component):
            _name = "fail.mapper"
            _inherit = "base.import.mapper"

            @mapping
            def name(self, record):
                if record.get("fail"):
                    raise RuntimeError("boom")
                return {"for_create": self.options.for_create}

        self._build_components(FailMapper)
        mapper = self.comp_registry["fail.mapper"](self.work)
        with self.assertRaises(RuntimeError):
            mapper.map_record({"fail": True}).values(for_create=True)
        self.assertIsNone(mapper.options)
        with mapper._mapping_options({"for_create": "outer"}):
            with self.assertRaises(RuntimeError):
                mapper.map_record({"fail": True}).values()
            self.assertEqual(mapper.options, {"for_create": "outer"})
        self.assertEqual(mapper.map_record({}).values(), {"for_create": None})

    def test_map_direct_override(self):  # pylint: disable=missing-return
        """An overridden _map_direct is used for every direct entry."""

        class UpperMapper(Component):
            _name = "upper.mapper"
            _inherit = "base.import.mapper"

            direct = [("name", "name"), (none("ref"), "ref")]

            def _map_direct(self, record, from_attr, to_attr):
                value = super()._map_direct(record, from_attr, to_attr)
                return value.upper() if isinstance(value, str) else value

        self._build_components(UpperMapper)
        mapper = self.comp_registry["upper.mapper"](self.work)
        self.assertEqual(
            mapper.map_record({"name": "ada", "ref": "r1"}).values(),
            {"name": "ADA", "ref": "R1"},
        )
        self.assertEqual(
            mapper.map_record({"name": "", "ref": ""}).values(),
            {"name": False, "ref": None},
        )
