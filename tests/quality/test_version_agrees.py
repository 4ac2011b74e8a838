"""The package says the version pyproject.toml declares: one number for code and data."""

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from support.paths import PROJECT_ROOT

import nukg


def test_the_package_version_is_the_project_version():
    declared = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert nukg.__version__ == declared
