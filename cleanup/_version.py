"""The version of tarjama (one place: the package, the CLI, caches and reports read it)."""

__version__ = "0.1.0"
