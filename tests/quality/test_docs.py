"""The README documents every setting, every command and every named query folder a user meets."""

from pathlib import Path

import pytest

from nukg.core import settings as config
from nukg.cli import main

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", config.SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented(setting):
    row = next((line for line in README.splitlines() if line.startswith(f"| `{setting.name}`")), None)
    assert row is not None, f"README has no row for {setting.name}"
    if setting.option:
        assert f"`{setting.option_name}`" in row


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_documented(command):
    assert f"`nukg {command}" in README


def test_the_two_commands_are_documented():
    assert "make serve" in README and "make test" in README
    ci = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text()
    assert "make test" in ci
