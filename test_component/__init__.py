from . import components
from . import models
