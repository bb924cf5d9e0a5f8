"""Faults while writing: two writers at once, kill -9 in the middle of a write or an ingest,
a full disk, a read-only folder, a lock held past its timeout. Nothing a person wrote is ever
lost: every write either happens whole or not at all, and the message names the file."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from synthesis.coding import CodingStore, new_coding
from synthesis.lessons_io import LessonsWriteError, locked, write_text
from tests.hostile.conftest import ROOT, fill_disk, ingest_quietly, write_corpus


def coding(n: int, coder: str = "coder_a", doc: str = "demo/a.txt"):
    return new_coding(doc, n * 10, n * 10 + 6, "กองทุน", "sha", "mechanism.fund", coder,
                      created="2026-01-01T00:00:00Z")


def _add_many(lessons: str, first: int, count: int, coder: str) -> None:
    store = CodingStore(lessons)
    for n in range(first, first + count):
        store.add(coding(n, coder))


# -- two writers -------------------------------------------------------------------------------
@pytest.mark.parametrize(("writers", "each"), [(4, 25), (2, 60)])
def test_faults_processes_adding_for_one_coder_lose_nothing(tmp_path, writers, each):
    """What two browser tabs of one coder do: every coding of every writer is in the file."""
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_add_many, args=(str(tmp_path), w * 1000, each, "coder_a"))
                 for w in range(writers)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
        assert process.exitcode == 0
    store = CodingStore(tmp_path)
    codings = store.load("coder_a")
    assert len(codings) == writers * each and not store.problems
    assert len({c.coding_id for c in codings}) == writers * each


def test_faults_threads_adding_for_one_coder_lose_nothing(tmp_path):
    errors: list[BaseException] = []

    def work(first: int) -> None:
        try:
            _add_many(str(tmp_path), first, 20, "coder_a")
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(t * 1000,)) for t in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors
    assert len(CodingStore(tmp_path).load("coder_a")) == 120


def _update_memos(lessons: str, ids: list[str]) -> None:
    store = CodingStore(lessons)
    for coding_id in ids:
        store.update(coding_id, memo="ทบทวนแล้ว")


def test_faults_adds_updates_and_removes_interleaved(tmp_path):
    """One process adds, another edits memos and a third removes: each change survives the others."""
    store = CodingStore(tmp_path)
    first = [coding(n) for n in range(40)]
    store.add(*first)
    context = multiprocessing.get_context("fork")
    adder = context.Process(target=_add_many, args=(str(tmp_path), 500, 40, "coder_a"))
    editor = context.Process(target=_update_memos, args=(str(tmp_path), [c.coding_id for c in first[:20]]))
    remover = context.Process(target=lambda: [CodingStore(tmp_path).remove(c.coding_id) for c in first[20:30]])
    for process in (adder, editor, remover):
        process.start()
    for process in (adder, editor, remover):
        process.join(120)
        assert process.exitcode == 0
    final = {c.coding_id: c for c in store.load("coder_a")}
    assert len(final) == 40 + 40 - 10
    assert all(final[c.coding_id].memo == "ทบทวนแล้ว" for c in first[:20])
    assert not any(c.coding_id in final for c in first[20:30])


def test_faults_same_coding_added_twice_at_once_kept_once(tmp_path):
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_add_many, args=(str(tmp_path), 7, 1, "coder_a")) for _ in range(3)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
    assert sorted(p.exitcode for p in processes)[0] == 0  # one wins, the others are refused
    assert len(CodingStore(tmp_path).load("coder_a")) == 1


# -- kill -9 -----------------------------------------------------------------------------------
WRITER = """
import sys
from synthesis.lessons_io import write_text
path, size = sys.argv[1], int(sys.argv[2])
n = 0
while True:
    n += 1
    write_text(path, f"version {n}\\n" + ("บันทึกของนักวิจัย " * size) + f"\\nend {n}\\n")
