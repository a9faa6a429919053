"""The root of every connector component: ``base.connector``."""

from odoo.addons.component.core import AbstractComponent

from ..database import pg_try_advisory_lock
from ..exception import RetryableJobError


class BaseConnectorComponent(AbstractComponent):
    """Base component of the connector; every connector component inherits it.

    It gives shortcuts to the backend record, the binders and an advisory
    lock helper::

        class MyImporter(Component):
            _name = "my.importer"
            _inherit = "base.importer"

            def run(self, external_id):
                self.advisory_lock_or_retry(f"import-{self.model._name}-{external_id}")
                binding = self.binder_for().to_internal(external_id)
    """

    _name = "base.connector"

    @property
    def backend_record(self):
        """The backend (collection) record the work is done for."""
        return self.work.collection

    def binder_for(self, model=None):
        """Return the binder of ``model`` (default: the work model)."""
        return self.component(usage="binder", model_name=model)

    def advisory_lock_or_retry(self, lock, retry_seconds=1):
        """Take a transaction advisory lock or postpone the job.

        ``lock`` is a string naming the resource. When another transaction
        holds the same lock, a
        :class:`~odoo.addons.queue_job.exception.RetryableJobError` retrying
        after ``retry_seconds`` is raised (it does not count as a failed try)::

            self.advisory_lock_or_retry(
                f"import-{self.backend_record.id}-{self.model._name}-{external_id}",
                retry_seconds=3,
            )
        """
        if not pg_try_advisory_lock(self.env, lock):
            raise RetryableJobError(
                "Could not acquire advisory lock",
                seconds=retry_seconds,
                ignore_retry=True,
            )
