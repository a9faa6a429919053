# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Exceptions raised by the component registry and the work context."""


class ComponentException(Exception):
    """Base class of every error raised by the component framework."""


class NoComponentError(ComponentException):
    """No component matches the requested name, usage, collection or model."""


class SeveralComponentError(ComponentException):
    """More than one component matches and the precedence rules cannot decide."""


class RegistryNotReadyError(ComponentException):
    """The component registry of the database does not exist (yet)."""
