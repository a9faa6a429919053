"""Binders: the link between external ids and Odoo bindings."""

import logging

from odoo import fields, models

from odoo.addons.component.core import AbstractComponent

_logger = logging.getLogger(__name__)


def _is_empty_id(value) -> bool:
    """Tell whether ``value`` cannot be an external id.

    ``None``, booleans and ``""`` are empty; ``0`` is a valid id (some
    systems number their records from 0).
    """
    return value is None or isinstance(value, bool) or value == ""


class Binder(AbstractComponent):
    """Find the binding of an external id, or the external id of a binding.

    The field names below are meant to be overridden by connectors whose
    binding models name them differently::

        class ShopBinder(Component):
            _name = "my_shop.binder"
            _inherit = "base.binder"
            _apply_on = ["my_shop.res.partner", "my_shop.product.product"]
            _external_field = "shop_id"

        binding = binder.to_internal("42")          # my_shop.res.partner()
        partner = binder.to_internal("42", unwrap=True)  # res.partner()
        binder.bind("42", binding)
    """

    _name = "base.binder"
    _inherit = "base.connector"
    _usage = "binder"

    # Field names on the binding model; override them in a connector.
    _external_field = "external_id"
    _backend_field = "backend_id"
    _odoo_field = "odoo_id"
    _sync_date_field = "sync_date"

    def _browse_binding(self, binding):
        """Accept a binding record or id and return the record."""
        if isinstance(binding, models.BaseModel):
            binding.ensure_one()
            return binding
        return self.model.browse(binding)

    def _search_model(self):
        """The binding model seeing inactive records (memoised: hot path)."""
        search_model = self.__dict__.get("_binder_search_model")
        if search_model is None:
            search_model = self.model.with_context(active_test=False)
            self.__dict__["_binder_search_model"] = search_model
        return search_model

    def _no_export_env(self, env):
        """``env`` with ``connector_no_export`` (memoised: bind is a hot path
        and every new environment is looked up among the transaction's)."""
        cached = self.__dict__.get("_binder_no_export_env")
        if cached is None or cached[0] is not env:
            cached = (env, env(context=dict(env.context, connector_no_export=True)))
            self.__dict__["_binder_no_export_env"] = cached
        return cached[1]

    def to_internal(self, external_id, unwrap=False):
        """Return the binding (or with ``unwrap``, the Odoo record) of an external id.

        Inactive bindings are found too. An empty id (``None``, ``False``,
        ``True``, ``""``) or an unknown one gives an empty recordset. The
        result keeps the caller's context: the ``active_test=False`` used for
        the search does not leak into it::

            partner = binder.to_internal(external_id, unwrap=True)
            if not partner:
                ...
        """
        model = self.model
        if _is_empty_id(external_id):
            bindings = model.browse()
        else:
            bindings = self._search_model().search(
                [
                    (self._external_field, "=", external_id),
                    (self._backend_field, "=", self.backend_record.id),
                ]
            )
            if bindings:
                bindings.ensure_one()
        if unwrap:
            bindings = bindings[self._odoo_field]
        # with_env, not with_context(**ctx): the caller's context is restored
        # as it was instead of being merged with active_test=False.
        return bindings.with_env(model.env)

    def to_external(self, binding, wrap=False):
        """Return the external id of a binding (record or id).

        With ``wrap=True``, ``binding`` is the Odoo record (or its id) and its
        binding on the current backend is searched first; None is returned
        when it has none::

            external_id = binder.to_external(partner, wrap=True)
        """
        if wrap:
            record_id = binding.id if isinstance(binding, models.BaseModel) else binding
            binding = self._search_model().search(
                [
                    (self._odoo_field, "=", record_id),
                    (self._backend_field, "=", self.backend_record.id),
                ]
            )
            if not binding:
                return None
            binding.ensure_one()
        else:
            binding = self._browse_binding(binding)
        return binding[self._external_field]

    def bind(self, external_id, binding):
        """Store the external id on the binding and stamp the sync date.

        The write carries ``connector_no_export`` so that listeners do not
        export the binding again. ``0`` is accepted; ``None``, booleans and
        ``""`` are rejected::

            binder.bind(remote["id"], binding)
        """
        assert not _is_empty_id(external_id) and binding, (
            f"external_id or binding missing, got: {external_id}, {binding}"
        )
        binding = self._browse_binding(binding)
        binding.with_env(self._no_export_env(binding.env)).write(
            {
                self._external_field: external_id,
                self._sync_date_field: fields.Datetime.now(),
            }
        )

    def unwrap_binding(self, binding):
        """Return the Odoo record wrapped by a binding (record or id)."""
        return self._browse_binding(binding)[self._odoo_field]

    def unwrap_model(self):
        """Return the name of the Odoo model wrapped by the binding model.

        Raises ValueError when the binding model has no ``_odoo_field``.
        """
        try:
            column = self.model._fields[self._odoo_field]
        except KeyError as err:
            raise ValueError(
                f"Cannot unwrap model {self.model._name}, because it has no "
                f"{self._odoo_field} fields"
            ) from err
        return column.comodel_name
