"""``python -m nukg.cli``."""

from . import main

main()
