"""tests/http/test_protocol.py again, with the app's queries answered by a real Oxigraph server (the remote store)."""

from reruns import copied_from

globals().update(copied_from("http/test_protocol.py"))
