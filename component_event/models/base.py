# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Fire events from every model.

``create``, ``write`` and ``unlink`` notify ``on_record_create``,
``on_record_write`` and ``on_record_unlink``; any code can notify its own
events with ``self._event("on_my_event").notify(...)``.

Cost: most models have no listener. For them, an event is a few dictionary
lookups: whether anybody listens to (event, collection, model) is cached on
the collecter class of the component registry, and it is checked before any
work context or component is built and before looping on the records.
"""

from odoo import api, models

from odoo.addons.component.core import _component_databases

from ..components.event import CollectedEvents
from ..core import EventWorkContext

# Context key that silences every event of this addon, e.g. for bulk
# imports: ``records.with_context(component_event_disable=True).write(...)``.
DISABLE_EVENTS_CONTEXT_KEY = "component_event_disable"

COLLECTER_NAME = "base.event.collecter"


class Base(models.AbstractModel):
    _inherit = "base"

    def _event(self, name, collection=None, components_registry=None):
        """Return the listeners of event ``name`` for this model.

        :param name: event name, starting with ``on_``
        :param collection: a collection record (e.g. a backend): only
            listeners of that collection or of no collection are called;
            without it, listeners of any collection are called
        :param components_registry: the component registry to use; the
            ``components_registry`` context key wins over it, and the
            registry of the database is the default
        :return: a
            :class:`~odoo.addons.component_event.components.event.CollectedEvents`;
            ``.has_listeners`` tells whether ``.notify(...)`` will call anybody

        Nobody is called while the component registry is not ready (during
        module installation or update) or when the context has
        ``component_event_disable``::

            self._event("on_invoice_paid").notify(invoice, amount=10.0)
        """
        if not name.startswith("on_"):
            raise ValueError(f"an event name always starts with 'on_', got {name!r}")
        registry = self._event_components_registry(collection, components_registry)
        if registry is None or not registry.ready:
            # the Odoo registry is being loaded: components are not built yet
            return CollectedEvents([])
        collecter_class = registry.get(COLLECTER_NAME)
        if collecter_class is None:
            return CollectedEvents([])
        collection_name = collection._name if collection is not None else None
        if not collecter_class._lookup_listeners(
            registry, collection_name, self._name, name
        ):
            return CollectedEvents([])
        if collection is not None:
            work = EventWorkContext(
                collection=collection,
                model_name=self._name,
                components_registry=registry,
            )
        else:
            work = EventWorkContext(
                env=self.env, model_name=self._name, components_registry=registry
            )
        return collecter_class(work).collect_events(name)

    def _event_components_registry(self, collection, components_registry):
        """The component registry of an event, or None when events are off."""
        context = self.env.context
        if context.get(DISABLE_EVENTS_CONTEXT_KEY):
            return None
        registry = context.get("components_registry", components_registry)
        # as WorkContext does, the collection's own context has the last word
        if collection and "components_registry" in collection.env.context:
            registry = collection.env.context["components_registry"]
        if registry is None:
            if not self.env.registry.ready:
                # Modules are being installed or updated. In a running server
                # the previous component registry is still the database's one
                # until component.builder's _register_hook replaces it: it
                # must not react to the records written by module data.
                return None
            registry = _component_databases.get(self.env.cr.dbname)
        return registry

    def _record_event_listened(self, name):
        """False when ``create``, ``write`` or ``unlink`` surely have nobody
        to notify of ``name``: then they skip :meth:`_event` altogether.

        These run for every record of every model and most models have no
        listener, so this is :meth:`_event`'s check without its work: no
        collection, no objects built, the collecter's cache read as a plain
        dictionary. A model overriding :meth:`_event` is always asked
        through it.
        """
        if type(self)._event is not _base_event:
            return True
        registry = self._event_components_registry(None, None)
        if registry is None or not registry.ready:
            return False
        collecter_class = registry.get(COLLECTER_NAME)
        if collecter_class is None:
            return False
        try:
            found = collecter_class._cache.plain.get((None, self._name, name))
        except AttributeError:  # a collecter whose cache is not ours
            found = None
        if found is None:
            found = collecter_class._lookup_listeners(registry, None, self._name, name)
        return bool(found)

    @api.model_create_multi
    def create(self, vals_list):
        if not self._record_event_listened("on_record_create"):
            return super().create(vals_list)
        events = self._event("on_record_create")
        if not events.has_listeners:
            return super().create(vals_list)
        # the keys given to this create, read before the ORM handles them
        fields_list = [list(vals) for vals in vals_list]
        records = super().create(vals_list)
        for record, fields in zip(records, fields_list, strict=False):
            events.notify(record, fields=fields)
        return records

    def write(self, vals):
        if not self or not self._record_event_listened("on_record_write"):
            return super().write(vals)
        events = self._event("on_record_write")
        if not events.has_listeners:
            return super().write(vals)
        fields = list(vals)
        result = super().write(vals)
        for record in self:
            events.notify(record, fields=list(fields))
        return result

    def unlink(self):
        if self and self._record_event_listened("on_record_unlink"):
            events = self._event("on_record_unlink")
            # before super(): listeners can still read the records
            if events.has_listeners:
                for record in self:
                    events.notify(record)
        return super().unlink()


_base_event = Base._event
