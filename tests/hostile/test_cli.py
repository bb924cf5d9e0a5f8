"""The command line with hostile use: a reader closing the pipe early, bad names and paths on
the command line, a batch with many kinds of bad files, a write that cannot happen. The command
ends with a clear message (never a traceback), and what can go on goes on."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.hostile.conftest import ROOT, run_shell, write_corpus


def quote(value) -> str:
    return "'" + str(value).replace("'", "'\\''") + "'"


@pytest.mark.parametrize(("command", "reader"), [
    ("agree --coders coder_a,coder_b --limit 500", "head -n 1"),
    ("agree --coders coder_a,coder_b --limit 500", "true"),
    ("suggest --coders consensus --top 500 --min-score 0", "head -n 1"),
    ("suggest --coders consensus --top 500 --min-score 0", "true"),
    ("codings check", "true"),
])
def test_cli_closed_pipe_exits_quietly(project, command, reader):
    """`synthesis agree … | head`: no BrokenPipeError traceback, exit status 0."""
    line = (f"synthesis {command} --work {quote(project['work'])} --lessons {quote(project['lessons'])} "
            f"| {reader}; echo \"status=${{PIPESTATUS[0]}}\" >&2")
    done = run_shell(line.replace("; echo", " ; echo"), env={"SYNTHESIS_HOME": str(project["home"])})
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    assert "Exception ignored" not in done.stderr, done.stderr
    status = done.stderr.strip().rsplit("status=", 1)[-1]
    assert status in ("0", "1"), done.stderr  # 1: codings check found orphans, still no traceback


@pytest.mark.parametrize("args", [["--help"], ["ingest", "--help"], ["agree", "--help"]])
def test_cli_help_into_closed_pipe_exits_quietly(args):
    done = run_shell(f"synthesis {' '.join(args)} | true; echo \"status=${{PIPESTATUS[0]}}\" >&2")
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["agree", "--coders", "coder_a,../../etc/passwd"], "coder name '../../etc/passwd'"),
    (["agree", "--coders", "coder_a,ผู้ลงรหัส"], "coder name 'ผู้ลงรหัส'"),
    (["reconcile", "--coders", "coder_a,coder_b", "--into", "../escape"], "coder name '../escape'"),
    (["suggest", "--coders", "a/b"], "coder name 'a/b'"),
])
def test_cli_hostile_coder_names_refused_clearly(project, cli, args, message):
    result = cli(*args, "--work", project["work"], "--lessons", project["lessons"])
    assert result.status == 2 and message in result.err and "Traceback" not in result.err
    assert not (project["lessons"].parent / "escape.jsonl").exists()


def test_cli_ingest_batch_of_bad_files_reports_each_and_goes_on(tmp_path, cli):
    """One ingest with many kinds of bad file: each FAILED or skipped line names file and reason."""
    corpus = write_corpus(tmp_path / "corpus", {
        "วันที่ผิด.md": "---\ndate: 2022-13-45\n---\nรายงาน\n",
        "พื้นที่ผิด.md": "---\nareas: 5\n---\nรายงาน\n",
        "ว่าง.txt": "",
        "ไม่ใช่.docx": b"PK\x03\x04 broken",
        "ข้าง.txt": "รายงานกิจกรรม\n",
        "ข้าง.txt.meta.yaml": "a: &a [x, *a]\n",
    })
    os.mkfifo(corpus / "ท่อ.txt")
    os.symlink("/etc/hostname", corpus / "นอก.txt")
    result = cli("ingest", corpus, "--work", tmp_path / "work", "--areas", ROOT / "lessons" / "areas.yaml", "--quiet")
    assert result.status == 1 and "Traceback" not in result.err
    for line in ("FAILED  วันที่ผิด.md: front matter: 'date' is not a date",
                 "FAILED  พื้นที่ผิด.md: front matter: 'areas' must be",
                 "FAILED  ว่าง.txt: file is empty",
                 "FAILED  ไม่ใช่.docx:",
                 "FAILED  ข้าง.txt: sidecar ข้าง.txt.meta.yaml",
                 "skipped ท่อ.txt: a named pipe",
                 "skipped นอก.txt: a symbolic link to a file outside the corpus"):
        assert line in result.out, result.out
    assert "added                               2" in result.out


def test_cli_parse_fifo_refused_without_hanging(tmp_path, cli):
    os.mkfifo(tmp_path / "ท่อ.txt")
    result = cli("parse", tmp_path / "ท่อ.txt")
    assert result.status == 1 and "ท่อ.txt: a named pipe" in result.err


HOLDER = """
import fcntl, os, sys, time
handle = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(handle, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(60)
"""


def test_cli_lock_held_by_another_writer_one_line_message(project, cli, monkeypatch):
    """`synthesis code --rules` while another writer holds rules.jsonl: status 1, the file named."""
    from synthesis.lessons_io import lock_path

    target = project["lessons"] / "codings" / "rules.jsonl"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock_path(target))], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setenv("SYNTHESIS_LOCK_TIMEOUT", "0.2")
        result = cli("code", "--rules", "--work", project["work"], "--lessons", project["lessons"],
                     "--codebook", project["lessons"] / "codebook.yaml")
    finally:
        holder.kill()
        holder.wait()
    assert result.status == 1 and "Traceback" not in result.err
    assert f"synthesis code: cannot write {target}: another writer has held its lock" in result.err


@pytest.mark.parametrize(("args", "message"), [
    (["ingest", "/nonexistent/คลัง"], "corpus folder not found"),
    (["import", "qdpx", "/nonexistent/x.qdpx"], "no such file"),
    (["export", "table", "codings", "/tmp/out.ods"], "write .csv or .xlsx"),
])
def test_cli_bad_paths_clear_message(project, cli, args, message):
    extra = [] if args[0] in ("ingest", "import") else ["--work", project["work"], "--lessons", project["lessons"]]
    result = cli(*args, *extra)
    assert result.status != 0 and message in result.err and "Traceback" not in result.err
