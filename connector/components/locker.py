"""Row locks that postpone a job instead of waiting for another one."""

import logging

import psycopg2

from odoo.tools import SQL

from odoo.addons.component.core import Component

from ..exception import RetryableJobError

_logger = logging.getLogger(__name__)


class RecordLocker(Component):
    """Lock records for the rest of the transaction, or retry the job later.

    Jobs touching the same records would otherwise wait on each other or
    fail on serialization errors; taking the lock early with NOWAIT turns the
    contention into a clean retry::

        self.component("record.locker").lock(binding)
    """

    _name = "base.record.locker"
    _inherit = ["base.connector"]
    _usage = "record.locker"

    def lock(self, records, seconds=None, ignore_retry=True):
        """Lock the rows of ``records`` (of the work model) until commit.

        Raises :class:`~odoo.addons.queue_job.exception.RetryableJobError`
        (retrying after ``seconds``) when a concurrent transaction holds one
        of them. An empty recordset is a no-op.
        """
        if not records:
            return
        query = SQL(
            "SELECT id FROM %s WHERE id IN %s FOR UPDATE NOWAIT",
            SQL.identifier(self.model._table),
            tuple(records.ids),
        )
        try:
            # A savepoint keeps the transaction usable when the lock fails,
            # so the caller can still log or clean up before retrying.
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(query, log_exceptions=False)
        except psycopg2.OperationalError as err:
            _logger.info(
                "A concurrent job is already working on %s %s; retrying later",
                self.model._name,
                records.ids,
            )
            raise RetryableJobError(
                f"A concurrent job is already working on the same record "
                f"({self.model._name} with one id in {tuple(records.ids)}). "
                f"The job will be retried later.",
                seconds=seconds,
                ignore_retry=ignore_retry,
            ) from err
