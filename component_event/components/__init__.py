from . import event
