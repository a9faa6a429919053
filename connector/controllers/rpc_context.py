# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html)
"""Keep the context keys that suppress synchronisation out of RPC calls.

``connector_no_export`` (and ``no_connector_export``) tell the listeners that
a write comes from the connector itself (an import, a ``bind``) and must not
be exported back. Code sets them; a caller over RPC must not: a user passing
``{"context": {"connector_no_export": True}}`` would change a record without
the remote system ever hearing of it.

Every RPC entry point of Odoo drops them from the caller's context:

- ``/jsonrpc`` and ``/xmlrpc/2/object`` (``execute_kw``) and
  ``/web/dataset/call_kw|call_button`` go through
  ``odoo.service.model.call_kw``, wrapped here;
- ``/json/2/<model>/<method>`` takes its context as a parameter, filtered
  by the controller below.

Connector code keeps setting them with ``with_context()``, which no RPC
caller reaches::

    binding.with_context(connector_no_export=True).write(values)
"""

import functools
import logging

from odoo import http
from odoo.service import model as service_model

_logger = logging.getLogger(__name__)

# context keys a caller over RPC may not set
RPC_FORBIDDEN_CONTEXT_KEYS = frozenset({"connector_no_export", "no_connector_export"})


def strip_rpc_context(context):
    """Return ``context`` without :data:`RPC_FORBIDDEN_CONTEXT_KEYS` (a copy
    when one was there, else ``context`` itself)."""
    if not isinstance(context, dict) or not RPC_FORBIDDEN_CONTEXT_KEYS & set(context):
        return context
    _logger.info(
        "RPC context keys %s ignored: only the connector may suppress exports",
        ", ".join(sorted(RPC_FORBIDDEN_CONTEXT_KEYS & set(context))),
    )
    return {
        key: value
        for key, value in context.items()
        if key not in RPC_FORBIDDEN_CONTEXT_KEYS
    }


def _guard_call_kw(call_kw):
    if getattr(call_kw, "_connector_rpc_guard", False):
        return call_kw

    @functools.wraps(call_kw)
    def guarded_call_kw(model, name, args, kwargs):
        context = (kwargs or {}).get("context")
        stripped = strip_rpc_context(context)
        if stripped is not context:
            kwargs = dict(kwargs, context=stripped)
        return call_kw(model, name, args, kwargs)

    guarded_call_kw._connector_rpc_guard = True
    return guarded_call_kw


def _install_call_kw_guard():
    """Wrap ``call_kw`` where Odoo's RPC controllers look it up."""
    service_model.call_kw = _guard_call_kw(service_model.call_kw)
    try:
        from odoo.addons.web.controllers import dataset
    except ImportError:  # web not on the addons path: no such route
        return
    dataset.call_kw = _guard_call_kw(dataset.call_kw)


_install_call_kw_guard()

try:
    from odoo.addons.rpc.controllers.json2 import WebJson2Controller
except ImportError:  # pragma: no cover - rpc is a server-wide addon of Odoo 19
    WebJson2Controller = None

if WebJson2Controller is not None:

    class ConnectorJson2Controller(WebJson2Controller):
        @http.route()
        def web_json_2_rpc(self, __model__, __method__, ids=(), context=None, **kw):
            return super().web_json_2_rpc(
                __model__,
                __method__,
                ids=ids,
                context=strip_rpc_context(context or {}),
                **kw,
            )
