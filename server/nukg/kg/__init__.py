"""kg: find, parse, infer and validate the Turtle files; stats, description graphs and the named queries."""
