from . import components
from . import models
from . import wizards
from . import controllers
