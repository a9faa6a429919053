# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
# Each test declares its own throwaway components, several extending the same name.
# pylint: disable=consider-merging-classes-inherited
"""The mapper DSL: definitions, options, modifiers, children, bindings."""

from unittest import mock

from odoo.addons.component.core import Component, WorkContext
from odoo.addons.component.tests.common import TransactionComponentRegistryCase

from ..components.mapper import (
    MapOptions,
    MappingDefinition,
    backend_to_m2o,
    changed_by,
    convert,
    external_to_m2o,
    follow_m2o_relations,
    m2o_to_backend,
    m2o_to_external,
    mapping,
    none,
    only_create,
)


class MapperRegistryCase(TransactionComponentRegistryCase):
    """A registry with the components of component_event and connector."""

    def setUp(self):
        super().setUp()
        self._setup_registry(self)
        self.comp_registry.load_components("component_event")
        self.comp_registry.load_components("connector")

    def tearDown(self):
        self._teardown_registry(self)
        super().tearDown()


class TestMapper(MapperRegistryCase):
    def setUp(self):
        super().setUp()
        self.work = mock.MagicMock(name="WorkContext()")

    def _mapper(self, name):
        return self.comp_registry[name](self.work)

    def test_mapping_decorator(self):
        """@mapping, @changed_by and @only_create give the expected definitions."""

        class KifKrokerMapper(Component):
            _name = "kif.kroker.mapper"
            _inherit = "base.mapper"

            @changed_by("name", "city")
            @mapping
            @only_create
            def name(self):
                pass

            @changed_by("email")
            @mapping
            def email(self):
                pass

            @changed_by("street")
            @mapping
            def street(self):
                pass

            def no_decorator(self):
                pass

        self._build_components(KifKrokerMapper)
        self.assertEqual(
            self.comp_registry["kif.kroker.mapper"]._map_methods,
            {
                "name": MappingDefinition({"name", "city"}, True),
                "email": MappingDefinition({"email"}, False),
                "street": MappingDefinition({"street"}, False),
            },
        )

    def test_mapping_decorator_cross_classes(self):
        """Mappings of sibling mappers do not leak into each other."""

        class MomMapper(Component):
            _name = "mom.mapper"
            _inherit = "base.mapper"

            @changed_by("name", "city")
            @mapping
            def name(self):
                pass

        class ZappMapper(Component):
            _name = "zapp.mapper"
            _inherit = "base.mapper"

            @changed_by("email")
            @only_create
            @mapping
            def email(self):
                pass

        self._build_components(MomMapper, ZappMapper)
        self.assertEqual(
            self.comp_registry["mom.mapper"]._map_methods,
            {"name": MappingDefinition({"name", "city"}, False)},
        )
        self.assertEqual(
            self.comp_registry["zapp.mapper"]._map_methods,
            {"email": MappingDefinition({"email"}, True)},
        )

    def test_mapping_decorator_cumul(self):
        """An _inherit extension adds its mappings to the existing ones."""

        class FryMapper(Component):
            _name = "fry.mapper"
            _inherit = "base.mapper"

            @changed_by("name", "city")
            @mapping
            def name(self):
                pass

        class FryMapperInherit(Component):
            _inherit = "fry.mapper"

            @changed_by("email")
            @mapping
            def email(self):
                pass

        self._build_components(FryMapper, FryMapperInherit)
        self.assertEqual(
            self.comp_registry["fry.mapper"]._map_methods,
            {
                "name": MappingDefinition({"name", "city"}, False),
                "email": MappingDefinition({"email"}, False),
            },
        )

    def test_mapping_decorator_cumul_changed_by(self):
        """changed_by accumulates through extension and prototype inheritance."""

        class FryMapper(Component):
            _name = "fry.mapper"
            _inherit = "base.mapper"

            @changed_by("name", "city")
            @mapping
            def name(self):
                pass

        class FryMapperInherit(Component):
            _inherit = "fry.mapper"

            @changed_by("email")
            @mapping
            def name(self):
                pass

        class ThirdMapper(Component):
            _name = "third.mapper"
            _inherit = "fry.mapper"

            @changed_by("email", "street")
            @mapping
            def name(self):
                pass

        self._build_components(FryMapper, FryMapperInherit, ThirdMapper)
        self.assertEqual(
            self.comp_registry["fry.mapper"]._map_methods,
            {"name": MappingDefinition({"name", "city", "email"}, False)},
        )
        self.assertEqual(
            self.comp_registry["third.mapper"]._map_methods,
            {"name": MappingDefinition({"name", "city", "email", "street"}, False)},
        )

    def test_several_bases_cumul(self):
        """Several parents: changed_by is united, the last only_create wins."""

        class FryMapper(Component):
            _name = "fry.mapper"
            _inherit = "base.mapper"

            @changed_by("name", "city")
            @mapping
            def name(self):
                pass

            @only_create
            @mapping
            def street(self):
                pass

            @only_create
            @mapping
            def zip(self):
                pass

        class FarnsworthMapper(Component):
            _name = "farnsworth.mapper"
            _inherit = "base.mapper"

            @changed_by("email")
            @mapping
            def name(self):
                pass

            @changed_by("street")
            @mapping
            def city(self):
                pass

            @mapping
            def zip(self):
                pass

        class ThirdMapper(Component):
            _name = "third.mapper"
            _inherit = ["fry.mapper", "farnsworth.mapper"]

            @changed_by("email", "street")
            @mapping
            def name(self):
                pass

            @mapping
            def email(self):
                pass

        self._build_components(FryMapper, FarnsworthMapper, ThirdMapper)
        self.assertEqual(
            self.comp_registry["third.mapper"]._map_methods,
            {
                "name": MappingDefinition({"name", "city", "email", "street"}, False),
                "street": MappingDefinition(set(), True),
                "city": MappingDefinition({"street"}, False),
                "email": MappingDefinition(set(), False),
                "zip": MappingDefinition(set(), True),
            },
        )

    def test_mapping_record(self):
        """Direct and method mappings give the same values with/without for_create."""

        class MyMapper(Component):
            _name = "my.mapper"
            _inherit = "base.import.mapper"

            direct = [("name", "out_name")]

            @mapping
            def street(self, record):
                return {"out_street": record["street"].upper()}

        self._build_components(MyMapper)
        map_record = self._mapper("my.mapper").map_record(
            {"name": "Guewen", "street": "street"}
        )
        expected = {"out_name": "Guewen", "out_street": "STREET"}
        self.assertEqual(map_record.values(), expected)
        self.assertEqual(map_record.values(for_create=True), expected)

    def test_mapping_record_on_create(self):
        """An @only_create mapping applies only with for_create=True."""

        class MyMapper(Component):
            _name = "my.mapper"
            _inherit = "base.import.mapper"

            direct = [("name", "out_name")]

            @only_create
            @mapping
            def street(self, record):
                return {"out_street": record["street"].upper()}

        self._build_components(MyMapper)
        map_record = self._mapper("my.mapper").map_record(
            {"name": "Guewen", "street": "street"}
        )
        self.assertEqual(map_record.values(), {"out_name": "Guewen"})
        self.assertEqual(
            map_record.values(for_create=True),
            {"out_name": "Guewen", "out_street": "STREET"},
        )

    def test_mapping_update(self):
        """Values forced with update() override the mapped values."""

        class MyMapper(Component):
            _name = "my.mapper"
            _inherit = "base.import.mapper"

            direct = [("name", "out_name")]

            @mapping
            def street(self, record):
                return {"out_street": record["street"].upper()}

        self._build_components(MyMapper)
        map_record = self._mapper("my.mapper").map_record(
            {"name": "Guewen", "street": "street"}
        )
        map_record.update({"test": 1}, out_city="forced")
        self.assertEqual(
            map_record.values(),
            {
                "out_name": "Guewen",
                "out_street": "STREET",
                "out_city": "forced",
                "test": 1,
            },
        )
        map_record.update(out_name="Bender")
        self.assertEqual(map_record.values(for_create=True)["out_name"], "Bender")

    def test_finalize(self):  # pylint: disable=missing-return
        """An overridden finalize() can add keys to the values."""

        class MyMapper(Component):
            _name = "my.mapper"
            _inherit = "base.import.mapper"

            direct = [("name", "out_name")]

            def finalize(self, map_record, values):
                values = super().finalize(map_record, values)
                values["test"] = "abc"
                return values

        self._build_components(MyMapper)
        map_record = self._mapper("my.mapper").map_record({"name": "Guewen"})
        self.assertEqual(map_record.values(), {"out_name": "Guewen", "test": "abc"})

    def test_some_fields(self):
        """fields=... filters direct entries by source and methods by changed_by."""

        class MyMapper(Component):
            _name = "my.mapper"
            _inherit = "base.export.mapper"

            direct = [("name", "out_name"), ("street", "out_street")]

            @changed_by("country")
            @mapping
            def country(self, record):
                return {"country": "country"}

            @changed_by("city")
            @mapping
            def city(self, record):
                return {"city": "city"}

        self._build_components(MyMapper)
        record = {
            "name": "Guewen",
            "street": "street",
            "country": "CH",
            "city": "Lausanne",
        }
        map_record = self._mapper("my.mapper").map_record(record)
        self.assertEqual(
            map_record.values(fields=["name", "country"]),
            {"out_name": "Guewen", "country": "country"},
        )

    def test_mapping_modifier(self):
        """A custom modifier closure can be used in direct."""

        def do_nothing(field):
            def transform(self, record, to_attr):
                return record[field]

            return transform

        class MyMapper(Component):
            _name = "my.mapper"
            _inherit = "base.import.mapper"

            direct = [(do_nothing("field"), "out_field")]

        self._build_components(MyMapper)
        map_record = self._mapper("my.mapper").map_record({"field": "value"})
        self.assertEqual(map_record.values(), {"out_field": "value"})

    def test_mapping_direct_property(self):
        """direct may be a property computing the list."""

        class MyMapper(Component):
            _name = "my.mapper"
            _inherit = "base.import.mapper"

            @property
            def direct(self):
                return [("name", "out_name")]

        self._build_components(MyMapper)
        map_record = self._mapper("my.mapper").map_record({"name": "Foo"})
        self.assertEqual(map_record.values(), {"out_name": "Foo"})
        # computed again at each record: still right on a second call
        self.assertEqual(
            self._mapper("my.mapper").map_record({"name": "Bar"}).values(),
            {"out_name": "Bar"},
        )

    def test_mapping_convert(self):
        """convert() applies the conversion type."""

        class MyMapper(Component):
            _name = "my.mapper"
            _inherit = "base.import.mapper"

            direct = [(convert("name", int), "out_name")]

        self._build_components(MyMapper)
        map_record = self._mapper("my.mapper").map_record({"name": "300"})
        self.assertEqual(map_record.values(), {"out_name": 300})

    def test_mapping_modifier_none(self):
        """none() turns a falsy value into None and keeps a truthy one."""

        class MyMapper(Component):
            _name = "my.mapper"
            _inherit = "base.import.mapper"

            direct = [(none("in_f"), "out_f"), (none("in_t"), "out_t")]

        self._build_components(MyMapper)
        map_record = self._mapper("my.mapper").map_record({"in_f": False, "in_t": True})
        self.assertEqual(map_record.values(), {"out_f": None, "out_t": True})

    def test_mapping_modifier_pipeline(self):
        """Modifiers nest: none(convert(...))."""

        class MyMapper(Component):
            _name = "my.mapper"
            _inherit = "base.import.mapper"

            direct = [
                (none(convert("in_f", bool)), "out_f"),
                (none(convert("in_t", bool)), "out_t"),
            ]

        self._build_components(MyMapper)
        map_record = self._mapper("my.mapper").map_record({"in_f": 0, "in_t": 1})
        self.assertEqual(map_record.values(), {"out_f": None, "out_t": True})

    def test_modifier_import_filter_field(self):
        """The fields filter sees through modifiers (import mapper)."""

        class MyMapper(Component):
            _name = "my.mapper"
            _inherit = "base.import.mapper"

            direct = [
                ("field", "field2"),
                ("no_field", "no_field2"),
                (convert("name", int), "out_name"),
            ]

        self._build_components(MyMapper)
        record = {"name": "300", "field": "value", "no_field": "no_value"}
        map_record = self._mapper("my.mapper").map_record(record)
        self.assertEqual(
            map_record.values(fields=["field", "name"]),
            {"out_name": 300, "field2": "value"},
        )

    def test_modifier_export_filter_field(self):
        """The fields filter sees through modifiers (export mapper)."""

        class MyMapper(Component):
            _name = "my.mapper"
            _inherit = "base.export.mapper"

            direct = [
                ("field", "field2"),
                ("no_field", "no_field2"),
                (convert("name", int), "out_name"),
            ]

        self._build_components(MyMapper)
        record = {"name": "300", "field": "value", "no_field": "no_value"}
        map_record = self._mapper("my.mapper").map_record(record)
        self.assertEqual(
            map_record.values(fields=["field", "name"]),
            {"out_name": 300, "field2": "value"},
        )

    def test_mapping_custom_option(self):
        """A custom option given to values() is readable as self.options.<name>."""

        class MyMapper(Component):
            _name = "my.mapper"
            _inherit = "base.import.mapper"

            @mapping
            def any(self, record):
                if self.options.custom:
                    return {"res": True}
                return {"res": False}

        self._build_components(MyMapper)
        map_record = self._mapper("my.mapper").map_record({})
        self.assertEqual(map_record.values(custom=True), {"res": True})
        self.assertEqual(map_record.values(), {"res": False})

    def test_mapping_custom_option_not_defined(self):
        """An option that was not given reads as None."""

        class MyMapper(Component):
            _name = "my.mapper"
            _inherit = "base.import.mapper"

            @mapping
            def any(self, record):
                if self.options.custom is None:
                    return {"res": "undefined"}
                return {"res": "defined"}

        self._build_components(MyMapper)
        map_record = self._mapper("my.mapper").map_record({})
        self.assertEqual(map_record.values(), {"res": "undefined"})

    def test_map_options(self):
        """MapOptions: item/attribute access and setting, None when missing."""
        options = MapOptions({"xyz": "abc"}, k=1)
        options.l = 2
        self.assertEqual(options["xyz"], "abc")
        self.assertEqual(options["k"], 1)
        self.assertEqual(options["l"], 2)
        self.assertEqual(options.xyz, "abc")
        self.assertEqual(options.k, 1)
        self.assertEqual(options.l, 2)
        self.assertIsNone(options["undefined"])
        self.assertIsNone(options.undefined)

    def test_changed_by_fields(self):
        """changed_by_fields() unites direct sources (via modifiers) and changed_by."""

        class MyMapper(Component):
            _name = "my.mapper"
            _inherit = "base.import.mapper"

            direct = [
                ("street", "out_street"),
                (none("in_t"), "out_t"),
                (none(convert("in_f", bool)), "out_f"),
            ]

            @changed_by("name", "city")
            @mapping
            def name(self):
                pass

            @changed_by("email")
            @mapping
            def email(self):
                pass

            def no_decorator(self):
                pass

        self._build_components(MyMapper)
        self.assertEqual(
            self._mapper("my.mapper").changed_by_fields(),
            {"street", "in_t", "in_f", "name", "city", "email"},
        )


