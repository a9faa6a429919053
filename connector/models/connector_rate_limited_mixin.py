# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)

from odoo import fields, models

from .connector_rate_limit import acquire_or_retry


class ConnectorRateLimitedMixin(models.AbstractModel):
    """A backend whose calls to the remote API are limited to a rate.

    Inherit it on the backend, show the two fields on its form, and take a
    slot before each remote call (in the backend adapter)::

        class ShopBackend(models.Model):
            _name = "shop.backend"
            _inherit = ["connector.backend", "connector.rate.limited.mixin"]

        # in the adapter
        self.backend_record._rate_limit_or_retry()
        response = session.get(url)
    """

    _name = "connector.rate.limited.mixin"
    _description = "Connector Rate Limited Backend (mixin)"

    rate_limit_calls = fields.Integer(
        string="Calls Allowed",
        default=0,
        help="Maximum number of calls to the remote API per period, for all "
        "workers together. 0 means no limit.",
    )
    rate_limit_period = fields.Float(
        string="Per (seconds)",
        default=1.0,
        help="Length of the sliding window of the rate limit, in seconds.",
    )

    rate_limit_max_wait = fields.Float(
        string="Wait for a Call (seconds)",
        default=30.0,
        help="Longest a job waits for a free call before it is postponed: a "
        "job needing more calls than one period allows goes on instead of "
        "starting over. 0 postpones at once.",
    )

    _rate_limit_max_wait_positive = models.Constraint(
        "CHECK(rate_limit_max_wait IS NULL OR rate_limit_max_wait >= 0)",
        "The wait for a call cannot be negative.",
    )
    _rate_limit_calls_positive = models.Constraint(
        "CHECK(rate_limit_calls >= 0)",
        "The number of calls allowed cannot be negative: use 0 for no limit.",
    )
    _rate_limit_period_positive = models.Constraint(
        "CHECK(rate_limit_period > 0)",
        "The rate limit period must be longer than 0 seconds.",
    )

    def _rate_limit_or_retry(self, key="default"):
        """Take a call slot, waiting up to ``rate_limit_max_wait`` seconds, or
        raise ``RetryableJobError`` (not counted as a try, jittered)."""
        self.ensure_one()
        if self.rate_limit_calls:
            acquire_or_retry(
                self.env,
                self,
                key=key,
                rate=self.rate_limit_calls,
                per=self.rate_limit_period,
                max_wait=self.rate_limit_max_wait,
            )
