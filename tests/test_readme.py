"""The README's commands work exactly as written, in order, after `make demo`.

Every ```sh block of README.md runs, in the order of the README, with bash in a copy of the
project whose ``.venv`` is this one (a fresh clone after ``make demo``). A block can only be
left out with a comment right above it naming why, ``<!-- readme-test: skip: REASON -->``,
and only for what cannot run here: a server or browser, a second install path, a cluster.
``make test`` itself is never run from inside the test suite.

The blocks are read from the README when the test runs, so commands others add to the README
are run too. The whole run takes several minutes (it builds the demo's reports twice and
ingests a synthetic archive three ways): it is marked ``slow``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

SKIP = re.compile(r"<!--\s*readme-test:\s*skip:\s*(?P<reason>[^>]*?)\s*-->\s*$")
FENCE = re.compile(r"^```(?P<lang>\S*)\s*$")
# lines of a block that are never run from inside the test suite, and why
NOT_FROM_TESTS = {"make test": "it runs this test suite itself"}
# words a skip reason must use: only what cannot run here may be left out
ALLOWED_SKIPS = ("server", "browser", "install path", "cluster", "scheduler")


@dataclass
class Block:
    line: int  # where the block starts in README.md
    commands: list[str]
    skip: str | None
    comments: list[str] = None  # each command's trailing comment ("" when none)

    def allowed_status(self, command: str) -> set[int]:
        """Exit statuses the README documents for ``command``: 0, and 1 for a check whose
        comment says it ``exits 1 when`` it finds something.

        >>> Block(1, ["x check"], None, ["# flags (exits 1 when it finds any)"]).allowed_status("x check")
        {0, 1}
        """
        comment = (self.comments or [""] * len(self.commands))[self.commands.index(command)]
        return {0, 1} if "exits 1 when" in comment else {0}


def shell_blocks(text: str) -> list[Block]:
    """The ```sh blocks of a README, each with its commands (comments and blank lines left
    out) and the reason given to skip it, if any.

    >>> [b.commands for b in shell_blocks("```sh\\nmake demo   # build\\n\\n```\\n```python\\nx\\n```")]
    [['make demo']]
    >>> shell_blocks("<!-- readme-test: skip: starts a server -->\\n```sh\\nvoila x\\n```")[0].skip
    'starts a server'
    """
    blocks, lines = [], text.splitlines()
    number = 0
    while number < len(lines):
        fence = FENCE.match(lines[number])
        if not fence:
            number += 1
            continue
        start, language, body = number, fence.group("lang"), []
        number += 1
        while number < len(lines) and not FENCE.match(lines[number]):
            body.append(lines[number])
            number += 1
        number += 1
        if language not in ("sh", "bash", "shell"):
            continue
        previous = next((lines[n] for n in range(start - 1, -1, -1) if lines[n].strip()), "")
        skip = SKIP.search(previous)
        pairs = []  # (command, its trailing comment)
        for line in body:
            command = _without_comment(line)
            if command:
                pairs.append((command, line.strip()[len(command):].strip()))
        blocks.append(Block(start + 1, [c for c, _ in pairs], skip.group("reason") if skip else None,
                            [comment for _, comment in pairs]))
    return blocks


def _without_comment(line: str) -> str:
    """A command line without its trailing ``# comment`` (a ``#`` inside quotes stays)."""
    quote = None
    for position, char in enumerate(line):
        if char in "'\"" and quote in (None, char):
            quote = None if quote else char
        elif char == "#" and quote is None and (position == 0 or line[position - 1].isspace()):
            return line[:position].strip()
    return line.strip()


BLOCKS = shell_blocks(README.read_text(encoding="utf-8"))


def test_readme_has_the_commands_of_a_first_hour():
    commands = [command for block in BLOCKS for command in block.commands]
    assert "make demo" in commands
    assert any(command.startswith(".venv/bin/synthesis report") for command in commands)
    assert any(command.startswith(".venv/bin/synthesis ingest") for command in commands)


def test_readme_commands_are_written_one_way():
    """Outside the conda block (which activates its environment), every `synthesis` command
    is `.venv/bin/synthesis`: the one way the README says."""
    for block in BLOCKS:
        if block.skip and "install path" in block.skip:
            continue
        for command in block.commands:
            assert not re.match(r"synthesis\b", command), f"README line {block.line}: {command!r}"


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.skip], ids=lambda b: f"line{b.line}")
def test_readme_skips_only_what_cannot_run_here(block):
    assert any(word in block.skip for word in ALLOWED_SKIPS), \
        f"README line {block.line} is skipped for {block.skip!r}: only servers, browsers, clusters or a second install path may be"


def test_readme_shell_blocks_parse():
    assert shell_blocks("```sh\necho 'a # b'  # c\n```")[0].commands == ["echo 'a # b'"]


def _project_copy(destination: Path) -> Path:
    """The project's files (tracked and new, not ignored) copied with their times, and this
    project's .venv linked in: a fresh clone after `make demo`."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    (destination / ".venv").symlink_to(ROOT / ".venv")
    return destination


@pytest.mark.slow
def test_readme_commands_run_as_written(tmp_path):
    if not (ROOT / ".venv" / "bin" / "synthesis").exists():
        pytest.skip("no .venv with synthesis installed: run make demo first")
    project = _project_copy(tmp_path / "project")
    # `make demo` must find the venv up to date, or it would reinstall into this project's venv
    fresh = subprocess.run(["make", "-q", ".venv/.installed-stamp"], cwd=project, capture_output=True)
    if fresh.returncode != 0:
        pytest.skip(".venv is older than pyproject.toml/setup.py: run `make setup` first")
    home = tmp_path / "home"  # pseudonym keys (--redact) go to ~/.synthesis, kept out of the real home
    home.mkdir()
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("SYNTHESIS_", "PYTEST", "VIRTUAL_ENV"))}
    environment.update(HOME=str(home), TERM="dumb", PYTHONDONTWRITEBYTECODE="1")
    failures = []
    for block in BLOCKS:
        if block.skip:
            continue
        for command in block.commands:
            if command in NOT_FROM_TESTS:
                continue
            done = subprocess.run(["bash", "-c", f"set -eo pipefail\n{command}"], cwd=project, env=environment,
                                  capture_output=True, text=True, timeout=900)
            output = done.stdout + done.stderr
            if done.returncode not in block.allowed_status(command):
                failures.append(f"README line {block.line}: {command}\n  exit {done.returncode}: {output[-1500:]}")
            elif "Kernel is running over TCP without encryption" in output:
                failures.append(f"README line {block.line}: {command}\n  prints Jupyter's transport warning:\n"
                                f"{output.replace(chr(13), chr(10))[-1500:]}")
            elif "\r" in done.stderr and not command.startswith(".venv/bin/papermill"):  # papermill's own bar
                failures.append(f"README line {block.line}: {command}\n  writes carriage returns (a bar) into a log")
    assert not failures, "\n".join(failures)
    index = (project / "reports" / "demo" / "index.html").read_text(encoding="utf-8")
    # the --area run at the end kept every report of the --all run in the index
    for slug in ("songkhla-khae", "yala-bala", "cross-area", "overview"):
        assert f'href="{slug}/report.html"' in index


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
