# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from datetime import datetime, time

from markupsafe import Markup, escape

from odoo import fields, models
from odoo.tools import format_datetime

# queue_job states of a job that still has to run
PENDING_STATES = ("wait_dependencies", "pending", "enqueued", "started")


class ConnectorBackendHealthMixin(models.AbstractModel):
    """Counts and shortcuts that tell how a backend's synchronization goes.

    Inherit it on a backend and put the smart buttons on its form::

        class ShopBackend(models.Model):
            _name = "shop.backend"
            _inherit = ["connector.backend", "connector.backend.health.mixin"]

        <button name="action_open_jobs_failed" type="object"
                class="oe_stat_button" icon="fa-warning">
            <field name="health_job_failed_count" widget="statinfo"/>
        </button>

    Jobs belong to a backend through ``queue.job.connector_backend_ref``
    (``"model,id"``), filled when a job is enqueued on the backend, on one
    of its bindings, or with the backend as an argument.
    """

    _name = "connector.backend.health.mixin"
    _description = "Connector Backend Sync Health (mixin)"

    health_binding_count = fields.Integer(string="Bindings", compute="_compute_health")
    health_job_pending_count = fields.Integer(
        string="Jobs Pending", compute="_compute_health"
    )
    health_job_failed_count = fields.Integer(
        string="Jobs Failed", compute="_compute_health"
    )
    health_job_done_today_count = fields.Integer(
        string="Jobs Done Today", compute="_compute_health"
    )
    health_oldest_pending_hours = fields.Float(
        string="Oldest Pending Job (hours)",
        compute="_compute_health",
        help="Age of the oldest job still to run: a growing age means a stuck queue.",
    )
    health_checkpoint_count = fields.Integer(
        string="Checkpoints To Review", compute="_compute_health"
    )
    health_last_sync = fields.Datetime(string="Last Sync", compute="_compute_health")
    health_summary = fields.Html(
        string="Synchronization by Model", compute="_compute_health", sanitize=False
    )

    def _compute_health(self):
        now = fields.Datetime.now()
        for backend in self:
            jobs = backend._get_health_job_counts()
            per_model = backend._get_health_binding_stats()
            backend.health_binding_count = sum(count for __, count, __ in per_model)
            backend.health_last_sync = max(
                (last for __, __, last in per_model if last), default=False
            )
            backend.health_summary = backend._render_health_summary(per_model)
            backend.health_job_pending_count = jobs["pending"]
            backend.health_job_failed_count = jobs["failed"]
            backend.health_job_done_today_count = jobs["done_today"]
            oldest = jobs["oldest_pending"]
            backend.health_oldest_pending_hours = (
                (now - oldest).total_seconds() / 3600 if oldest else 0.0
            )
            backend.health_checkpoint_count = (
                self.env["connector.checkpoint"]
                .sudo()
                .search_count(backend._get_health_checkpoint_domain())
            )

    def _get_binding_models(self):
        """Return the binding models of this backend.

        By default every model with a ``sync_date`` and a ``backend_id``
        pointing to this backend model; override to choose and order them.
        """
        return [
            name
            for name, model in sorted(self.env.registry.items())
            if not model._abstract
            and "sync_date" in model._fields
            and getattr(model._fields.get("backend_id"), "comodel_name", None)
            == self._name
        ]

    def _get_health_binding_stats(self):
        """Return ``[(model name, binding count, last sync date)]``."""
        self.ensure_one()
        stats = []
        for model_name in self._get_binding_models():
            model = self.env[model_name].sudo().with_context(active_test=False)
            [(count, last)] = model._read_group(
                [("backend_id", "=", self.id)], aggregates=["__count", "sync_date:max"]
            )
            stats.append((model_name, count, last))
        return stats

    def _render_health_summary(self, per_model):
        rows = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td>%s</td></tr>")
            % (
                self.env[name]._description,
                count,
                format_datetime(self.env, last) if last else "",
            )
            for name, count, last in per_model
        )
        header = Markup("<tr><th>%s</th><th>%s</th><th>%s</th></tr>") % (
            escape(self.env._("Model")),
            escape(self.env._("Bindings")),
            escape(self.env._("Last Sync")),
        )
        return Markup('<table class="table table-sm">%s%s</table>') % (header, rows)

    def _get_health_backend_ref(self):
        self.ensure_one()
        return f"{self._name},{self.id}"

    def _get_health_job_domain(self, kind):
        """Return the domain of this backend's jobs of ``kind``
        (``pending``, ``failed``, ``done_today`` or ``all``)."""
        domain = [("connector_backend_ref", "=", self._get_health_backend_ref())]
        if kind == "pending":
            domain.append(("state", "in", PENDING_STATES))
        elif kind == "failed":
            domain.append(("state", "=", "failed"))
        elif kind == "done_today":
            today = datetime.combine(fields.Date.today(), time.min)
            domain += [("state", "=", "done"), ("date_done", ">=", today)]
        return domain

    def _get_health_checkpoint_domain(self):
        return [
            ("backend_id", "=", self._get_health_backend_ref()),
            ("state", "=", "need_review"),
        ]

    def _get_health_job_counts(self):
        self.ensure_one()
        # counting is harmless; only queue job managers may open the jobs
        jobs = self.env["queue.job"].sudo()
        counts = {
            kind: jobs.search_count(self._get_health_job_domain(kind))
            for kind in ("pending", "failed", "done_today")
        }
        [(oldest,)] = jobs._read_group(
            self._get_health_job_domain("pending"), aggregates=["date_created:min"]
        )
        counts["oldest_pending"] = oldest
        return counts

    def _action_open_jobs(self, kind, name):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "queue_job.action_queue_job"
        )
        action.update(name=name, domain=self._get_health_job_domain(kind), context={})
        return action

    def action_open_jobs_pending(self):
        """Open the jobs of this backend that still have to run."""
        self.ensure_one()
        return self._action_open_jobs("pending", self.env._("Pending Jobs"))

    def action_open_jobs_failed(self):
        """Open the failed jobs of this backend."""
        self.ensure_one()
        return self._action_open_jobs("failed", self.env._("Failed Jobs"))

    def action_open_jobs_done_today(self):
        """Open the jobs of this backend done today."""
        self.ensure_one()
        return self._action_open_jobs("done_today", self.env._("Jobs Done Today"))

    def action_open_checkpoints(self):
        """Open the checkpoints of this backend to review."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "connector.action_connector_checkpoint"
        )
        action.update(domain=self._get_health_checkpoint_domain(), context={})
        return action

    def action_open_bindings(self):
        """Open the bindings of this backend, of the model in the context key
        ``binding_model`` (default: the first binding model)."""
        self.ensure_one()
        model_name = self.env.context.get("binding_model") or next(
            iter(self._get_binding_models()), None
        )
        if not model_name:
            return False
        return {
            "type": "ir.actions.act_window",
            "name": self.env[model_name]._description,
            "res_model": model_name,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("backend_id", "=", self.id)],
            "context": {"active_test": False},
        }
