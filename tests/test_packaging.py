"""The project's set-up files agree with each other and with what the README promises."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def _requirements(specs: list[str]) -> dict[str, str]:
    """{normalized name: lower bound} of requirement strings like ``pandas>=2.2``."""
    found = {}
    for spec in specs:
        match = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+?)(?:\[[^\]]*\])?\s*>=\s*([0-9][0-9.]*)", spec.strip())
        if match:
            found[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return found


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_packaging_environment_yml_matches_pyproject():
    pyproject = _pyproject()
    project = pyproject["project"]
    declared = _requirements(
        project["dependencies"] + project["optional-dependencies"]["test"] + project["optional-dependencies"]["lab"]
        + pyproject["build-system"]["requires"]
    )
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda_specs = [d for d in env["dependencies"] if isinstance(d, str)]
    pip_specs = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    in_env = _requirements(conda_specs + pip_specs)
    in_env.pop("python", None)
    assert in_env == declared


def test_packaging_every_dependency_has_a_lower_bound():
    project = _pyproject()["project"]
    for spec in project["dependencies"] + [spec for extra in project["optional-dependencies"].values() for spec in extra]:
        assert ">=" in spec, f"{spec} has no pinned lower bound"


@pytest.mark.parametrize("command", ["make demo", "make test", "conda env create -f environment.yml"])
def test_packaging_readme_shows_the_commands(command):
    assert command in (ROOT / "README.md").read_text(encoding="utf-8")


def test_packaging_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_packaging_console_script_is_declared():
    assert _pyproject()["project"]["scripts"]["synthesis"] == "synthesis.cli:main"


@pytest.mark.parametrize("notebook", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_packaging_notebooks_are_committed_without_outputs(notebook):
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    assert all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code")
    assert any("parameters" in cell.metadata.get("tags", []) for cell in nb.cells)
