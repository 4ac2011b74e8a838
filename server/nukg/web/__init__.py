"""web: the Flask app factory, wsgi, request context, HTTP caching, error handlers, one module per blueprint."""
