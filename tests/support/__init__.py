"""Test support shared by every folder of the suite: paths, the live server, RDF comparisons."""
