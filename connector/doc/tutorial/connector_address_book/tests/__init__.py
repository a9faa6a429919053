from . import test_import
from . import test_batch
from . import test_export
from . import test_conflict
from . import test_webhook
from . import test_security
from . import test_polite_calls
