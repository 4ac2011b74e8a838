"""The ``nukg`` command line: validate, stats, build, serve, query, diff, publish.

Exit codes: 0 all is well, 1 the data is invalid, 2 the command could not run.  Only this package
calls ``sys.exit``.  Each command lives in its own module, which registers it on :data:`main`.
"""

from . import data, diff, publish, query, serve  # noqa: F401  (each registers its commands)
from .common import EXIT_ERROR, EXIT_INVALID, EXIT_OK, main

__all__ = ["EXIT_ERROR", "EXIT_INVALID", "EXIT_OK", "main"]