"""


@pytest.mark.parametrize("relative", ["codings/coder_a.jsonl", "codebook.yaml", "cards/yala-bala.yaml",
                                      "decisions/suggestions.jsonl"])
def test_faults_kill_9_during_lessons_write_leaves_old_or_new(tmp_path, relative):
    """kill -9 at random moments of a write loop: the file is always one whole version, never torn."""
    path = tmp_path / "lessons" / relative
    write_text(path, "version 0\n" + "บันทึกของนักวิจัย " * 20000 + "\nend 0\n")
    rng = random.Random(21)
    for _ in range(6):
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(path), "20000"])
        time.sleep(rng.uniform(0.2, 0.6))
        child.send_signal(signal.SIGKILL)
        child.wait()
        text = path.read_text(encoding="utf-8")
        number = text.split("\n", 1)[0].split()[1]
        assert text == f"version {number}\n" + "บันทึกของนักวิจัย " * 20000 + f"\nend {number}\n"
    leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 6  # a killed writer may leave its temporary file, never a torn target
    write_text(path, "after\n")  # and the next writer is not blocked by the dead one's lock
    assert path.read_text(encoding="utf-8") == "after\n"


def test_faults_kill_9_during_ingest_keeps_previous_store(tmp_path):
    """kill -9 in the middle of an ingest: the previous store stays readable, the next ingest completes."""
    from synthesis.corpus import open_store

    corpus = write_corpus(tmp_path / "corpus")
    work = tmp_path / "work"
    ingest_quietly(corpus, work)
    before = sorted(open_store(work).documents(columns=["doc_id", "path"])["path"])
    for n in range(40):
        (corpus / f"เพิ่ม-{n:02d}.txt").write_text(f"บันทึกการประชุมกลุ่มอาชีพครั้งที่ {n} ตำบลนาทอน\n" * 40,
                                                  encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-m", "synthesis.cli", "ingest", str(corpus), "--work", str(work),
                              "--areas", str(ROOT / "lessons" / "areas.yaml"), "--quiet", "--batch-files", "2"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(4)
    child.send_signal(signal.SIGKILL)
    child.wait()
    paths = sorted(open_store(work).documents(columns=["doc_id", "path"])["path"])
    assert paths in (before, sorted(before + [f"เพิ่ม-{n:02d}.txt" for n in range(40)]))
    report = ingest_quietly(corpus, work)
    assert report.ok
    assert len(open_store(work).documents(columns=["doc_id"])) == 42


# -- full disk, read-only folder, lock held ------------------------------------------------------
def test_faults_disk_full_clear_message_previous_file_intact(small_tmpfs):
    store = CodingStore(small_tmpfs / "lessons")
    store.add(coding(1))
    before = store.path("coder_a").read_bytes()
    fill_disk(small_tmpfs)
    with pytest.raises(LessonsWriteError, match=r"coder_a\.jsonl: the disk is full; the previous file is unchanged"):
        store.add(*[coding(n) for n in range(2, 200)])
    assert store.path("coder_a").read_bytes() == before
    assert not [p for p in (small_tmpfs / "lessons" / "codings").iterdir() if p.name.endswith(".tmp")]


def test_faults_disk_full_through_the_command_line(small_tmpfs, project, cli):
    """`synthesis code --rules` on a full disk: one line naming the file, status 1, no traceback."""
    lessons = small_tmpfs / "lessons"
    (lessons / "codings").mkdir(parents=True)
    fill_disk(small_tmpfs)
    result = cli("code", "--rules", "--work", project["work"], "--lessons", lessons,
                 "--codebook", project["lessons"] / "codebook.yaml")
    if result.status == 0:
        pytest.skip("the rules found nothing to write")
    assert result.status == 1 and "Traceback" not in result.err
    assert "rules.jsonl" in result.err and "the disk is full" in result.err


def read_only(folder: Path):
    """Make ``folder`` read-only for real (a read-only remount as root, who ignores chmod)."""
    if os.geteuid() == 0:
        done = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True)
        if done.returncode:
            pytest.skip("cannot remount read-only here")
    else:
        folder.chmod(0o555)


def test_faults_read_only_folder_clear_message(small_tmpfs):
    store = CodingStore(small_tmpfs / "lessons")
    store.add(coding(1))
    before = store.path("coder_a").read_bytes()
    read_only(small_tmpfs)
    with pytest.raises(LessonsWriteError, match=r"coder_a\.jsonl: (the file system is read-only|permission denied)"):
        store.add(coding(2))
    assert store.path("coder_a").read_bytes() == before


HOLDER = """
import fcntl, os, sys, time
handle = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(handle, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def test_faults_lock_held_past_timeout_clear_message(tmp_path, monkeypatch):
    """Another process holds the lock too long: the write gives up, says so, changes nothing."""
    from synthesis.lessons_io import lock_path

    store = CodingStore(tmp_path)
    store.add(coding(1))
    before = store.path("coder_a").read_bytes()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock_path(store.path("coder_a"))), "30"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setenv("SYNTHESIS_LOCK_TIMEOUT", "0.3")
        started = time.monotonic()
        with pytest.raises(LessonsWriteError, match=r"coder_a\.jsonl: another writer has held its lock for more "
                                                    r"than 0\.3 s; nothing was changed"):
            store.add(coding(2))
        assert time.monotonic() - started < 5
        assert store.path("coder_a").read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
    store.add(coding(2))  # the dead holder's lock is gone with it (flock)
    assert len(store.load()) == 2


def test_faults_lock_held_by_another_thread_times_out(tmp_path):
    target = tmp_path / "cards" / "yala-bala.yaml"
    release = threading.Event()
    held = threading.Event()

    def hold() -> None:
        with locked(target):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    try:
        with pytest.raises(LessonsWriteError, match=r"yala-bala\.yaml: another writer"):
            write_text(target, "title: บทเรียน\n", timeout=0.2)
    finally:
        release.set()
        thread.join()
    write_text(target, "title: บทเรียน\n", timeout=1)
    assert target.read_text(encoding="utf-8") == "title: บทเรียน\n"
