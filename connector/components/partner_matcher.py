# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""``connector.partner.matcher``: propose, never bind, an existing partner
for a remote customer.

A remote system's e-mails are rarely verified: anybody can register in a
shop with the e-mail of an Odoo user. Binding such a customer to the
partner with the same e-mail, then importing its later changes, would
rename that partner and change its e-mail (the e-mail of the user, whose
password can then be reset). So the importers of every connector follow
these rules, which this component implements:

* a remote customer always gets a **new partner** when it is imported for
  the first time;
* a partner with the same e-mail is only **proposed**
  (:meth:`PartnerMatcher.propose`): a ``connector.partner.match`` with a
  checkpoint. Until a person accepts it, nothing of the proposed partner is
  written: not its name, e-mail, phone, address, nor anything else;
* accepting moves the binding and every record of the new partner onto the
  proposed one, which later imports then update; refusing keeps the new
  partner;
* partners of users (internal, portal, archived), companies
  (``is_company``), the partners of the Odoo companies and their contacts
  are **never proposed** (:meth:`PartnerMatcher.is_protected`);
* a guest (a customer without an account in the remote system, e.g. a guest
  order's billing address) is **never matched** at all: create a new partner
  for it.
"""

from odoo.addons.component.core import Component


class PartnerMatcher(Component):
    """Find the partner worth proposing for a new remote customer, and
    propose it for review.

    It applies to any collection and model; an importer of customers calls
    it once the new partner is created::

        class ShopCustomerImporter(Component):
            _name = "shop.res.partner.importer"
            _inherit = "generic.record.importer"
            _apply_on = "shop.res.partner"

            def _after_import(self, binding):
                super()._after_import(binding)
                matcher = self.component(usage="partner.matcher")
                matcher.propose_for(binding, binding.email)
    """

    _name = "connector.partner.matcher"
    _inherit = "base.connector"
    _usage = "partner.matcher"

    # meant to be overridden: the most candidates worth considering; more
    # partners with the same e-mail is ambiguous and nothing is proposed
    _max_candidates = 1

    def find_candidates(self, email, exclude=None):
        """Partners with ``email`` (case and spaces ignored) that may be
        proposed: never a protected one (:meth:`is_protected`) nor one of
        ``exclude``; empty when ambiguous (more than ``_max_candidates``)."""
        email = (email or "").strip()
        if not email or "@" not in email:
            return self.env["res.partner"]
        partners = (
            self.env["res.partner"]
            .sudo()
            .search(self._get_candidate_domain(email, exclude))
        )
        partners = partners.filtered(lambda partner: not self.is_protected(partner))
        if len(partners) > self._max_candidates:
            return self.env["res.partner"]
        return partners.with_env(self.env)

    def _get_candidate_domain(self, email, exclude=None):
        domain = [("email", "=ilike", email), ("is_company", "=", False)]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        return domain

    def is_protected(self, partner):
        """Tell whether ``partner`` must never be bound to a remote customer:
        the partner of a user (any, archived or portal), a company, the
        partner of an Odoo company or one of its contacts."""
        partner.ensure_one()
        partner = partner.sudo()
        if partner.is_company:
            return True
        users = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("partner_id", "=", partner.id)], limit=1)
        )
        if users:
            return True
        company_partners = (
            self.env["res.company"]
            .sudo()
            .with_context(active_test=False)
            .search([])
            .partner_id
        )
        return bool(
            partner in company_partners
            or partner.commercial_partner_id in company_partners
        )

    def propose(self, binding, candidate):
        """Ask a person whether ``binding`` (bound to its own new partner) is
        ``candidate``; return the ``connector.partner.match``."""
        return (
            self.env["connector.partner.match"]
            .sudo()
            ._propose(binding, candidate)
            .with_env(self.env)
        )

    def propose_for(self, binding, email):
        """Propose the one partner with ``email``, if there is one worth it;
        return the ``connector.partner.match`` or an empty recordset."""
        candidate = self.find_candidates(email, exclude=binding.odoo_id)
        if not candidate or self._is_bound_elsewhere(binding, candidate):
            return self.env["connector.partner.match"]
        return self.propose(binding, candidate)

    def _is_bound_elsewhere(self, binding, candidate):
        """``candidate`` already has a binding on the backend of ``binding``."""
        binder = self.binder_for(binding._name)
        return bool(
            binding.sudo().search_count(
                [
                    (binder._backend_field, "=", self.backend_record.id),
                    (binder._odoo_field, "=", candidate.id),
                ],
                limit=1,
            )
        )
