"""The REST resources: listing with filters, rendering, create, update and delete.

Each write validates everything before its single :meth:`Store.put`, so a refused
request or batch entry leaves nothing half-written. Events for webhooks are collected on
the :class:`Context` and delivered after the response by :mod:`..webhooks`.
"""

from .base import Context, Resource, PostResource
from .customer import CustomerResource
from .category import CategoryResource
from .product import ProductResource
from .order import OrderResource
from .webhook import WebhookResource
from .tax import TaxResource
from .variation import VariationResource
from .refund import RefundResource

__all__ = [
    "CategoryResource",
    "Context",
    "CustomerResource",
    "OrderResource",
    "PostResource",
    "ProductResource",
    "RefundResource",
    "Resource",
    "TaxResource",
    "VariationResource",
    "WebhookResource",
]