class TestMapperRecordsets(MapperRegistryCase):
    def setUp(self):
        super().setUp()
        backend = mock.Mock(name="backend")
        backend._name = "my.collection"
        backend.env = self.env
        self.work = WorkContext(
            model_name="res.partner",
            collection=backend,
            components_registry=self.comp_registry,
        )

    def test_mapping_modifier_follow_m2o_relations(self):
        """follow_m2o_relations() reads a value through a dotted path of relations."""

        class MyMapper(Component):
            _name = "my.mapper"
            _inherit = "base.export.mapper"

            direct = [(follow_m2o_relations("parent_id.name"), "parent_name")]

        self._build_components(MyMapper)
        parent = self.env["res.partner"].create({"name": "Parent"})
        child = self.env["res.partner"].create(
            {"name": "Child", "parent_id": parent.id}
        )
        mapper = self.comp_registry["my.mapper"](self.work)
        self.assertEqual(mapper.map_record(child).values(), {"parent_name": "Parent"})


class TestMapperBinding(MapperRegistryCase):
    def setUp(self):
        super().setUp()
        self.backend = mock.Mock(name="backend")
        self.backend._name = "my.collection"
        self.backend.env = self.env
        self.work = WorkContext(
            model_name="res.partner",
            collection=self.backend,
            components_registry=self.comp_registry,
        )
        self.country_binder = mock.MagicMock(name="country_binder")
        self.country_binder.return_value = self.country_binder
        self.country_binder._name = "test.binder"
        self.country_binder._inherit = "base.binder"
        self.country_binder.apply_on_models = ["res.country"]
        self.country_binder._usage = "binder"
        self.country_binder._collection = self.backend._name
        self.country_binder._abstract = False
        self.comp_registry["test.binder"] = self.country_binder

    def test_mapping_m2o_to_external(self):
        """m2o_to_external() asks the binder for the external id, without wrapping."""

        class MyMapper(Component):
            _name = "my.mapper"
            _inherit = "base.export.mapper"
            _apply_on = "res.partner"

            direct = [(m2o_to_external("country_id"), "country")]

        self._build_components(MyMapper)
        partner = self.env["res.partner"].create(
            {"name": "Partner", "country_id": self.env.ref("base.ch").id}
        )
        self.country_binder.to_external.return_value = 10
        mapper = self.work.component(usage="export.mapper")
        self.assertEqual(mapper.map_record(partner).values(), {"country": 10})
        self.country_binder.to_external.assert_called_once_with(
            partner.country_id.id, wrap=False
        )
        self.assertIs(m2o_to_backend, m2o_to_external)

    def test_mapping_backend_to_m2o(self):
        """external_to_m2o() asks the binder for the Odoo record, without unwrapping."""

        class MyMapper(Component):
            _name = "my.mapper"
            _inherit = "base.import.mapper"
            _apply_on = "res.partner"

            direct = [(backend_to_m2o("country"), "country_id")]

        self._build_components(MyMapper)
        switzerland = self.env.ref("base.ch")
        self.country_binder.to_internal.return_value = switzerland
        mapper = self.work.component(usage="import.mapper")
        self.assertEqual(
            mapper.map_record({"country": 10}).values(), {"country_id": switzerland.id}
        )
        self.country_binder.to_internal.assert_called_once_with(10, unwrap=False)
        self.assertIs(backend_to_m2o, external_to_m2o)

    def _line_mapper(self):
        class LineMapper(Component):
            _name = "line.mapper"
            _inherit = "base.import.mapper"
            _apply_on = "res.currency.rate"

            @mapping
            def name(self, record):
                return {"name": record["name"]}

            @mapping
            def rate(self, record):
                return {"rate": record["rate"]}

            @only_create
            @mapping
            def test(self, record):
                return {"test": 1}

        return LineMapper

    def _object_mapper(self):
        class ObjectMapper(Component):
            _name = "object.mapper"
            _inherit = "base.import.mapper"
            _apply_on = "res.currency"

            direct = [("name", "name")]

            children = [("rates", "rate_ids", "res.currency.rate")]

        return ObjectMapper

    def _currency_record(self):
        return {
            "name": "SO1",
            "rates": [
                {"name": "2013-11-07", "rate": 10},
                {"name": "2013-11-08", "rate": 20},
            ],
        }

    def test_mapping_record_children_no_map_child(self):
        """No MapChild for the child model: base.map.child.import gives (0, 0, v)."""
        self._build_components(self._object_mapper(), self._line_mapper())
        mapper = self.work.work_on(model_name="res.currency").component(
            usage="import.mapper"
        )
        map_record = mapper.map_record(self._currency_record())
        self.assertEqual(
            map_record.values(),
            {
                "name": "SO1",
                "rate_ids": [
                    (0, 0, {"name": "2013-11-07", "rate": 10}),
                    (0, 0, {"name": "2013-11-08", "rate": 20}),
                ],
            },
        )
        self.assertEqual(
            map_record.values(for_create=True),
            {
                "name": "SO1",
                "rate_ids": [
                    (0, 0, {"name": "2013-11-07", "rate": 10, "test": 1}),
                    (0, 0, {"name": "2013-11-08", "rate": 20, "test": 1}),
                ],
            },
        )

    def test_mapping_record_children(self):
        """A MapChild of the child model formats the items with its format_items."""

        class RateMapChild(Component):
            _name = "rate.map.child"
            _inherit = "base.map.child.import"
            _apply_on = "res.currency.rate"

            def format_items(self, items_values):
                return [("ABC", values) for values in items_values]

        self._build_components(self._object_mapper(), self._line_mapper(), RateMapChild)
        mapper = self.work.work_on(model_name="res.currency").component(
            usage="import.mapper"
        )
        self.assertEqual(
            mapper.map_record(self._currency_record()).values(for_create=True),
            {
                "name": "SO1",
                "rate_ids": [
                    ("ABC", {"name": "2013-11-07", "rate": 10, "test": 1}),
                    ("ABC", {"name": "2013-11-08", "rate": 20, "test": 1}),
                ],
            },
        )

    def test_mapping_record_children_void(self):
        """Children whose mapped values are empty are dropped (4 items, 3 lines)."""

        class LineMapper(Component):
            _name = "line.mapper"
            _inherit = "base.import.mapper"
            _apply_on = "res.currency.rate"

            @mapping
            def name(self, record):
                rate = record.get("rate")
                if rate and rate < 42:
                    return {"rate": rate}

        self._build_components(self._object_mapper(), LineMapper)
        mapper = self.work.work_on(model_name="res.currency").component(
            usage="import.mapper"
        )
        record = {
            "name": "SO1",
            "rates": [{"rate": 10}, {"rate": 20}, {"rate": 30}, {"rate": 50}],
        }
        self.assertEqual(
            mapper.map_record(record).values(for_create=True),
            {
                "name": "SO1",
                "rate_ids": [
                    (0, 0, {"rate": 10}),
                    (0, 0, {"rate": 20}),
                    (0, 0, {"rate": 30}),
                ],
            },
        )
