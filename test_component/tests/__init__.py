from . import test_collection
from . import test_inheritance
from . import test_registry_rebuild
