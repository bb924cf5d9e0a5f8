"""End to end: Voilà serves notebooks/coding.ipynb, headless Chromium codes a document.

The test builds a throw-away project (a copy of lessons/ and a two-file corpus) in a
temporary folder, points ``SYNTHESIS_HOME`` at it and serves a copy of the notebook with the
collection injected after its ``parameters`` cell, as papermill does; the coder comes from the
page address (``?coder=``). Chromium is
Debian's (``/usr/bin/chromium``, installed by ``.ci/run``); Playwright's own browser download
is never used. Screenshots (before and after the reload) go to
``$TMPDIR/synthesis-panel/`` (their paths are printed): look at them, Thai must render whole.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SYNTHESIS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CODER = "browser_tester"
COLLECTION = "tiny"
CORPUS_FILES = ["interviews/yala-bala_interview.txt", "reports/yala-bala_1.txt"]
MEMO = "ผู้นำกลุ่มเป็นแรงผลักดันหลัก"
START_SECONDS = 90

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _requirements() -> None:
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"Chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    pytest.importorskip("voila", reason="voila is not installed")
    for relative in CORPUS_FILES:
        if not (ROOT / "corpora" / "demo" / relative).is_file():
            pytest.skip(f"demo corpus file {relative} is missing")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _project(tmp: Path) -> Path:
    """A project folder: lessons/ copied (without codings of our coder), a tiny corpus, the notebook."""
    import nbformat

    home = tmp / "project"
    shutil.copytree(ROOT / "lessons", home / "lessons")
    for stale in (home / "lessons").rglob(f"*{CODER}*"):
        stale.unlink()
    for relative in CORPUS_FILES:
        target = home / "corpora" / COLLECTION / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "corpora" / "demo" / relative, target)
    notebook = nbformat.read(ROOT / "notebooks" / "coding.ipynb", as_version=4)
    at = next(i for i, cell in enumerate(notebook.cells) if "parameters" in cell.metadata.get("tags", []))
    injected = nbformat.v4.new_code_cell(f"coder = 'nobody'\ncollection = {COLLECTION!r}")
    injected.metadata["tags"] = ["injected-parameters"]
    notebook.cells.insert(at + 1, injected)
    (home / "notebooks").mkdir()
    nbformat.write(notebook, home / "notebooks" / "coding.ipynb")
    return home


def _start_voila(home: Path, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "SYNTHESIS_HOME": str(home)}
    command = [sys.executable, "-m", "voila", "notebooks/coding.ipynb", f"--port={port}", "--no-browser",
               "--Voila.ip=127.0.0.1", "--show_tracebacks=True"]
    process = subprocess.Popen(command, cwd=home, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               start_new_session=True)
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"voila exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:  # listening is enough: the page itself runs the notebook when Chromium asks
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                return process
        except OSError:
            time.sleep(0.5)
    _stop(process)
    raise RuntimeError(f"voila did not answer within {START_SECONDS} s:\n{log.read_text(errors='replace')[-3000:]}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)  # voila and the kernels it started
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def _records(home: Path) -> list[dict]:
    path = home / "lessons" / "codings" / f"{CODER}.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _wait_for(predicate, what: str, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


SELECT_IN_SEGMENT = """([index, from, to]) => {
  const piece = document.querySelector(`.syn-seg[data-index="${index}"] .syn-piece`);
  const node = piece.firstChild;
  const range = document.createRange();
  range.setStart(node, from);
  range.setEnd(node, to);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  piece.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
}"""


def _open_document(page, title: str) -> None:
    """Pick the document whose list label holds ``title`` (ipywidgets shows labels, not ids)."""
    page.wait_for_selector(".syn-doclist select option", timeout=90_000)
    labels = page.locator(".syn-doclist select option").all_inner_texts()
    index = next(i for i, label in enumerate(labels) if title in label.replace("\xa0", " "))
    page.locator(".syn-doclist select").select_option(index=index)
    page.wait_for_selector(".syn-seg", timeout=60_000)


def _title(home: Path, doc_id: str) -> str:
    from synthesis.corpus import open_store

    documents = open_store(home / "work" / COLLECTION).documents(columns=["doc_id", "title"])
    return documents.set_index("doc_id").loc[doc_id, "title"]


def test_browser_code_accept_memo_reload(tmp_path):
    _requirements()
    from playwright.sync_api import sync_playwright

    from synthesis.corpus.document import make_doc_id

    home = _project(tmp_path)
    doc_id = make_doc_id(COLLECTION, CORPUS_FILES[0])
    port = _free_port()
    server = _start_voila(home, port, tmp_path / "voila.log")
    shots = Path(tempfile.gettempdir()) / "synthesis-panel"
    shots.mkdir(exist_ok=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                page = browser.new_page(viewport={"width": 1500, "height": 1100}, locale="th-TH")
                page.set_default_timeout(60_000)
                # the coder comes from the address (Voilà's QUERY_STRING), the collection from the
                # injected parameters cell
                page.goto(f"http://127.0.0.1:{port}/?coder={CODER}", timeout=120_000)
                page.wait_for_selector(".syn-doclist select option", timeout=90_000)
                title = _title(home, doc_id)  # the kernel has ingested the tiny corpus by now
                _open_document(page, title)
                # the suggestion model trains in the background; act once it is ready
                page.locator(".syn-status", has_text="suggestions ready").wait_for(timeout=120_000)

                # 1. select a few words of a segment, press "1": the first code of the tree
                target = page.locator('.syn-seg[data-index="6"] .syn-piece').first.inner_text()
                page.evaluate(SELECT_IN_SEGMENT, [6, 15, 24])
                page.wait_for_selector("mark.syn-selection")
                page.keyboard.press("1")
                _wait_for(lambda: len(_records(home)) == 1, "the keyboard coding to be saved")
                manual = _records(home)[0]
                assert manual["origin"] == "manual" and manual["quote"] in target
                assert len(manual["quote"]) >= 9  # widened to whole words, never shrunk

                # 2. go to the first segment with a suggestion and accept it
                suggested = page.locator(".syn-seg", has=page.locator(".syn-gutter", has_text="✦")).first
                index = suggested.get_attribute("data-index")
                suggested.locator(".syn-gutter").click()
                row = page.locator(f".syn-suggestions .syn-suggestion.syn-in-{index}").first
                row.wait_for()  # the rows of that segment, not those still shown from before
                assert any(ch.isdigit() for ch in row.locator(".syn-score").inner_text())
                row.locator(".syn-accept").click()
                _wait_for(lambda: len(_records(home)) == 2, "the accepted suggestion to be saved")
                accepted = next(r for r in _records(home) if r["origin"] == "suggestion-accepted")

                # 3. memo on the accepted coding (its row is in the current segment's codings)
                row = page.locator(f".syn-codings .syn-coding.syn-in-{index}", has_text="suggestion-accepted").first
                memo_box = row.locator(".syn-memo input")
                memo_box.fill(MEMO)
                memo_box.press("Enter")
                _wait_for(lambda: any(r["memo"] == MEMO for r in _records(home)), "the memo to be saved")

                page.screenshot(path=str(shots / "coding-panel-before-reload.png"), full_page=True)
                before_reload = _records(home)
                assert len(before_reload) == 2
                assert {r["origin"] for r in before_reload} == {"manual", "suggestion-accepted"}
                assert {r["coding_id"]: r["memo"] for r in before_reload} == {
                    manual["coding_id"]: "", accepted["coding_id"]: MEMO}
                assert all(r["coder"] == CODER and r["doc_id"] == doc_id for r in before_reload)

                # 4. reload: a new kernel reads the file back and shows the same codings
                page.reload(timeout=120_000)
                _open_document(page, title)
                coded = page.locator(".syn-coded")
                _wait_for(lambda: coded.count() >= 2, "the codings to be highlighted again")
                codes_on_page = set(" ".join(coded.evaluate_all("els => els.map(e => e.dataset.codes)")).split())
                assert {manual["code_id"], accepted["code_id"]} <= codes_on_page
                seg_index = page.evaluate(
                    "(start) => [...document.querySelectorAll('.syn-seg')].findIndex(s => "
                    "[...s.querySelectorAll('.syn-piece')].some(p => Number(p.dataset.start) <= start "
                    "&& start < Number(p.dataset.end)))", accepted["start"])
                page.locator(f'.syn-seg[data-index="{seg_index}"] .syn-gutter').click()
                page.wait_for_selector(".syn-codings .syn-memo input")
                memos = page.locator(".syn-codings .syn-memo input").evaluate_all("els => els.map(e => e.value)")
                assert MEMO in memos
                page.screenshot(path=str(shots / "coding-panel.png"), full_page=True)
                print(f"screenshots in {shots}")
            except Exception:
                page.screenshot(path=str(shots / "coding-panel-failure.png"), full_page=True)
                print(f"failure screenshot: {shots / 'coding-panel-failure.png'}")
                raise
            finally:
                browser.close()
    finally:
        _stop(server)
    assert _records(home) == before_reload  # reloading and reading wrote nothing
    assert not (ROOT / "lessons" / "codings" / f"{CODER}.jsonl").exists()
    assert not (home / "lessons" / "codings" / "nobody.jsonl").exists()
