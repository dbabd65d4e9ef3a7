"""``python -m cleanup`` runs the ``tarjama`` command."""

from .cli import main

if __name__ == "__main__":
    main()
