# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Events: listeners, the collecter that finds them, and ``skip_if``.

A listener is a concrete component inheriting ``base.event.listener``; each
of its methods whose name starts with ``on_`` handles the event of that
name::

    from odoo.addons.component.core import Component
    from odoo.addons.component_event import skip_if


    class PartnerListener(Component):
        _name = "my.partner.listener"
        _inherit = "base.event.listener"
        _apply_on = ["res.partner"]  # optional: only events of these models
        # _collection = "my.backend"  # optional: only events of that collection

        @skip_if(lambda self, record, **kwargs: record.is_company)
        def on_record_write(self, record, fields=None):
            record.with_delay().export_record(fields=fields)

Events are notified with ``record._event("on_record_write").notify(...)``
(see ``models/base.py``).
"""

import functools
import threading
from collections.abc import Callable
from typing import Any

from cachetools import LRUCache

from odoo.addons.component.core import AbstractComponent, Component

from ..core import EventWorkContext

__all__ = ["skip_if"]

# Number of (collection, model, event name) entries kept by the collecter.
DEFAULT_EVENT_CACHE_SIZE = 512

# cachetools caches are not thread-safe; only writes take the lock, a read
# that races with an eviction is simply treated as a miss.
_cache_lock = threading.Lock()


class _ListenerCache(LRUCache):
    """The collecter's LRU cache, with a plain ``dict`` copy of its entries.

    ``plain.get(key)`` is what every ``create``/``write``/``unlink`` of every
    model asks first (does anybody listen?), without the LRU bookkeeping of
    ``cache[key]``. The copy follows every store, eviction and ``clear()``.
    """

    def __init__(self, maxsize, getsizeof=None):
        super().__init__(maxsize, getsizeof)
        self.plain = {}

    def __setitem__(self, key, value):
        result = super().__setitem__(key, value)
        self.plain[key] = value
        return result

    def __delitem__(self, key):
        result = super().__delitem__(key)
        self.plain.pop(key, None)
        return result

    def clear(self):
        result = super().clear()
        self.plain.clear()
        return result


def skip_if(cond: Callable[..., Any]) -> Callable:
    """Skip the decorated event method when ``cond`` is truthy.

    ``cond`` receives exactly the arguments of the event method, ``self``
    (the listener) included. Decorators can be stacked: the method is skipped
    as soon as one condition is truthy::

        @skip_if(lambda self, record, **kw: self.no_connector_export(record))
        @skip_if(lambda self, record, fields=None: fields == ["write_date"])
        def on_record_write(self, record, fields=None):
            ...
    """

    def decorator(method):
        @functools.wraps(method)
        def wrapper(*args, **kwargs):
            if cond(*args, **kwargs):
                return None
            return method(*args, **kwargs)

        return wrapper

    return decorator


class CollectedEvents:
    """The event methods found for one notification.

    ``events`` is the list of bound listener methods, in the registration
    order of their components (upstream used an unordered set).
    """

    def __init__(self, events):
        self.events = events

    @property
    def has_listeners(self) -> bool:
        """True when :meth:`notify` calls at least one listener method."""
        return bool(self.events)

    def notify(self, *args, **kwargs):
        """Call every collected event method with these arguments."""
        for event in self.events:
            event(*args, **kwargs)


class EventCollecter(Component):
    """Find the listeners of an event for a collection and a model.

    What it finds is cached per (collection, model, event name) on the built
    class, so the cache dies with the component registry that built it.
    """

    _name = "base.event.collecter"

    @classmethod
    def _complete_component_build(cls):
        result = super()._complete_component_build()
        cls._cache = _ListenerCache(maxsize=DEFAULT_EVENT_CACHE_SIZE)
        return result

    @classmethod
    def _lookup_listeners(cls, components_registry, collection_name, model_name, name):
        """Map each listener class having event ``name`` to ``{name}``.

        This is the cached part of the collect, usable without any work
        context: ``Base._event`` calls it first to know for free whether
        anybody listens. Callers must not mutate the result.
        """
        key = (collection_name, model_name, name)
        cache = cls._cache
        try:
            return cache[key]
        except KeyError:
            found = {}
        for listener_class in components_registry.lookup(
            collection_name=collection_name,
            usage="event.listener",
            model_name=model_name,
        ):
            has_event = getattr(listener_class, "has_event", None)
            if has_event is not None and has_event(name):
                found[listener_class] = {name}
        with _cache_lock:
            cache[key] = found
        return found

    def _collect_events(self, name):
        work = self.work
        if isinstance(work, EventWorkContext):
            collection = work._collection
        else:
            collection = work.collection
        collection_name = collection._name if collection is not None else None
        return self._collect_events_cached(collection_name, work.model_name, name)

    def _collect_events_cached(self, collection_name, model_name, name):
        return self._lookup_listeners(
            self.work.components_registry, collection_name, model_name, name
        )

    def _init_collected_events(self, class_events):
        """Instantiate the listeners and return their bound event methods."""
        events = []
        for listener_class, names in class_events.items():
            listener = listener_class(self.work)
            events.extend(getattr(listener, name) for name in names)
        return events

    def collect_events(self, name) -> CollectedEvents:
        """Return the listener methods for event ``name``, ready to notify."""
        if not name.startswith("on_"):
            raise ValueError(f"an event name always starts with 'on_', got {name!r}")
        return CollectedEvents(self._init_collected_events(self._collect_events(name)))


class EventListener(AbstractComponent):
    """Base of the listeners: each ``on_*`` method handles that event."""

    _name = "base.event.listener"
    _usage = "event.listener"

    _events = frozenset()

    @classmethod
    def has_event(cls, name) -> bool:
        """True when this listener handles the event ``name``."""
        return name in cls._events

    @classmethod
    def _build_event_listener_component(cls):
        """Record the ``on_*`` methods; abstract listeners handle nothing."""
        if cls._abstract:
            cls._events = set()
        else:
            cls._events = {name for name in dir(cls) if name.startswith("on_")}

    @classmethod
    def _complete_component_build(cls):
        result = super()._complete_component_build()
        cls._build_event_listener_component()
        return result
