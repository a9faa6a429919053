from . import collection
