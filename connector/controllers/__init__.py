from . import webhook
from . import rpc_context
