# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import api, fields, models
from odoo.exceptions import UserError

from .connector_checkpoint import add_checkpoint


class ConnectorPartnerMatch(models.Model):
    """An existing partner proposed for a remote customer, until a person
    accepts or refuses it.

    The remote customer is bound to a partner of its own from its first
    import; the proposed partner is left untouched until :meth:`action_accept`,
    which moves the binding and every record of the new partner onto it (and
    deletes the new one). :meth:`action_refuse` keeps the new partner. The
    ``connector.partner.matcher`` component creates them (with a checkpoint)::

        matcher = work.component(usage="partner.matcher")
        match = matcher.propose_for(binding, "erin@example.com")
        match.action_accept()
    """

    _name = "connector.partner.match"
    _description = "Connector Partner Match"
    _order = "id desc"

    @api.model
    def _selection_backends(self):
        # the backends are concrete models of the connectors: any model
        return self.env["connector.checkpoint"]._selection_models()

    backend_id = fields.Reference(
        selection="_selection_backends", required=True, readonly=True
    )
    binding_model = fields.Char(required=True, readonly=True)
    binding_id = fields.Many2oneReference(
        model_field="binding_model", required=True, readonly=True
    )
    external_id = fields.Char(string="Remote ID", readonly=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Proposed Partner",
        required=True,
        readonly=True,
        ondelete="cascade",
        help="The existing partner that may be the remote customer. Nothing of "
        "it changes until the match is accepted.",
    )
    created_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="New Partner",
        readonly=True,
        ondelete="set null",
        help="The partner created for the remote customer; accepting the match "
        "moves its records onto the proposed partner and deletes it.",
    )
    state = fields.Selection(
        selection=[
            ("pending", "To Review"),
            ("accepted", "Accepted"),
            ("refused", "Refused"),
        ],
        required=True,
        default="pending",
        readonly=True,
        index=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        compute="_compute_company_id",
        store=True,
        index=True,
    )

    @api.depends("backend_id")
    def _compute_company_id(self):
        for match in self:
            backend = match.backend_id
            if backend and "company_id" in backend._fields:
                match.company_id = backend.sudo().exists().company_id
            else:
                match.company_id = False

    @api.depends("partner_id", "created_partner_id", "external_id")
    def _compute_display_name(self):
        for match in self:
            match.display_name = self.env._(
                "Remote customer %(id)s is %(partner)s?",
                id=match.external_id or "",
                partner=match.partner_id.sudo().display_name,
            )

    @api.model
    def _propose(self, binding, candidate):
        """Create the match of ``binding`` to ``candidate`` and its checkpoint."""
        backend = binding.backend_id
        match = self.create(
            {
                "backend_id": f"{backend._name},{backend.id}",
                "binding_model": binding._name,
                "binding_id": binding.id,
                "external_id": binding.external_id,
                "partner_id": candidate.id,
                "created_partner_id": binding.odoo_id.id,
            }
        )
        add_checkpoint(
            self.env,
            self._name,
            match.id,
            backend._name,
            backend.id,
            reason=match._get_checkpoint_reason(),
        )
        return match

    def _get_checkpoint_reason(self):
        """Why a person is asked to review this match, and what to do."""
        self.ensure_one()
        partner = self.partner_id.sudo()
        return self.env._(
            "Remote customer %(id)s has the e-mail %(email)s, like the existing "
            "contact %(partner)s. Remote e-mails are not verified, so the "
            "customer was imported as a new contact and %(partner)s was left "
            "unchanged. If both are the same person, open the match and choose "
            "'Same Person: Merge'; otherwise choose 'Different Person'.",
            id=self.external_id,
            email=partner.email or "",
            partner=partner.display_name,
        )

    def _get_binding(self):
        self.ensure_one()
        return self.env[self.binding_model].sudo().browse(self.binding_id).exists()

    def _check_pending(self):
        for match in self:
            if match.state != "pending":
                raise UserError(
                    self.env._(
                        "The match %(match)s is already %(state)s: it cannot be "
                        "reviewed again.",
                        match=match.display_name,
                        state=match.state,
                    )
                )

    def _check_acceptable(self, binding):
        """Refuse to bind a partner that became protected (a user's, a
        company's) or bound to another remote customer since the proposal."""
        self.ensure_one()
        if not binding:
            raise UserError(
                self.env._(
                    "The binding of remote customer %(id)s is gone: refuse the "
                    "match %(match)s.",
                    id=self.external_id,
                    match=self.id,
                )
            )
        with self.backend_id.sudo().work_on(self.binding_model) as work:
            matcher = work.component(usage="partner.matcher")
            partner = self.partner_id.sudo()
            if matcher.is_protected(partner) or matcher._is_bound_elsewhere(
                binding, partner
            ):
                raise UserError(
                    self.env._(
                        "Partner %(partner)s belongs to a user or a company, or is "
                        "bound to another remote customer: it can never be bound "
                        "to remote customer %(id)s. Refuse the match.",
                        partner=partner.display_name,
                        id=self.external_id,
                    )
                )
            created = self.created_partner_id.sudo()
            if created and (
                binding.odoo_id != created or matcher.is_protected(created)
            ):
                # merging would move a user (or another binding) onto partner
                raise UserError(
                    self.env._(
                        "The new partner %(created)s of remote customer %(id)s "
                        "changed since the proposal (a user, a company or another "
                        "binding): it cannot be merged into %(partner)s. Refuse "
                        "the match and merge the partners by hand.",
                        created=created.display_name,
                        id=self.external_id,
                        partner=partner.display_name,
                    )
                )

    def action_accept(self):
        """The remote customer is the proposed partner: move the binding and
        the records of the new partner onto it, then re-import the customer."""
        self.check_access("write")
        self._check_pending()
        for match in self:
            binding = match._get_binding()
            match._check_acceptable(binding)
            match._merge_created_partner(binding)
            match.sudo().write({"state": "accepted", "created_partner_id": False})
            match._enqueue_update(binding)
        self._mark_checkpoints_reviewed()
        return True

    def action_refuse(self):
        """The remote customer is not the proposed partner: keep the new one."""
        self.check_access("write")
        self._check_pending()
        self.sudo().write({"state": "refused"})
        self._mark_checkpoints_reviewed()
        return True

    def _merge_created_partner(self, binding):
        """Point every reference to the new partner (the binding, orders...)
        to the proposed partner and delete the new one."""
        created = self.created_partner_id.sudo()
        partner = self.partner_id.sudo()
        if not created:
            binding.with_context(connector_no_export=True).write(
                {"odoo_id": partner.id}
            )
            return
        merger = self.env["base.partner.merge.automatic.wizard"].sudo()
        merger._update_foreign_keys(created, partner)
        merger._update_reference_fields(created, partner)
        # the merge wrote in SQL: what the cache holds of both is stale
        self.env.invalidate_all()
        created.with_context(connector_no_export=True).unlink()

    def _enqueue_update(self, binding):
        """Import the remote customer again, now onto the accepted partner:
        as never synchronized, so that no conflict holds the accepted data."""
        binding.with_context(connector_no_export=True).write({"sync_date": False})
        if hasattr(binding, "_delay_import_record"):
            binding._delay_import_record(
                self.backend_id.sudo(), self.external_id, force=True
            )

    def _mark_checkpoints_reviewed(self):
        checkpoints = (
            self.env["connector.checkpoint"]
            .sudo()
            .search(
                [
                    ("model_name", "=", self._name),
                    ("record_id", "in", self.ids),
                    ("state", "=", "need_review"),
                ]
            )
        )
        checkpoints.reviewed()
