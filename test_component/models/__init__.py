from . import test_component_collection
