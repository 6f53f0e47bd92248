"""The former name of `import_units`, kept for scripts that call it."""

from .import_units import Command as ImportUnits


class Command(ImportUnits):
    pass
