"""The WSGI entry point: ``granian --interface wsgi nukg.web.wsgi:app`` (what ``nukg serve`` runs).

The only module that builds the app on import.  Settings come from the
``NUKG_*`` environment variables (see :mod:`nukg.core.settings`).
"""

from .app import create_app

app = create_app()
