"""A store wrapper the HTTP tests use to see which requests reach the store."""


class CountingStore:
    """Wraps a store and counts the queries that reach it."""

    def __init__(self, inner):
        self.inner = inner
        self.calls = 0
        self.version = inner.version
        self.sizes = inner.sizes

    def run(self, *args, **kwargs):
        self.calls += 1
        return self.inner.run(*args, **kwargs)

    def close(self):
        pass
