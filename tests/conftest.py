"""The suite's root: puts tests/ on the import path, so every folder shares the ``support`` package."""
