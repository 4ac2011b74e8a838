"""store: the query engine behind one small interface, the query check, answer writers, and the worker pool."""
