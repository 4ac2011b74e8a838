"""core: what every layer shares and nothing else: namespaces, settings, plain errors, formats, term conversion."""
