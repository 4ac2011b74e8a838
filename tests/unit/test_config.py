"""Settings: defaults, NUKG_* environment variables, typed values, clear errors."""

from pathlib import Path

import pytest

from nukg.core import settings as settings_module
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
    assert values["NUKG_QUERY_WORKERS"] == -1 and values["NUKG_WEB_WORKERS"] == 0  # sized to the CPUs


def test_root_is_an_absolute_path():
    assert parse("NUKG_ROOT", "tests") == Path("tests").resolve()
    assert parse("NUKG_ROOT", None) is None


@pytest.mark.parametrize(
    "name, value",
    [("NUKG_PORT", "http"), ("NUKG_PORT", "70000"), ("NUKG_QUERY_TIMEOUT", "0"), ("NUKG_QUERY_WORKERS", "-2"),
     ("NUKG_WEB_WORKERS", "-1"),
     ("NUKG_WEB_THREADS", "0"), ("NUKG_ACCESS_LOG", "maybe")],
)
def test_bad_values_name_the_setting(name, value):
    with pytest.raises(ConfigError, match=name):
        parse(name, value)


@pytest.mark.parametrize(("cpus", "web", "query", "expected"), [
    (2, 0, -1, (2, 2)),  # this machine's default: a web worker per CPU, two query processes each
    (8, 0, -1, (8, 2)),
    (4, 1, -1, (1, 4)),  # one web worker gets the CPUs' worth of query processes
    (1, 0, -1, (1, 2)),  # never fewer than two: one can be kept for light clients
    (4, 3, 5, (3, 5)),  # numbers given are kept
    (4, 2, 0, (2, 0)),
    (64, 1, -1, (1, 16)),  # no more query processes than half the 32 threads
])
def test_workers_are_sized_to_the_cpus(monkeypatch, cpus, web, query, expected):
    monkeypatch.setattr(settings_module, "cpus", lambda: cpus)
    config = resolve({"NUKG_WEB_WORKERS": web, "NUKG_QUERY_WORKERS": query}, environ={})
    assert (settings_module.web_workers(config), settings_module.query_workers(config)) == expected


@pytest.mark.parametrize(("files", "expected"), [
    ({"cpu.max": "150000 100000\n"}, 2),  # a quota of 1.5 CPUs: two may be busy at times
    ({"cpu.max": "100000 100000\n"}, 1),
    ({"cpu.max": "max 100000\n"}, None),  # no quota
    ({"cpu/cpu.cfs_quota_us": "300000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 3),  # cgroup v1
    ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
    ({}, None),
])
def test_a_container_cpu_quota_bounds_the_cpus(tmp_path, files, expected):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    affinity = settings_module.cpus(tmp_path / "nowhere")  # this machine's, without any quota
    assert settings_module.cpus(tmp_path) == (min(affinity, expected) if expected else affinity)
