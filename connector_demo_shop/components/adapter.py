"""Backend adapters: the only place that speaks HTTP to the shop.

:class:`DemoShopClient` is the connector's ``RestClient`` with the shop's
API path, page header and errors; the adapters are the connector's
``base.backend.adapter.rest`` on the shop's resources. Each request first
takes a slot of the backend's rate limit (``demo.shop.backend.work_on``).
"""

from odoo.addons.component.core import AbstractComponent, Component
from odoo.addons.connector.rest_client import RestClient

from ..exception import DemoShopAPIError, DemoShopAuthenticationError


class DemoShopClient(RestClient):
    """HTTP client of one shop (a subset of WooCommerce's REST API v3)::

        client = DemoShopClient("http://127.0.0.1:8900", "ck_x", "cs_x")
        customer = client.get("customers/12")
        for product in client.get_pages("products", {"orderby": "id"}):
            ...

    Like a WooCommerce store, the shop only accepts the consumer key and
    secret in a Basic header over https: over plain http every request is
    signed with OAuth 1.0a (HMAC-SHA256, parameters in the query string),
    unless ``signing`` is given.
    """

    api_path = "/wp-json/wc/v3"
    # the largest page the shop serves
    per_page = 100
    total_pages_header = "X-WP-TotalPages"
    remote_name = "Shop"
    api_error_class = DemoShopAPIError
    auth_error_class = DemoShopAuthenticationError

    def __init__(self, url, key, secret, signing=None, **kwargs):
        if signing is None:
            signing = self._get_signing(url)
        super().__init__(url, key, secret, signing=signing, **kwargs)

    @staticmethod
    def _get_signing(url):
        """OAuth 1.0a over plain http, Basic over https."""
        return "basic" if url.lower().startswith("https://") else "oauth1"


class DemoShopCRUDAdapter(AbstractComponent):
    """CRUD on one resource of the shop (``_resource``, e.g. ``customers``).

    A new resource needs only a concrete adapter::

        class DemoShopCategoryAdapter(Component):
            _name = "demo.shop.product.category.adapter"
            _inherit = "demo.shop.adapter"
            _apply_on = "demo.shop.product.category"
            _resource = "products/categories"
    """

    _name = "demo.shop.adapter"
    _inherit = ["base.backend.adapter.rest", "demo.shop.base"]

    def read_many(self, external_ids):
        """``{id: record}`` of ``external_ids``: one listing request (its
        ``include`` filter) per 100 ids; an id the listing does not serve is
        left out (the chunk imports it alone)::

            adapter.read_many(["12", "15"])  # {"12": {...}, "15": {...}}
        """
        ids = [str(external_id) for external_id in external_ids]
        found = {}
        size = self.client.per_page
        for start in range(0, len(ids), size):
            part = ids[start : start + size]
            params = {"include": ",".join(part), "per_page": len(part)}
            records = self.search_page(params)
            for record in records if isinstance(records, list) else []:
                if isinstance(record, dict) and str(record.get("id")) in part:
                    found[str(record["id"])] = record
        return found


class DemoShopCustomerAdapter(Component):
    _name = "demo.shop.res.partner.adapter"
    _inherit = "demo.shop.adapter"
    _apply_on = "demo.shop.res.partner"
    _resource = "customers"
    _delete_force = True


class DemoShopProductAdapter(Component):
    _name = "demo.shop.product.product.adapter"
    _inherit = "demo.shop.adapter"
    _apply_on = "demo.shop.product.product"
    _resource = "products"


class DemoShopOrderAdapter(Component):
    _name = "demo.shop.sale.order.adapter"
    _inherit = "demo.shop.adapter"
    _apply_on = "demo.shop.sale.order"
    _resource = "orders"
