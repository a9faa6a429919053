from . import components, models
