from . import components
