"""core: what every layer shares and nothing else: namespaces, settings, errors, formats and writers, terms."""
