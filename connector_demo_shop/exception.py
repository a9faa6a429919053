"""Errors of the demo shop connector.

Retryable answers of the shop (429, 5xx, timeouts, dropped connections) raise
the connector's :class:`NetworkRetryableError` with the delay the shop asked
for; a missing record raises :class:`IDMissingInBackend`. The classes below
are the permanent failures: the job fails with their message and is not
retried, because retrying cannot help until a person changes something.
"""

from odoo.addons.connector.exception import RemoteAPIError


class DemoShopAPIError(RemoteAPIError):
    """The shop refused a request for good (400, 409, 410, 413, 501...)."""


class DemoShopAuthenticationError(DemoShopAPIError):
    """The shop refused the consumer key/secret or their permissions (401/403)."""
