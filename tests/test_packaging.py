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


def test_packaging_make_demo_installs_only_what_reports_need():
    """`make demo` installs the package alone; the test tools and JupyterLab/Voilà are extras
    that `make test` (and `make lab`) add."""
    project = _pyproject()["project"]
    main = {re.split(r"[<>=\[ ]", spec)[0].lower() for spec in project["dependencies"]}
    assert not main & {"pytest", "hypothesis", "playwright", "jupyterlab", "voila", "pyrefiqda"}
    assert {"jupyterlab", "voila"} <= {re.split(r"[<>=\[ ]", s)[0].lower() for s in project["optional-dependencies"]["lab"]}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    demo_install = re.search(r"^\$\(STAMP\):.*?(?=^\S)", makefile, re.S | re.M).group(0)
    assert "install --progress-bar off -e .\n" in demo_install and "[test" not in demo_install
    assert "==>" in demo_install  # it says what it does
    test_target = re.search(r"^test:.*$", makefile, re.M).group(0)
    assert ".test-stamp" in test_target


def test_packaging_readme_gives_the_measured_install_time():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"cold `make demo` on our .*? took\s+\*\*\d+ min \d+ s\*\*", readme, re.S)


def test_packaging_make_demo_quiets_the_kernel_transport_warning():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    # IPython reads a kernel's config from <sys.prefix>/etc/ipython (not etc/jupyter)
    assert "$(VENV)/etc/ipython/ipython_kernel_config.json" in makefile and '"log_level": "ERROR"' in makefile


@pytest.mark.slow
def test_packaging_builds_without_a_c_compiler(tmp_path):
    """`CC=/bin/false pip wheel .`: the build succeeds without the accelerators and says so in
    one line (the README's promise for a laptop without build tools)."""
    import os
    import subprocess
    import sys
    import zipfile

    copy = tmp_path / "src-copy"
    for name in ("setup.py", "pyproject.toml", "README.md", "LICENSE"):
        copy.mkdir(exist_ok=True)
        (copy / name).write_bytes((ROOT / name).read_bytes())
    import shutil

    shutil.copytree(ROOT / "src", copy / "src", ignore=shutil.ignore_patterns("*.so", "__pycache__", "*.egg-info"))
    environment = {**os.environ, "CC": "/bin/false", "CXX": "/bin/false", "LDSHARED": "/bin/false"}
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "--disable-pip-version-check",
                           str(copy), "-w", str(tmp_path / "wheels")],
                          capture_output=True, text=True, env=environment, timeout=600)
    output = done.stdout + done.stderr
    if done.returncode != 0 and "No matching distribution" in output:
        pytest.skip("the build requirements (setuptools, Cython) cannot be fetched here")
    assert done.returncode == 0, output[-3000:]
    said = [line for line in output.splitlines() if "no working C compiler" in line]
    assert len(said) == 1, said  # one line, not one per extension
    assert "false exited with status 1" in said[0] and len(said[0]) < 250  # the compiler named, not its flags
    wheel = next((tmp_path / "wheels").glob("synthesis-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "synthesis/thai/accel.py" in names and not any(name.endswith(".so") for name in names)
