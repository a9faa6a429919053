# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

_logger = logging.getLogger(__name__)


def add_checkpoint(
    env, model_name, record_id, backend_model_name, backend_id, reason=None
):
    """Ask a connector manager to review a record a connector touched.

    Call it from a synchronizer when the imported data is valid but worth a
    human look (a product created without a price, a partner merged on its
    email, ...). ``reason`` tells the reviewer why the checkpoint was opened,
    what the connector changed and did not change, and what to do; it is
    shown on the checkpoint and in its notification::

        from odoo.addons.connector.models.checkpoint import add_checkpoint

        add_checkpoint(
            self.env, "res.partner", partner.id, self.backend_record._name,
            self.backend_record.id,
            reason="The shop customer's e-mail matched this contact: it was "
            "bound to it and left unchanged. Check it is the same person.",
        )

    The checkpoint is created as superuser: jobs run as the user who queued
    them, who is rarely a connector manager. It is returned in ``env``.
    """
    checkpoint = (
        env["connector.checkpoint"]
        .sudo()
        .create_from_name(
            model_name, record_id, backend_model_name, backend_id, reason=reason
        )
    )
    return checkpoint.with_env(env)


class ConnectorCheckpoint(models.Model):
    """A record imported by a connector that a connector manager must review."""

    _name = "connector.checkpoint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Connector Checkpoint"
    _order = "id desc"

    @api.model
    def _selection_models(self):
        # technical models (``ir.*``) never need a review
        models_ = self.env["ir.model"].sudo().search([])
        return [
            (model.model, model.name)
            for model in models_
            if not model.model.startswith("ir.")
        ]

    record = fields.Reference(
        selection="_selection_models",
        compute="_compute_record",
        help="The record to review.",
    )
    name = fields.Char(
        string="Record Name",
        compute="_compute_name",
        search="_search_name",
        help="Name of the record to review.",
    )
    record_id = fields.Integer(string="Record ID", required=True, index=True)
    model_id = fields.Many2one(
        comodel_name="ir.model",
        required=True,
        index=True,
        ondelete="cascade",
    )
    # related fields are read as superuser: connector managers cannot read ir.model
    model_name = fields.Char(
        related="model_id.model", string="Model Technical Name", store=True, index=True
    )
    model_description = fields.Char(related="model_id.name", string="Document Type")
    backend_id = fields.Reference(
        selection="_selection_models",
        string="Imported from",
        required=True,
        index=True,
        help="The backend the record was synchronized with.",
    )
    reason = fields.Text(
        help="Why the connector asks for a review: what it changed and did not "
        "change, and what to do.",
    )
    state = fields.Selection(
        selection=[("need_review", "Need Review"), ("reviewed", "Reviewed")],
        required=True,
        default="need_review",
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        compute="_compute_company_id",
        store=True,
        index=True,
    )

    @api.depends("model_name", "record_id")
    def _compute_record(self):
        # one existence query per model, not per checkpoint: lists show many
        existing = {}
        for model_name in set(self.mapped("model_name")):
            if model_name and model_name in self.env:
                ids = self.filtered(lambda c, m=model_name: c.model_name == m)
                records = self.env[model_name].browse(ids.mapped("record_id"))
                existing[model_name] = set(records.exists().ids)
        for checkpoint in self:
            model_name = checkpoint.model_name
            if checkpoint.record_id in existing.get(model_name, ()):
                checkpoint.record = self.env[model_name].browse(checkpoint.record_id)
            else:
                checkpoint.record = False

    @api.depends("model_name", "record_id")
    def _compute_name(self):
        for checkpoint in self:
            checkpoint.name = checkpoint._get_record_name()

    def _search_name(self, operator, value):
        # the ORM negates the result itself for the negative operators
        if operator in Domain.NEGATIVE_OPERATORS:
            return NotImplemented
        domains = []
        groups = self._read_group([], ["model_name"], ["record_id:array_agg"])
        for model_name, record_ids in groups:
            if model_name not in self.env:
                continue
            # only the reviewed records are searched, not the whole table
            target = self.env[model_name].with_context(active_test=False)
            try:
                found = target.search(
                    [("id", "in", record_ids), ("display_name", operator, value)]
                )
            except AccessError:
                # records the user cannot read cannot match their name
                continue
            domains.append(
                Domain("model_name", "=", model_name)
                & Domain("record_id", "in", found.ids)
            )
        return Domain.OR(domains)

    @api.depends("backend_id")
    def _compute_company_id(self):
        for checkpoint in self:
            checkpoint.company_id = checkpoint._get_company()

    @api.model_create_multi
    def create(self, vals_list):
        # the creator is usually the job's user: only the managers follow
        quiet = self.with_context(mail_create_nosubscribe=True)
        checkpoints = super(ConnectorCheckpoint, quiet).create(vals_list)
        checkpoints._subscribe_users()
        checkpoints._notify_need_review()
        return checkpoints.with_env(self.env)

    def action_open_record(self):
        """Open the form of the record to review."""
        self.ensure_one()
        record = self.record
        if not record:
            raise UserError(
                self.env._(
                    "The record %(model)s #%(id)s of checkpoint %(checkpoint)s no "
                    "longer exists. Mark the checkpoint as reviewed.",
                    model=self.model_name,
                    id=self.record_id,
                    checkpoint=self.id,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": record.display_name,
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def reviewed(self):
        """Mark the checkpoints as reviewed."""
        self.write({"state": "reviewed"})
        return True

    @api.model
    def create_from_name(
        self, model_name, record_id, backend_model_name, backend_id, reason=None
    ):
        """Create a checkpoint from model names, as jobs know them.

        ::

            env["connector.checkpoint"].create_from_name(
                "res.partner", 42, "shop.backend", 1,
                reason="Imported without a price: set one before selling it.",
            )
        """
        model = self.env["ir.model"]._get(model_name)
        if not model:
            raise UserError(
                self.env._(
                    "Cannot create a checkpoint on model %(model)s: it does not "
                    "exist. Pass the technical name of an installed model.",
                    model=model_name,
                )
            )
        return self.create(
            {
                "model_id": model.id,
                "record_id": record_id,
                "backend_id": f"{backend_model_name},{backend_id}",
                "reason": reason or False,
            }
        )

    def _get_record_name(self):
        """Return the name of the record to review, also when it is gone."""
        self.ensure_one()
        fallback = f"{self.model_name} #{self.record_id}"
        if not self.record:
            return fallback
        try:
            return self.record.display_name
        except AccessError:
            # a manager may review a record of a model they cannot read
            return fallback

    def _get_backend_name(self):
        """Return the name of the backend the record came from."""
        self.ensure_one()
        if not self.backend_id:
            return ""
        backend = self.backend_id.sudo().exists()
        if not backend:
            return f"{self.backend_id._name} #{self.backend_id.id}"
        return backend.display_name

    def _get_company(self):
        """Return the company of the checkpoint: the backend's, else the current."""
        self.ensure_one()
        backend = self.backend_id
        if backend and "company_id" in backend._fields:
            return backend.sudo().exists().company_id
        return self.env.company

    @api.model
    def _get_reviewers(self):
        """Return the users to notify of new checkpoints: the connector managers."""
        group = self.env.ref("connector.group_connector_manager")
        return group.sudo().all_user_ids.filtered(
            lambda user: user.active and not user.share
        )

    def _subscribe_users(self):
        """Make the connector managers who can see a checkpoint follow it."""
        reviewers = self._get_reviewers()
        for checkpoint in self:
            company = checkpoint.company_id
            users = reviewers.filtered(
                lambda user, company=company: not company or company in user.company_ids
            )
            checkpoint.message_subscribe(partner_ids=users.partner_id.ids)

    def _notify_need_review(self):
        """Tell the followers which record needs a review."""
        for checkpoint in self:
            body = self.env._(
                "A %(model)s needs a review: %(record)s (imported from %(backend)s).",
                model=checkpoint.model_description,
                record=checkpoint.name,
                backend=checkpoint._get_backend_name(),
            )
            if checkpoint.reason:
                reason = Markup("<br/>").join(checkpoint.reason.splitlines())
                body = Markup("%s<br/>%s") % (body, reason)
            checkpoint.message_post(body=body, subtype_xmlid="mail.mt_comment")
            _logger.debug(
                "Checkpoint %s created for %s,%s",
                checkpoint.id,
                checkpoint.model_name,
                checkpoint.record_id,
            )
