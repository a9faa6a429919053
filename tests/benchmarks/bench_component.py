# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of ``component``: lookups and registry builds.

On a database with the suite's framework addons installed (``component``,
``component_event`` and ``connector``, those present in the repository; with
``component`` alone if that database cannot be created, which is reported in
``suite_database_error``), a registry holds the components of the installed
addons plus a small connector-like set (a backend adapter, binders, importers,
three listeners, generic and specific ones); a work context on
``res.partner`` then measures:

* ``component_per_s``: cached ``work.component(usage=..., model_name=...)``;
* ``component_by_name_per_s``: ``work.component_by_name(name)``;
* ``many_components_per_s``: ``work.many_components(usage=...)`` (3 results);
* ``build_installed_addons_s``: ``component.builder.build_registry`` of the
  installed addons into a fresh registry (SQL and module graph included); the
  number of addons loaded, those with components and the number of components
  built are in ``installed_addons``, ``addons_with_components`` and
  ``installed_components``;
* ``build_1000_components_s``: building 1,000 synthetic components (100
  abstract bases, 800 concrete children, 100 extensions) into a fresh registry.

Times are CPU times of the process (``clock``; ``--clock wall`` forces the
wall clock). Targets on the 2-core reference machine are in ``targets``;
``meets_targets`` says whether this run reached all of them.
"""

TARGETS = {
    "component_per_s": 280_000,
    "component_by_name_per_s": 950_000,
    "build_1000_components_s": 0.5,
}
COLLECTION = "collection.base"
SUITE = ("component", "component_event", "connector")
# Pure-Python, CPU-bound code (the build SQL is one small query): CPU time of
# the process, so that the load of a shared machine does not blur the figures.
CLOCK = "cpu"


def _connector_like_components():
    """Component classes of a small connector, in registration order."""
    from odoo.addons.component.core import Component

    class BenchAdapter(Component):
        _name = "bench.adapter"
        _collection = COLLECTION
        _usage = "backend.adapter"

    class BenchBinder(Component):
        _name = "bench.binder"
        _collection = COLLECTION
        _usage = "binder"
        _apply_on = ("res.partner", "res.users")

    class GenericBinder(Component):
        _name = "bench.generic.binder"
        _usage = "binder"

    class BenchImporter(Component):
        _name = "bench.partner.importer"
        _collection = COLLECTION
        _usage = "record.importer"
        _apply_on = "res.partner"

    class GenericImporter(Component):
        _name = "bench.generic.importer"
        _collection = COLLECTION
        _usage = "record.importer"

    listeners = [
        type(
            f"BenchListener{index}",
            (Component,),
            {"_name": f"bench.listener.{index}", "_usage": "event.listener"},
        )
        for index in range(3)
    ]
    return [
        BenchAdapter,
        BenchBinder,
        GenericBinder,
        BenchImporter,
        GenericImporter,
        *listeners,
    ]


def _synthetic_components(count=1000):
    """``count`` component classes: 10% abstract bases, 80% concrete children
    of them, 10% extensions of the children. Created outside the timing."""
    from odoo.addons.component.core import AbstractComponent, Component

    bases = count // 10
    extensions = count // 10
    classes = []
    for index in range(bases):
        classes.append(
            type(
                f"SynthBase{index}",
                (AbstractComponent,),
                {"_name": f"synth.base.{index}", "_usage": f"usage.{index % 20}"},
            )
        )
    children = count - bases - extensions
    for index in range(children):
        classes.append(
            type(
                f"SynthChild{index}",
                (Component,),
                {
                    "_name": f"synth.child.{index}",
                    "_inherit": f"synth.base.{index % bases}",
                    "_apply_on": [f"model.{index % 50}"],
                },
            )
        )
    for index in range(extensions):
        classes.append(
            type(
                f"SynthExtension{index}",
                (Component,),
                {"_inherit": f"synth.child.{index}"},
            )
        )
    return classes


def _forget(classes):
    from odoo.addons.component.core import MetaComponent

    # the classes are created here, not in a 'tests' module: do not leave them
    # collected for a (hypothetical) later load_components of this module
    for classes_of_addon in MetaComponent._modules_components.values():
        classes_of_addon[:] = [cls for cls in classes_of_addon if cls not in classes]


def _build_synthetic(classes):
    from odoo.addons.component.core import ComponentRegistry

    registry = ComponentRegistry()
    registry.load_components("component")
    for cls in classes:
        cls._build_component(registry)
    return registry


def _suite_database(ctx):
    """The database with the suite's framework addons, or the one with
    ``component`` only when it cannot be created (reported, not hidden)."""
    modules = [name for name in SUITE if (ctx.repo / name / "__manifest__.py").exists()]
    try:
        return ctx.database(modules), None
    except RuntimeError as err:
        ctx.log("falling back to a database with component only: %s", err)
        return ctx.database(["component"]), str(err)


def run(ctx):
    dbname, suite_error = _suite_database(ctx)
    ctx.setup_odoo()
    # imported once Odoo knows the addons path of the repository
    from odoo.addons.component.core import (
        ComponentRegistry,
        MetaComponent,
        WorkContext,
        _component_databases,
    )

    figures = {}
    with ctx.environment(dbname) as env:
        # loading the Odoo registry ran component.builder._register_hook
        database_registry = _component_databases.get(dbname)
        assert database_registry is not None and database_registry.ready
        builder = env["component.builder"]

        def build_installed():
            builder.build_registry(ComponentRegistry())

        figures["build_installed_addons_s"] = ctx.best_time(
            build_installed, repeat=7, clock=CLOCK
        )

        registry = ComponentRegistry()
        builder.build_registry(registry)
        figures["installed_addons"] = len(registry._loaded_modules)
        figures["addons_with_components"] = sorted(
            name
            for name in registry._loaded_modules
            if MetaComponent._modules_components.get(name)
        )
        figures["installed_components"] = len(list(registry))
        if suite_error:
            figures["suite_database_error"] = suite_error
        bench_classes = _connector_like_components()
        _forget(set(bench_classes))
        for cls in bench_classes:
            cls._build_component(registry)
        registry.ready = True

        collection = env[COLLECTION].new()
        work = WorkContext(
            model_name="res.partner",
            collection=collection,
            components_registry=registry,
        )
        # the components really are the expected ones before timing them
        assert work.component(usage="record.importer")._name == "bench.partner.importer"
        assert (
            work.component(usage="binder", model_name="res.partner")._name
            == "bench.binder"
        )
        assert len(work.many_components(usage="event.listener")) == 3

        def component():
            return work.component(usage="record.importer", model_name="res.partner")

        def component_by_name():
            return work.component_by_name("bench.binder")

        def many_components():
            return work.many_components(usage="event.listener")

        figures["component_per_s"] = round(
            ctx.rate(component, number=200_000, clock=CLOCK)
        )
        figures["component_by_name_per_s"] = round(
            ctx.rate(component_by_name, number=200_000, clock=CLOCK)
        )
        figures["many_components_per_s"] = round(
            ctx.rate(many_components, number=100_000, clock=CLOCK)
        )

    synthetic = _synthetic_components()
    _forget(set(synthetic))
    built = _build_synthetic(synthetic)
    assert len([name for name in built if name.startswith("synth.")]) == 900
    figures["build_1000_components_s"] = ctx.best_time(
        lambda: _build_synthetic(synthetic), clock=CLOCK
    )

    figures["build_installed_addons_s"] = round(figures["build_installed_addons_s"], 4)
    figures["build_1000_components_s"] = round(figures["build_1000_components_s"], 4)
    figures["clock"] = ctx.forced_clock or CLOCK
    figures["targets"] = TARGETS
    figures["meets_targets"] = (
        figures["component_per_s"] >= TARGETS["component_per_s"]
        and figures["component_by_name_per_s"] >= TARGETS["component_by_name_per_s"]
        and figures["build_1000_components_s"] < TARGETS["build_1000_components_s"]
    )
    return figures
