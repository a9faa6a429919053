from . import test_backend
from . import connector_test_record
from . import connector_test_binding
from . import no_inherits_binding
from . import connector_sync_test_binding
from . import test_backend_import_chunk
