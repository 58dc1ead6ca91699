"""environment.yml, pyproject.toml and requirements.lock list the same packages."""

import re
import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.version import Version


def _pyproject(ws):
    data = tomllib.loads((ws.root / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    deps = project["dependencies"] + project["optional-dependencies"]["test"]
    return {Requirement(d).name.lower(): str(Requirement(d).specifier) for d in deps}


def _environment(ws):
    env = yaml.safe_load((ws.root / "environment.yml").read_text(encoding="utf-8"))
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict) or (
            dep.startswith(("python=", "pip")) and not re.match(r"pip\w", dep)
        ):
            continue
        req = Requirement(dep)
        out[req.name.lower()] = str(req.specifier)
    return out


def test_environment_yml_and_pyproject_agree(ws):
    assert _environment(ws) == _pyproject(ws)


def test_lock_pins_every_dependency_within_its_range(ws):
    pins = {}
    for line in (ws.root / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name.lower())] = Version(version)
    for name, spec in _pyproject(ws).items():
        key = re.sub(r"[-_.]+", "-", name)
        assert key in pins, f"{name} is missing from requirements.lock: run 'make lock'"
        assert Requirement(f"{name}{spec}").specifier.contains(pins[key]), (
            f"requirements.lock pins {name}=={pins[key]}, outside {spec}: run 'make lock'"
        )
