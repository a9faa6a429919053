# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Conflict detection for two-way synchronizations: ``conflict.resolver``."""

import logging
from datetime import datetime, timezone

from odoo import models

from odoo.addons.component.core import Component

from ..models.checkpoint import add_checkpoint

_logger = logging.getLogger(__name__)

REMOTE_WINS = "remote_wins"
ODOO_WINS = "odoo_wins"
HOLD = "hold"

# what a synchronization did with the values of the other side
WRITTEN = "written"
SKIPPED = "skipped"  # the other side wins: nothing written
HELD = "held"  # nothing written, a person reviews it in a checkpoint


class ConflictResolver(Component):
    """Decide what a synchronization does when both sides changed a record.

    A conflict is a record changed in Odoo (``write_date``) *and* on the
    remote side (its modification date) since the binding's ``sync_date``,
    with different values. The policy comes from the binding model's
    ``_connector_conflict_policy`` class attribute:

    - ``remote_wins`` (the default, OCA's behaviour): imports overwrite,
      exports are skipped (import the remote version instead);
    - ``odoo_wins``: imports are skipped, exports overwrite;
    - ``hold``: nothing is written either way and a checkpoint says which
      fields differ.

    In an importer, before writing the binding::

        class ShopPartner(models.Model):
            _name = "shop.res.partner"
            _connector_conflict_policy = "hold"

        resolver = self.component(usage="conflict.resolver")
        if not resolver.should_import(binding, remote_date, map_record.values()):
            return
    """

    _name = "base.connector.conflict.resolver"
    _inherit = "base.connector"
    _usage = "conflict.resolver"

    # policy when the binding model declares none; meant to be overridden
    _default_policy = REMOTE_WINS
    # meant to be overridden: backend field (a selection of the policies)
    # overriding the policy of a binding model, e.g.
    # {"shop.res.partner": "conflict_policy_customer"}; empty: the model's
    _policy_fields = {}

    def should_import(self, binding, remote_date, remote_values, odoo_values=None):
        """Return whether an import may write ``remote_values`` on ``binding``.

        ``remote_values`` are the mapped values (Odoo field names);
        ``odoo_values`` default to the same fields read on the binding.
        """
        return (
            self.get_import_outcome(binding, remote_date, remote_values, odoo_values)
            == WRITTEN
        )

    def should_export(self, binding, remote_date, odoo_values, remote_values):
        """Return whether an export may overwrite the remote record.

        Both dicts are in the remote's terms: ``odoo_values`` as the export
        mapper gives them, ``remote_values`` as the adapter read them.
        """
        return (
            self.get_export_outcome(binding, remote_date, odoo_values, remote_values)
            == WRITTEN
        )

    def get_import_outcome(self, binding, remote_date, remote_values, odoo_values=None):
        """Return ``WRITTEN``, ``SKIPPED`` or ``HELD`` for an import.

        Same arguments as :meth:`should_import`; the importer writes and
        binds on ``WRITTEN`` only::

            outcome = resolver.get_import_outcome(binding, remote_date, values)
            if outcome == WRITTEN:
                binding.write(values)
        """
        if odoo_values is None:
            odoo_values = self._read_values(binding, remote_values)
        return self._resolve(binding, remote_date, odoo_values, remote_values, "import")

    def get_export_outcome(self, binding, remote_date, odoo_values, remote_values):
        """Return ``WRITTEN``, ``SKIPPED`` or ``HELD`` for an export (the
        arguments of :meth:`should_export`)."""
        return self._resolve(binding, remote_date, odoo_values, remote_values, "export")

    def get_outcome(self, binding, remote_date, values, direction, remote_values=None):
        """Outcome of an ``"import"`` of ``values`` (Odoo field names) or an
        ``"export"`` of ``values`` over ``remote_values`` (remote terms)."""
        if direction == "import":
            return self.get_import_outcome(binding, remote_date, values)
        return self.get_export_outcome(binding, remote_date, values, remote_values)

    def get_policy(self, binding):
        """Return the conflict policy of ``binding``: the backend's field named
        in ``_policy_fields`` when set, else its model's."""
        field_name = self._policy_fields.get(binding._name)
        if field_name and self.backend_record[field_name]:
            return self.backend_record[field_name]
        return (
            getattr(binding, "_connector_conflict_policy", None) or self._default_policy
        )

    def get_differences(self, odoo_values, remote_values):
        """Return the sorted names of the fields whose values differ."""
        return sorted(
            name
            for name, value in remote_values.items()
            if name in odoo_values
            and self._normalize(odoo_values[name]) != self._normalize(value)
        )

    def _resolve(self, binding, remote_date, odoo_values, remote_values, direction):
        if not binding or not self._is_conflict(binding, remote_date):
            return WRITTEN
        differences = self.get_differences(odoo_values, remote_values)
        if not differences:
            return WRITTEN
        policy = self.get_policy(binding)
        _logger.info(
            "Conflict on %s %s (%s), fields %s: policy %s",
            binding._name,
            binding.id,
            direction,
            differences,
            policy,
        )
        if policy == HOLD:
            self._hold(binding, differences, direction)
            return HELD
        wins = "export" if policy == ODOO_WINS else "import"
        return WRITTEN if direction == wins else SKIPPED

    def _is_conflict(self, binding, remote_date):
        """Both sides changed since the last synchronization."""
        sync_date = binding.sync_date
        if not sync_date or not remote_date:
            return False
        remote_date = self._to_utc(remote_date)
        odoo_date = self._get_odoo_write_date(binding)
        if odoo_date:
            # sync_date is stored to the second, write_date to the microsecond:
            # the import that set sync_date must not count as an Odoo change
            odoo_date = odoo_date.replace(microsecond=0)
        return remote_date > sync_date and bool(odoo_date) and odoo_date > sync_date

    def _to_utc(self, value):
        """Return a naive UTC datetime from a datetime or an ISO 8601 string."""
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if value.tzinfo:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value

    def _get_odoo_write_date(self, binding):
        """Return when the Odoo record behind the binding last changed."""
        record = self._unwrap(binding)
        return max(filter(None, [record.write_date]), default=None)

    def _unwrap(self, binding):
        try:
            return self.binder_for(binding._name).unwrap_binding(binding)
        except ValueError:
            return binding

    def _read_values(self, binding, values):
        return {name: binding[name] for name in values if name in binding._fields}

    def _normalize(self, value):
        if isinstance(value, models.BaseModel):
            if not value:
                return False  # an empty many2one equals a mapped False
            return tuple(value.ids) if len(value) != 1 else value.id
        if value is None:
            return False
        return value

    def _hold(self, binding, differences, direction):
        """Write nothing; ask a connector manager to review the record.

        One checkpoint per record to review: a conflict seen again by the
        next synchronizations is noted on the checkpoint still open.
        """
        record = self._unwrap(binding)
        backend = self.backend_record
        checkpoint = (
            self.env["connector.checkpoint"]
            .sudo()
            .search(
                [
                    ("model_name", "=", record._name),
                    ("record_id", "=", record.id),
                    ("backend_id", "=", f"{backend._name},{backend.id}"),
                    ("state", "=", "need_review"),
                ],
                limit=1,
            )
        )
        if checkpoint:
            body = self.env._(
                "Conflict still held (%(direction)s); fields that differ: %(fields)s.",
                direction=direction,
                fields=", ".join(differences),
            )
            checkpoint.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
        else:
            body = self.env._(
                "Conflict held for review (%(direction)s): %(record)s changed in "
                "Odoo and on %(backend)s since the last synchronization, and "
                "neither side was written. Fields that differ: %(fields)s. "
                "Update the record on the side that is wrong, then resync.",
                direction=direction,
                record=record.display_name,
                backend=backend.display_name,
                fields=", ".join(differences),
            )
            checkpoint = add_checkpoint(
                self.env,
                record._name,
                record.id,
                backend._name,
                backend.id,
                reason=body,
            )
            # the reason is shown on the checkpoint and in its notification
        return checkpoint
