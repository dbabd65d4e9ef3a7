"""``python -m cleanup`` runs the ``tarjama`` command."""

from .cli import run

if __name__ == "__main__":
    run()
