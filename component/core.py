# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Core of the component framework.

Everything here is plain Python: the registry of components of a database, the
:class:`WorkContext` that carries the environment from one component to the
next, the metaclass that collects component classes per addon, and the
component base classes. Nothing touches the database, so the registry and the
lookups can be tested and measured on their own. The Odoo glue lives in
``builder.py`` (building a registry per database) and ``models/collection.py``
(``collection.base.work_on()``).
"""

import logging
import operator
from collections import OrderedDict, defaultdict

from odoo import models
from odoo.tools.misc import LastOrderedSet, OrderedSet

from .exception import NoComponentError, RegistryNotReadyError, SeveralComponentError

_logger = logging.getLogger(__name__)

try:
    from cachetools import LRUCache, cachedmethod
except ImportError:
    _logger.debug("Cannot import 'cachetools'.")

# Number of ``lookup()`` results kept by a ComponentRegistry.
DEFAULT_CACHE_SIZE = 512


def _get_addon_name(full_name):
    """Return the addon name of the Python module ``full_name``."""
    if full_name.startswith("odoo.addons."):
        return full_name.split(".")[2]
    return full_name.split(".")[0]


class ComponentDatabases(dict):
    """Holds one :class:`ComponentRegistry` per database name."""


# Process-wide: ``component.builder`` replaces the entry of a database each time
# the Odoo registry of that database is (re)built.
_component_databases = ComponentDatabases()


class _LookupCache(LRUCache):
    """LRU cache of ``ComponentRegistry.lookup()`` results.

    Thread safety: Odoo serves requests and runs jobs in several threads of
    one process, all sharing a database's registry and so this cache, which
    holds no lock. A lookup only reads the registry's components, not changed
    once the registry is ready: two threads computing the same key store
    equal values, the last write wins. A derived entry is written after its
    lookup key; a thread reading in between misses and computes it again.
    What is not guarded is an eviction racing another write (cachetools'
    LRU bookkeeping); the cache holds 512 keys by default, more than the
    (collection, usage, model) triples of a usual database.

    It also keeps what :class:`WorkContext` derives from a cached lookup result
    (the single component chosen by the precedence rules, or the list of classes
    of ``many_components``). A derived entry lives exactly as long as the lookup
    result it comes from: it goes away when that result is evicted or when the
    cache is cleared, so ``registry._cache.clear()`` keeps its documented effect
    of making new components visible.
    """

    def __init__(self, maxsize, getsizeof=None):
        super().__init__(maxsize, getsizeof)
        self.resolved_one = {}
        self.resolved_many = {}
        self._derived = {}

    def derive(self, lookup_key, store, key, value):
        """Remember ``store[key] = value`` while ``lookup_key`` stays cached."""
        if lookup_key in self:
            store[key] = value
            self._derived.setdefault(lookup_key, []).append((store, key))

    def __delitem__(self, key):
        for store, derived_key in self._derived.pop(key, ()):
            store.pop(derived_key, None)
        return super().__delitem__(key)

    def clear(self):
        self.resolved_one.clear()
        self.resolved_many.clear()
        self._derived.clear()
        return super().clear()


def _lookup_key(registry, collection_name=None, usage=None, model_name=None):
    """Key of a ``lookup()`` in the cache: one plain tuple, the same whether
    the arguments are passed by position or by keyword. ``WorkContext``
    builds the same tuple to find what it derived from a lookup."""
    return (collection_name, usage, model_name)


class ComponentRegistry:
    """Store of the built components of a database, and their lookup.

    A registry is filled by ``load_components(addon)`` (done by
    ``component.builder`` for every installed addon, in dependency order) and
    queried by :class:`WorkContext`. It behaves as a mapping from component name
    to the built class::

        registry = ComponentRegistry()
        registry.load_components("component")
        registry["base"]  # the class built for the component 'base'
        registry.lookup("my.backend", usage="binder", model_name="res.partner")
    """

    def __init__(self, cachesize=DEFAULT_CACHE_SIZE):
        self._cache = _LookupCache(maxsize=cachesize)
        self._components = OrderedDict()
        self._loaded_modules = set()
        self.ready = False

    def __getitem__(self, key):
        return self._components[key]

    def __setitem__(self, key, value):
        self._components[key] = value

    def __contains__(self, key):
        return key in self._components

    def get(self, key, default=None):
        return self._components.get(key, default)

    def __iter__(self):
        return iter(self._components)

    def load_components(self, module):
        """Build the components declared by the addon ``module``, once."""
        if module in self._loaded_modules:
            return
        for component_class in MetaComponent._modules_components[module]:
            component_class._build_component(self)
        self._loaded_modules.add(module)

    @cachedmethod(operator.attrgetter("_cache"), key=_lookup_key)
    def lookup(self, collection_name=None, usage=None, model_name=None):
        """Return the concrete component classes matching the arguments.

        Classes come in registration order. A class without ``_collection``
        matches any collection and a class without ``_apply_on`` any model.
        Results are cached until ``self._cache.clear()``: the same list object
        is returned for the same arguments. Only the attributes ``_abstract``,
        ``_collection``, ``_usage`` and ``apply_on_models`` are read, so any
        object providing them can be registered::

            registry.lookup("my.backend", usage="binder")
        """
        candidates = []
        for component_class in self._components.values():
            if component_class._abstract:
                continue
            if collection_name is not None and component_class._collection not in (
                collection_name,
                None,
            ):
                continue
            if usage is not None and component_class._usage != usage:
                continue
            if model_name is not None:
                apply_on = component_class.apply_on_models
                if apply_on is not None and model_name not in apply_on:
                    continue
            candidates.append(component_class)
        return candidates


class WorkContext:
    """Transport the environment (collection, model, registry, anything else)
    from one component to the next; it is also the entry point of lookups.

    Usually obtained from a collection::

        with backend.work_on("demo.shop.res.partner", rest_client=client) as work:
            importer = work.component(usage="record.importer")
            binder = importer.component(usage="binder")  # same work, propagated
            assert binder.work.rest_client is client

    :param model_name: name of the Odoo model the components work on
    :param collection: record of a model inheriting ``collection.base``
    :param components_registry: the :class:`ComponentRegistry` to look
        components up in; by default the one of the database (a
        ``components_registry`` key in the collection's context wins)
    :param kwargs: any other value, set as attribute and propagated to the
        work contexts spawned by :meth:`work_on`
    """

    def __init__(
        self, model_name=None, collection=None, components_registry=None, **kwargs
    ):
        self.collection = collection
        self.model_name = model_name
        self.model = self.env[model_name]
        # Tests put their own registry in the context of the collection, and it
        # must win over whatever the caller passes down.
        if collection:
            context = collection.env.context
            if "components_registry" in context:
                components_registry = context["components_registry"]
        if components_registry is None:
            dbname = self.env.cr.dbname
            try:
                components_registry = _component_databases[dbname]
            except KeyError as err:
                _logger.error(
                    "No component registry for database %s. "
                    "Probably because the Odoo registry has not been built yet.",
                    dbname,
                )
                raise RegistryNotReadyError(
                    f"No component registry for database {dbname}. Probably because "
                    "the Odoo registry has not been built yet. Hint: components "
                    "are available once the Odoo registry of that database is "
                    "loaded (model 'component.builder' builds them); in tests, "
                    "base the test class on TransactionComponentCase."
                ) from err
        self.components_registry = components_registry
        self._propagate_kwargs = ["collection", "model_name", "components_registry"]
        for attr_name, value in kwargs.items():
            setattr(self, attr_name, value)
            self._propagate_kwargs.append(attr_name)

    def __init_subclass__(cls, **kwargs):
        # The fast paths of component(), many_components() and
        # component_by_name() skip the private methods of the full lookup. A
        # subclass overriding any private method of WorkContext expects its
        # override to run: it gets the full path, whichever method it is.
        cls._default_lookup = not any(
            name.startswith("_") and not name.startswith("__") and callable(value)
            for klass in cls.__mro__[: cls.__mro__.index(WorkContext)]
            for name, value in vars(klass).items()
            if name in vars(WorkContext)
        )
        return super().__init_subclass__(**kwargs)

    @property
    def env(self):
        """The Odoo environment of the collection."""
        return self.collection.env

    def work_on(self, model_name=None, collection=None):
        """Return a new work context with the same attributes, for another
        model and/or collection::

            with backend.work_on("res.partner") as work:
                user_work = work.work_on("res.users")
        """
        kwargs = {
            attr_name: getattr(self, attr_name) for attr_name in self._propagate_kwargs
        }
        if collection is not None:
            kwargs["collection"] = collection
        if model_name is not None:
            kwargs["model_name"] = model_name
        return self.__class__(**kwargs)

    def _describe_collection(self):
        # used in messages only: never let the description itself fail
        try:
            return self.collection._name
        except Exception:  # noqa: BLE001 - a description must not fail
            return None

    def _component_class_by_name(self, name):
        component_class = self.components_registry.get(name)
        if not component_class:
            raise NoComponentError(
                f"No component with name '{name}' found. Work context: collection "
                f"'{self._describe_collection()}', model '{self.model_name}'. Hint: "
                "check the spelling of the name and that the addon declaring the "
                "component is installed."
            )
        return component_class

    def component_by_name(self, name, model_name=None):
        """Return the component named ``name``, bypassing the lookup by usage.

        The component must belong to the collection of the work context (or to
        none) and apply on the model (``model_name`` or the work context's)::

            binder = work.component_by_name("demo.binder", model_name="res.partner")
        """
        if model_name is not None and isinstance(model_name, models.BaseModel):
            model_name = model_name._name
        registry = self.components_registry
        if self._default_lookup and type(registry) is ComponentRegistry:
            component_class = registry._components.get(name)
            if component_class is None:
                component_class = self._component_class_by_name(name)
        else:
            component_class = self._component_class_by_name(name)
        work_model = model_name or self.model_name
        collection_name = component_class._collection
        if collection_name and collection_name != self.collection._name:
            raise NoComponentError(
                f"Component with name '{name}' can't be used for collection "
                f"'{self.collection._name}'. It belongs to collection "
                f"'{collection_name}'; use a work context of that collection "
                f"(collection.work_on(...))."
            )
        apply_on = component_class._apply_on
        if apply_on is not None:
            if type(component_class) is MetaComponent:
                # what the apply_on_models property computes, without its cost
                if isinstance(apply_on, str):
                    apply_on = [apply_on]
            else:
                apply_on = component_class.apply_on_models
            if apply_on and work_model not in apply_on:
                if len(apply_on) == 1:
                    hint_models = f"'{apply_on[0]}'"
                else:
                    hint_models = f"<one of {apply_on!r}>"
                raise NoComponentError(
                    f"Component with name '{name}' can't be used for model "
                    f"'{work_model}'.\nHint: you might want to use: "
                    f"component_by_name('{name}', model_name={hint_models})"
                )
        if work_model == self.model_name:
            return component_class(self)
        return component_class(self.work_on(work_model))

    def _lookup_components(self, usage=None, model_name=None, **kw):
        component_classes = self.components_registry.lookup(
            self.collection._name, usage=usage, model_name=model_name
        )
        matching = []
        for component_class in component_classes:
            try:
                matched = component_class._component_match(
                    self, usage=usage, model_name=model_name, **kw
                )
            except TypeError as err:
                # _component_match(cls, work) is the signature before 12.0
                _logger.info(
                    "Error calling _component_match on %s: %s", component_class, err
                )
                _logger.info(
                    "%s._component_match should accept the arguments "
                    "(work, usage=None, model_name=None, **kw)",
                    component_class,
                )
                matched = component_class._component_match(self)
            if matched:
                matching.append(component_class)
        return matching

    def _filter_components_by_collection(self, component_classes):
        collection_name = self.collection._name
        return [cls for cls in component_classes if cls._collection == collection_name]

    def _filter_components_by_model(self, component_classes, model_name):
        return [
            cls
            for cls in component_classes
            if cls.apply_on_models and model_name in cls.apply_on_models
        ]

    def _ensure_model_name(self, model_name):
        if isinstance(model_name, models.BaseModel):
            model_name = model_name._name
        return model_name or self.model_name

    def _matching_components(self, usage=None, model_name=None, **kw):
        if model_name == self.model_name:
            work_context = self
        else:
            work_context = self.work_on(model_name)
        component_classes = work_context._lookup_components(
            usage=usage, model_name=model_name, **kw
        )
        return component_classes, work_context

    def _select_component(self, component_classes, usage, model_name):
        """Apply the precedence rules to the candidates of ``component()``."""
        if not component_classes:
            raise NoComponentError(
                f"No component found for collection '{self.collection._name}', "
                f"usage '{usage}', model_name '{model_name}'. Hint: declare a "
                f"component with _usage = '{usage}' and _apply_on = '{model_name}' "
                f"(and _collection = '{self.collection._name}' if it is specific "
                "to it), and check that its addon is installed."
            )
        if len(component_classes) > 1:
            component_classes = self._filter_components_by_collection(component_classes)
        if len(component_classes) > 1:
            component_classes = self._filter_components_by_model(
                component_classes, model_name
            )
        if len(component_classes) != 1:
            raise SeveralComponentError(
                f"Several components found for collection '{self.collection._name}', "
                f"usage '{usage}', model_name '{model_name}'. Found: "
                f"{component_classes!r}. Hint: precedence goes to a component with "
                "the same _collection, then to one with _apply_on on the model; make "
                "one of them more specific or give them different usages."
            )
        return component_classes[0]

    def _resolved_classes(self, registry, key, many):
        """Compute and remember the classes ``component()`` or
        ``many_components()`` end up with for ``key``, or False when they
        cannot be remembered because a candidate decides by itself through
        ``_component_match`` (which must then run on every call)."""
        collection_name, usage, model_name = key
        candidates = registry.lookup(
            collection_name, usage=usage, model_name=model_name
        )
        if any(_overrides_component_match(cls) for cls in candidates):
            result = False
        elif many:
            result = tuple(candidates)
        else:
            try:
                result = self._select_component(candidates, usage, model_name)
            except (NoComponentError, SeveralComponentError):
                return False  # not remembered: the full path raises each time
        cache = registry._cache
        store = cache.resolved_many if many else cache.resolved_one
        cache.derive(key, store, key, result)
        return result

    def component(self, usage=None, model_name=None, **kw):
        """Return the component for ``usage`` on the model, with precedence to
        the components of the work's collection, then to those applied on the
        model. Raise :class:`~odoo.addons.component.exception.NoComponentError`
        when none matches and
        :class:`~odoo.addons.component.exception.SeveralComponentError` when
        the precedence cannot decide::

            adapter = work.component(usage="backend.adapter")
            binder = work.component(usage="binder", model_name="res.partner")
        """
        model_name = self._ensure_model_name(model_name)
        registry = self.components_registry
        if self._default_lookup and type(registry) is ComponentRegistry:
            # Fast path: the chosen class is remembered next to the lookup result
            # it is derived from, as long as no candidate has a _component_match.
            key = (self.collection._name, usage, model_name)
            component_class = registry._cache.resolved_one.get(key)
            if component_class is None:
                component_class = self._resolved_classes(registry, key, False)
            if component_class is not False:
                if model_name == self.model_name:
                    return component_class(self)
                return component_class(self.work_on(model_name))
        component_classes, work_context = self._matching_components(
            usage=usage, model_name=model_name, **kw
        )
        return self._select_component(component_classes, usage, model_name)(
            work_context
        )

    def many_components(self, usage=None, model_name=None, **kw):
        """Return every component matching ``usage`` and the model, in
        registration order (an empty list when none matches)::

            for listener in work.many_components(usage="event.listener"):
                listener.on_record_create(record)
        """
        model_name = self._ensure_model_name(model_name)
        registry = self.components_registry
        if self._default_lookup and type(registry) is ComponentRegistry:
            key = (self.collection._name, usage, model_name)
            component_classes = registry._cache.resolved_many.get(key)
            if component_classes is None:
                component_classes = self._resolved_classes(registry, key, True)
            if component_classes is not False:
                if model_name == self.model_name:
                    work_context = self
                else:
                    work_context = self.work_on(model_name)
                return [cls(work_context) for cls in component_classes]
        component_classes, work_context = self._matching_components(
            usage=usage, model_name=model_name, **kw
        )
        return [cls(work_context) for cls in component_classes]

    def __str__(self):
        return f"WorkContext({self.model_name}, {self.collection!r})"

    def __repr__(self):
        # Follows the __str__ of subclasses, and never raises: a repr is what
        # logs and debuggers show while something else is already failing.
        try:
            return self.__str__()
        except Exception:  # noqa: BLE001 - a description must not fail
            return f"<{type(self).__name__} model={self.__dict__.get('model_name')!r}>"


WorkContext._default_lookup = True


class MetaComponent(type):
    """Metaclass of the components: collects every component class per addon
    (except those declared in ``tests`` modules) so that a registry can build
    them with ``load_components(addon)``."""

    _modules_components = defaultdict(list)

    def __init__(cls, name, bases, attrs):
        super().__init__(name, bases, attrs)
        if any(
            base is not object and not isinstance(base, MetaComponent)
            for base in cls.__mro__
        ):
            cls._chain_init = True
        if not cls._register:
            # the class itself is not collected, its subclasses are
            cls._register = True
            return
        # Components of tests are built explicitly by each test on its own
        # registry; collecting them would leak them into every registry.
        if "tests" in cls.__module__.split("."):
            return
        if not hasattr(cls, "_module"):
            cls._module = _get_addon_name(cls.__module__)
        cls._modules_components[cls._module].append(cls)

    @property
    def apply_on_models(cls):
        """The models of ``_apply_on`` as a list, or None (classes only)."""
        if cls._apply_on is None:
            return None
        if isinstance(cls._apply_on, str):
            return [cls._apply_on]
        return cls._apply_on


class AbstractComponent(metaclass=MetaComponent):
    """Base class of the abstract components: they are never returned by a
    lookup, but give their behaviour to the components that inherit them.

    A component is declared like an Odoo model::

        class DemoShopCustomerAdapter(Component):
            _name = "demo.shop.res.partner.adapter"
            _inherit = "base.backend.adapter"
            _collection = "demo.shop.backend"
            _usage = "backend.adapter"
            _apply_on = ["demo.shop.res.partner"]

            def read(self, external_id):
                return self.work.rest_client.get(f"customers/{external_id}")

    Attributes (meant to be overridden):

    * ``_name``: the name of the component; ``_inherit`` alone extends it
    * ``_inherit``: name or list of names of the parents
    * ``_collection``: name of the collection model it is restricted to
    * ``_apply_on``: model name or list of model names it is restricted to
    * ``_usage``: what it is for, the key of ``component(usage=...)``
    """

    _register = False
    _abstract = True
    _name = None
    _inherit = None
    _collection = None
    _apply_on = None
    _usage = None

    # Set to True by the metaclass on a class that has plain Python classes
    # (mixins) in its MRO: __init__ then chains to them as a cooperative
    # __init__ must. Skipping super().__init__() otherwise keeps instantiation,
    # done on every lookup, cheap.
    _chain_init = False

    def __init__(self, work_context):
        if self._chain_init:
            super().__init__()
        self.work = work_context

    @classmethod
    def _component_match(cls, work, usage=None, model_name=None, **kw):
        """Say whether the component can be used for this lookup.

        Called on each lookup for every candidate; override it to decide on
        something the registry does not know, for instance a version of the
        backend::

            @classmethod
            def _component_match(cls, work, usage=None, model_name=None, **kw):
                return work.collection.version == "3.0"
        """
        return True

    @property
    def collection(self):
        """The collection record of the work context."""
        return self.work.collection

    @property
    def env(self):
        """The Odoo environment of the work context."""
        return self.work.env

    @property
    def model(self):
        """The Odoo model of the work context."""
        return self.work.model

    def component_by_name(self, name, model_name=None):
        """Shortcut to :meth:`WorkContext.component_by_name`."""
        return self.work.component_by_name(name, model_name=model_name)

    def component(self, usage=None, model_name=None, **kw):
        """Shortcut to :meth:`WorkContext.component`.

        For instance::

            binder = self.component(usage="binder")
        """
        return self.work.component(usage=usage, model_name=model_name, **kw)

    def many_components(self, usage=None, model_name=None, **kw):
        """Shortcut to :meth:`WorkContext.many_components`."""
        return self.work.many_components(usage=usage, model_name=model_name, **kw)

    def __str__(self):
        return f"Component({self._name})"

    __repr__ = __str__

    @classmethod
    def _build_component(cls, registry):
        """Build the final component class of ``cls`` in ``registry`` (as Odoo
        builds model classes) and return it.

        The built class has ``cls`` as first base, then the classes of its
        parents (for an extension: the previous bases of the component), and
        ``base`` last. Say addon A declares ``shop.importer`` (``_inherit =
        "base.importer"``) and addon B extends it (``_inherit =
        "shop.importer"``, no ``_name``). After A, the registry holds one
        built class named ``shop.importer``; B's extension rewrites the bases
        of that same built class, so whoever holds it sees B's methods::

                         registry["shop.importer"]  (built by type())
                                      |
                  after A: bases = (A.ShopImporter, registry["base.importer"],
                                    registry["base"])
                  after B: bases = (B.ShopImporterExt, A.ShopImporter,
                                    registry["base.importer"], registry["base"])

            super() in B.ShopImporterExt -> A.ShopImporter -> base.importer's
            built class (itself built the same way) -> ... -> base

        A component of another ``_name`` inheriting ``shop.importer`` gets a
        new built class whose bases are its own class then the built
        ``shop.importer``: later extensions of ``shop.importer`` reach it too.
        """
        parents = cls._inherit
        if isinstance(parents, str):
            parents = [parents]
        elif parents is None:
            parents = []
        else:
            parents = list(parents)

        if cls._name in registry and not parents:
            raise TypeError(
                f"Component {cls._name} (in class {cls}) already exists. Consider "
                "using _inherit instead of _name or using a different _name."
            )

        name = cls._name or (parents[0] if len(parents) == 1 else None)
        if not name:
            raise TypeError(
                f"Component {cls} must have a _name (or an _inherit naming a single "
                f"existing component to extend; got _inherit={cls._inherit!r})."
            )
        if name != "base":
            parents.append("base")

        if name in parents:
            if name not in registry:
                raise TypeError(
                    f"Component {name} does not exist in registry. {cls} extends it "
                    "with _inherit: check the spelling, and that the addon declaring "
                    "it is a dependency of the addon of the extension."
                )
            component_class = registry[name]
            component_class._build_component_check_base(cls)
            check_parent = component_class._build_component_check_parent
        else:
            component_class = type(
                name,
                (AbstractComponent,),
                {"_name": name, "_register": False, "_inherit_children": OrderedSet()},
            )
            check_parent = cls._build_component_check_parent

        bases = LastOrderedSet([cls])
        for parent in parents:
            if parent not in registry:
                raise TypeError(
                    f"Component {name} inherits from non-existing component {parent}. "
                    f"Hint: check the _inherit of {cls}, and that the addon declaring "
                    f"'{parent}' is installed and is a dependency of this one."
                )
            parent_class = registry[parent]
            if parent == name:
                for base in parent_class.__bases__:
                    bases.add(base)
            else:
                check_parent(cls, parent_class)
                bases.add(parent_class)
                parent_class._inherit_children.add(name)
        component_class.__bases__ = tuple(bases)
        component_class._complete_component_build()
        registry[name] = component_class
        return component_class

    @classmethod
    def _build_component_check_base(cls, extend_cls):
        """Forbid making a concrete component out of an abstract one by
        extending it under the same name."""
        if cls._abstract and not extend_cls._abstract:
            raise TypeError(
                f"{extend_cls} transforms the abstract component {cls._name!r} into "
                "a non-abstract component. That class should either inherit from "
                "AbstractComponent, or set a different '_name'."
            )

    @classmethod
    def _build_component_check_parent(component_class, cls, parent_class):  # noqa: B902
        """Forbid an abstract component to inherit a concrete one."""
        if cls._abstract and not parent_class._abstract:
            raise TypeError(
                f"In {cls}, the abstract Component {cls._name!r} cannot inherit from "
                f"the non-abstract Component {parent_class._name!r}. Hint: make "
                f"{cls._name!r} a Component, or inherit from an abstract component."
            )

    @classmethod
    def _complete_component_build(cls):
        """Hook run on the built class once its bases are set, before it is
        registered; subsystems compute class-level data here."""


class Component(AbstractComponent):
    """Base class of the concrete components, the only ones returned by
    lookups. See :class:`AbstractComponent` for how to declare one."""

    _register = False
    _abstract = False


_DEFAULT_COMPONENT_MATCH = AbstractComponent._component_match.__func__


def _overrides_component_match(component_class):
    """Tell whether ``component_class`` has its own ``_component_match``
    (anything that is not the default one, mocks included)."""
    match = getattr(component_class, "_component_match", None)
    return getattr(match, "__func__", None) is not _DEFAULT_COMPONENT_MATCH
