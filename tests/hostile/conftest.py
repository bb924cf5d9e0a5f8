"""Helpers of the hostile-input suite: small Thai corpora, a deadline for anything that could
hang, the command line run in-process, and a tiny tmpfs for a full disk.

Every case of this suite states what must happen with hostile, bad or faulty input: a clear
error naming the file and the problem, the rest of the batch going on, nothing lost or
altered, nothing outside its folder read or written.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SYNTHESIS = Path(sys.executable).with_name("synthesis")

# Our own short Thai texts in the layouts of the programme pages (activity report, meeting).
GOOD_REPORT = (
    "รายงานกิจกรรมกลุ่มแม่บ้านผู้ปลูกยาง ตำบลบาละ อำเภอกาบัง จังหวัดยะลา\n"
    "วันที่ 12 มีนาคม 2565\n\n"
    "สมาชิกกลุ่มออมทรัพย์ 25 คน ร่วมประชุมวางแผนการแปรรูปยางพารา "
    "ผู้นำกลุ่มเล่าว่ารายได้ของครัวเรือนเพิ่มขึ้นหลังมีกองทุน\n"
)
GOOD_MEETING = (
    "บันทึกการประชุมคณะทำงานแรงงานนอกระบบ จังหวัดสตูล\n"
    "วันที่ 3 พฤษภาคม 2566\n\n"
    "ที่ประชุมเห็นชอบให้จัดอบรมความปลอดภัยในการทำงานแก่ผู้รับงานไปทำที่บ้าน\n"
)


@contextlib.contextmanager
def deadline(seconds: int, what: str):
    """Fail (rather than hang the suite) when the block runs past ``seconds``."""
    def expired(signum, frame):
        raise TimeoutError(f"{what} still running after {seconds} s: it hangs")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def write_corpus(folder: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """A corpus folder with the two good Thai texts and ``files`` (text or bytes) beside them."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good-report.txt").write_text(GOOD_REPORT, encoding="utf-8")
    (folder / "good-meeting.md").write_text(GOOD_MEETING, encoding="utf-8")
    for name, content in (files or {}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def ingest_quietly(corpus: Path, work: Path):
    """Ingest with the project's areas (a hang fails the test after 120 s)."""
    from synthesis.corpus import ingest

    with deadline(120, f"ingest of {corpus}"):
        return ingest(corpus, work_dir=work, areas_path=ROOT / "lessons" / "areas.yaml", progress=False)


def assert_good_files_went_on(report) -> None:
    """The batch went on: both good texts are in the store."""
    done = set(report.added) | set(report.changed) | set(report.unchanged)
    assert {"good-report.txt", "good-meeting.md"} <= done, report.summary()


def failure_of(report, name: str) -> str:
    reasons = dict(report.failed)
    assert name in reasons, f"{name} did not fail:\n{report.summary()}"
    return reasons[name]


def refusal_of(report, name: str) -> str:
    reasons = dict(report.refused)
    assert name in reasons, f"{name} was not refused:\n{report.summary()}"
    return reasons[name]


@dataclass
class CliResult:
    status: int
    out: str
    err: str


@pytest.fixture()
def cli(capsys):
    """Run ``synthesis ARGS…`` in this process; returns status, stdout and stderr."""
    from synthesis.cli import main

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        with deadline(300, f"synthesis {' '.join(map(str, args))}"):
            status = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(status, captured.out, captured.err)

    return run


def run_shell(command: str, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """A shell pipeline with the venv's ``synthesis`` first on PATH."""
    environment = {**os.environ, "PATH": f"{SYNTHESIS.parent}:{os.environ.get('PATH', '')}", **(env or {})}
    return subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True,
                          env=environment, timeout=timeout, cwd=ROOT)


@pytest.fixture()
def project(mini_project, tmp_path):
    """A private copy of the mini project's ``lessons/`` (codings by coder_a, coder_b,
    consensus) over its ingested store, so a test may damage its codings freely."""
    lessons = tmp_path / "lessons"
    shutil.copytree(mini_project / "lessons", lessons)
    return {"lessons": lessons, "work": mini_project / "work" / "mini", "home": mini_project}


@pytest.fixture()
def small_tmpfs(tmp_path):
    """A 64 KiB tmpfs (root only): where a disk really fills. Skips with the reason otherwise."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root: the full-disk case runs on the CI machine")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                            capture_output=True, text=True)
    if result.returncode:
        pytest.skip(f"cannot mount a tmpfs here ({result.stderr.strip()})")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill_disk(folder: Path) -> None:
    """Fill the file system of ``folder`` to the last byte."""
    with contextlib.suppress(OSError), open(folder / "filler.bin", "wb", buffering=0) as handle:
        while True:
            handle.write(b"\0" * 1024)
