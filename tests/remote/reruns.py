"""Tests of another folder, run again here: their module is loaded anew and its tests and fixtures
copied into the module that asks, where this folder's fixtures (an app on the remote store) answer."""

from __future__ import annotations

import importlib.util
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def copied_from(relative: str, *, keep_out: tuple[str, ...] = ()) -> dict:
    """The names of the test module ``tests/<relative>``: its tests, fixtures and helpers, but not ``keep_out``
    (a fixture the rerunning module gives its own way)."""
    path = TESTS / relative
    spec = importlib.util.spec_from_file_location(f"rerun_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: value for name, value in vars(module).items()
            if not name.startswith("__") and name not in keep_out}
