"""``python -m nukg``: the same command line as ``nukg``."""

from .cli import main

main(prog_name="nukg")
