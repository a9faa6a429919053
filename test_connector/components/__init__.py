from . import components
from . import sync
