from . import core
from . import components
from . import builder
from . import models
