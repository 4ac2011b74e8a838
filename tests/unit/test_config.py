"""Settings: defaults, NUKG_* environment variables, typed values, clear errors."""

from pathlib import Path

import pytest

from nukg.core.settings import SETTINGS, ConfigError, defaults, from_env, parse, resolve


def test_every_setting_has_a_name_default_and_help():
    for setting in SETTINGS:
        assert setting.name.startswith("NUKG_") and setting.name.isupper()
        assert setting.help.strip().endswith((".", ")"))
        assert setting.name in defaults()


def test_environment_overrides_defaults_and_is_typed():
    env = {"NUKG_QUERY_TIMEOUT": "2.5", "NUKG_PORT": "9000", "NUKG_ACCESS_LOG": "yes", "OTHER": "x"}
    assert from_env(env) == {"NUKG_QUERY_TIMEOUT": 2.5, "NUKG_PORT": 9000, "NUKG_ACCESS_LOG": True}


def test_overrides_beat_the_environment_and_none_is_ignored():
    values = resolve({"NUKG_PORT": "9001", "NUKG_HOST": None}, environ={"NUKG_PORT": "9000", "NUKG_HOST": "::1"})
    assert values["NUKG_PORT"] == 9001
    assert values["NUKG_HOST"] == "::1"
    assert values["NUKG_QUERY_WORKERS"] == 4


def test_root_is_an_absolute_path():
    assert parse("NUKG_ROOT", "tests") == Path("tests").resolve()
    assert parse("NUKG_ROOT", None) is None


@pytest.mark.parametrize(
    "name, value",
    [("NUKG_PORT", "http"), ("NUKG_PORT", "70000"), ("NUKG_QUERY_TIMEOUT", "0"), ("NUKG_QUERY_WORKERS", "-1"),
     ("NUKG_WEB_THREADS", "0"), ("NUKG_ACCESS_LOG", "maybe")],
)
def test_bad_values_name_the_setting(name, value):
    with pytest.raises(ConfigError, match=name):
        parse(name, value)
