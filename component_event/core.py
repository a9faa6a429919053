# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Work context of events.

Events are notified from any model, most of the time without a collection
(``record._event("on_record_create")``). :class:`EventWorkContext` is the
work context handed to listeners in that case: it carries an Odoo
environment instead of a collection. Listeners that need the usual component
machinery switch to a collection first::

    def on_record_write(self, record, fields=None):
        backend = self.env["my.backend"].browse(1)
        with backend.work_on("my.binding") as work:  # or self.work.work_on(...)
            work.component(usage="record.exporter").run(record)
"""

from odoo import models

from odoo.addons.component.core import WorkContext

_NO_COLLECTION_HINT = (
    "This EventWorkContext has no collection: it was created with an Odoo env "
    "only, so it cannot look up components.\n"
    "Switch to a collection first, for instance:\n"
    "    work = self.work.work_on(collection=backend_record)\n"
    "    work.{method}(...)"
)


class EventWorkContext(WorkContext):
    """Work context usable with either a collection or a bare Odoo env.

    Exactly one of ``collection`` and ``env`` must be given. With an env
    only, :attr:`collection` raises :class:`ValueError` and the component
    lookups raise :class:`TypeError` until :meth:`work_on` is given a
    collection; :meth:`work_on` always returns a plain
    :class:`~odoo.addons.component.core.WorkContext`.
    """

    _env = None
    _collection = None

    def __init__(
        self,
        model_name=None,
        collection=None,
        env=None,
        components_registry=None,
        **kwargs,
    ):
        # compared to None: the truth value of an env counts its models
        if collection is None and env is None:
            raise ValueError("collection or env is required")
        if env is not None and collection:
            raise ValueError("collection and env cannot both be provided")
        # set before super().__init__() which reads self.env to get the model
        self.env = env
        super().__init__(
            model_name=model_name,
            collection=collection,
            components_registry=components_registry,
            **kwargs,
        )
        if self._env is not None:
            # propagate the env instead of the (missing) collection
            self._propagate_kwargs = [
                "env" if name == "collection" else name
                for name in self._propagate_kwargs
            ]

    @property
    def env(self):
        """The env given at creation, else the env of the collection."""
        if self._env is not None:
            return self._env
        return super().env

    @env.setter
    def env(self, value):
        self._env = value

    @property
    def collection(self):
        """The collection; raises :class:`ValueError` on an env-only context."""
        if self._collection is not None:
            return self._collection
        raise ValueError("No collection, it is optional for EventWorkContext")

    @collection.setter
    def collection(self, value):
        self._collection = value

    def work_on(self, model_name=None, collection=None):
        """Return a plain ``WorkContext`` on ``collection`` (or the own one).

        ``collection`` must live in the very same env as this context, so
        that a listener never escapes the transaction or the user of the
        event it handles.
        """
        if collection is None and self._collection is None:
            raise ValueError("you must provide a collection to work with")
        if collection is not None and collection.env is not self.env:
            raise ValueError(
                "the Odoo env of the collection must be the same than the current one"
            )
        kwargs = {
            name: getattr(self, name)
            for name in self._propagate_kwargs
            if name != "env"
        }
        if collection is not None:
            kwargs["collection"] = collection
        if model_name is not None:
            kwargs["model_name"] = model_name
        return WorkContext(**kwargs)

    def _work_with_collection(self, method, model_name):
        """Plain work context on the own collection, or a hint if none."""
        if self._collection is None:
            raise TypeError(_NO_COLLECTION_HINT.format(method=method))
        if isinstance(model_name, models.BaseModel):
            model_name = model_name._name
        return self.work_on(collection=self._collection, model_name=model_name)

    def component_by_name(self, name, model_name=None):
        work = self._work_with_collection("component_by_name", model_name)
        return work.component_by_name(name)

    def component(self, usage=None, model_name=None, **kw):
        work = self._work_with_collection("component", model_name)
        return work.component(usage=usage, **kw)

    def many_components(self, usage=None, model_name=None, **kw):
        """All matching components, as a list (upstream returned only one)."""
        work = self._work_with_collection("many_components", model_name)
        return work.many_components(usage=usage, **kw)

    def __str__(self):
        # never raise, even on a half-initialised context: repr() is used by
        # debuggers and error messages
        target = self._env if self._env is not None else self._collection
        return f"EventWorkContext(\n    {target!r},{getattr(self, 'model_name', None)})"

    __repr__ = __str__
