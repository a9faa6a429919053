"""Exceptions raised by the connector framework.

The tree is kept shallow: a connector catches :class:`ConnectorException`
for data problems, and queue_job's
:class:`~odoo.addons.queue_job.exception.RetryableJobError` family for anything
that must postpone the job instead of failing it.
"""

from odoo.addons.queue_job.exception import JobError, RetryableJobError

__all__ = [
    "ConnectorException",
    "IDMissingInBackend",
    "InvalidDataError",
    "JobError",
    "ManyIDSInBackend",
    "MappingError",
    "NetworkRetryableError",
    "NoConnectorUnitError",
    "NoExternalId",
    "RetryableJobError",
]


class ConnectorException(Exception):
    """Base class of the connector's own errors."""


class NoConnectorUnitError(ConnectorException):
    """No ConnectorUnit found (kept for connectors ported from old APIs)."""


class InvalidDataError(ConnectorException):
    """Data to synchronize is invalid or incomplete."""


class MappingError(ConnectorException):
    """A mapper could not convert a record."""


class NetworkRetryableError(RetryableJobError):
    """A network error occurred; the job is retried later."""


class NoExternalId(RetryableJobError):
    """The external id is not known yet; the job is retried later."""


class IDMissingInBackend(JobError):
    """The record does not exist in the backend."""


class ManyIDSInBackend(JobError):
    """Several records match in the backend where one was expected."""


class RemoteAPIError(JobError):
    """The remote API refused a request for good (400, 409, 410...)."""

    def __init__(self, message, status=None, code=None):
        super().__init__(message)
        self.status = status
        self.code = code


class RemoteAuthenticationError(RemoteAPIError):
    """The remote API refused the credentials or their permissions (401, 403)."""
