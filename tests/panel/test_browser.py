"""End to end: Voilà and JupyterLab serve notebooks/coding.ipynb, headless Chromium codes.

The tests build one throw-away project (a copy of lessons/ and a two-file corpus) in a
temporary folder, point ``SYNTHESIS_HOME`` at it and serve a copy of the notebook with the
collection injected after its ``parameters`` cell, as papermill does; each test codes under
its own name from the page address (``?coder=``), so their records never mix. One Voilà
server and one Chromium serve the module (each page load starts its own kernel); JupyterLab
gets its own server for its test. Chromium is Debian's (``/usr/bin/chromium``); Playwright's
own browser download is never used. Screenshots go to ``$TMPDIR/synthesis-panel/`` (their
paths are printed): look at them, Thai must render whole.

Waits are on what the page shows (a record in the file, a class on a segment), never a fixed
sleep; each has a modest budget, since the machine's two cores are shared.
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
SHOTS = Path(tempfile.gettempdir()) / "synthesis-panel"

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
    """A project folder: lessons/ copied (without our coders' files), a tiny corpus, the notebook.

    The corpus store is built here, once, so that no page load waits for an ingest.
    """
    import nbformat

    from synthesis.corpus import ingest

    home = tmp / "project"
    shutil.copytree(ROOT / "lessons", home / "lessons")
    for stale in (home / "lessons").rglob(f"*{CODER}*"):
        stale.unlink()
    for relative in CORPUS_FILES:
        target = home / "corpora" / COLLECTION / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "corpora" / "demo" / relative, target)
    ingest(home / "corpora" / COLLECTION, home / "work" / COLLECTION, areas_path=home / "lessons" / "areas.yaml",
           progress=False)
    notebook = nbformat.read(ROOT / "notebooks" / "coding.ipynb", as_version=4)
    at = next(i for i, cell in enumerate(notebook.cells) if "parameters" in cell.metadata.get("tags", []))
    injected = nbformat.v4.new_code_cell(f"collection = {COLLECTION!r}")
    injected.metadata["tags"] = ["injected-parameters"]
    notebook.cells.insert(at + 1, injected)
    (home / "notebooks").mkdir()
    nbformat.write(notebook, home / "notebooks" / "coding.ipynb")
    return home


def _serve(command: list[str], home: Path, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "SYNTHESIS_HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
           "JUPYTER_RUNTIME_DIR": str(home / ".jupyter" / "runtime")}
    process = subprocess.Popen(command, cwd=home, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               start_new_session=True)
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{command[2]} exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:  # listening is enough: the page itself runs the notebook when Chromium asks
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                return process
        except OSError:
            time.sleep(0.5)
    _stop(process)
    raise RuntimeError(f"{command[2]} did not answer within {START_SECONDS} s:\n{log.read_text(errors='replace')[-3000:]}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)  # the server and the kernels it started
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    _requirements()
    return _project(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def voila(home, tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("voila-log") / "voila.log"
    server = _serve([sys.executable, "-m", "voila", "notebooks/coding.ipynb", f"--port={port}", "--no-browser",
                     "--Voila.ip=127.0.0.1", "--show_tracebacks=True"], home, port, log)
    yield f"http://127.0.0.1:{port}/"
    _stop(server)


@pytest.fixture(scope="module")
def browser():
    _requirements()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    SHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1500, "height": 1100}, locale="th-TH")
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    if getattr(request.node, "failed", False):
        shot = SHOTS / f"{request.node.name}-failure.png"
        page.screenshot(path=str(shot), full_page=True)
        print(f"failure screenshot: {shot}")
    context.close()


def _records(home: Path, coder: str = CODER) -> list[dict]:
    path = home / "lessons" / "codings" / f"{coder}.jsonl"
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
  // select characters from..to of a segment's text, whatever highlight pieces cut it
  const pieces = [...document.querySelectorAll(`.syn-seg[data-index="${index}"] .syn-piece`)];
  const base = Number(pieces[0].dataset.start);
  const point = (offset, atEnd) => {
    const at = base + offset;
    const piece = pieces.find((p) => Number(p.dataset.start) <= at && (atEnd ? at <= Number(p.dataset.end)
                                                                         : at < Number(p.dataset.end)));
    return [piece.firstChild, at - Number(piece.dataset.start)];
  };
  const range = document.createRange();
  range.setStart(...point(from, false));
  range.setEnd(...point(to, true));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  pieces[0].dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
}"""


def _title(home: Path, doc_id: str) -> str:
    from synthesis.corpus import open_store

    documents = open_store(home / "work" / COLLECTION).documents(columns=["doc_id", "title"])
    return documents.set_index("doc_id").loc[doc_id, "title"]


def _doc_id() -> str:
    from synthesis.corpus.document import make_doc_id

    return make_doc_id(COLLECTION, CORPUS_FILES[0])


PAGE_SECONDS = 180  # a page load starts a kernel: slow when the shared cores are busy


def _open_panel(page, url: str, coder: str) -> None:
    page.goto(f"{url}?coder={coder}", timeout=PAGE_SECONDS * 1000)
    page.wait_for_selector(".syn-doclist select option", timeout=PAGE_SECONDS * 1000)


def _open_document(page, title: str) -> None:
    """Pick the document whose list label holds ``title`` (ipywidgets shows labels, not ids)."""
    page.wait_for_selector(".syn-doclist select option", timeout=PAGE_SECONDS * 1000)
    labels = page.locator(".syn-doclist select option").all_inner_texts()
    index = next(i for i, label in enumerate(labels) if title in label.replace("\xa0", " "))
    page.locator(".syn-doclist select").select_option(index=index)
    page.wait_for_selector(".syn-seg", timeout=60_000)


def _wait_for_suggestions(page) -> None:
    """Wait for the panel's lasting "suggestions ready"; on a timeout, say what the panel shows."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.locator(".syn-suggestions-state", has_text="suggestions ready").wait_for(timeout=PAGE_SECONDS * 1000)
    except PlaywrightTimeout:
        shown = {name: page.locator(name).all_inner_texts() for name in (".syn-status", ".syn-suggestions-state")}
        raise AssertionError(f"suggestions never became ready; the panel shows {shown}") from None


def _current(page) -> int:
    return int(page.locator(".syn-seg.syn-current").get_attribute("data-index"))


def test_browser_code_accept_memo_reload(home, voila, page):
    doc_id = _doc_id()
    title = _title(home, doc_id)
    _open_panel(page, voila, CODER)
    _open_document(page, title)
    # the suggestion model trains in the background; act once it is ready
    _wait_for_suggestions(page)

    # 1. select a few words of a segment, press "1": the code whose hot key is 1
    target = page.locator('.syn-seg[data-index="6"] .syn-piece').first.inner_text()
    page.evaluate(SELECT_IN_SEGMENT, [6, 15, 24])
    page.wait_for_selector("mark.syn-selection")
    page.keyboard.press("1")
    _wait_for(lambda: len(_records(home)) == 1, "the keyboard coding to be saved")
    manual = _records(home)[0]
    assert manual["origin"] == "manual" and manual["quote"] in target
    assert len(manual["quote"]) >= 9  # widened to whole words, never shrunk
    page.wait_for_selector('.syn-seg[data-index="6"] .syn-stripe')  # its margin stripe

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

    page.screenshot(path=str(SHOTS / "coding-panel-before-reload.png"), full_page=True)
    before_reload = _records(home)
    assert len(before_reload) == 2
    assert {r["origin"] for r in before_reload} == {"manual", "suggestion-accepted"}
    assert {r["coding_id"]: r["memo"] for r in before_reload} == {
        manual["coding_id"]: "", accepted["coding_id"]: MEMO}
    assert all(r["coder"] == CODER and r["doc_id"] == doc_id for r in before_reload)

    # 4. reload: a new kernel reads the file back and shows the same codings
    page.reload(timeout=PAGE_SECONDS * 1000)
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
    page.screenshot(path=str(SHOTS / "coding-panel.png"), full_page=True)
    print(f"screenshots in {SHOTS}")
    assert _records(home) == before_reload  # reloading and reading wrote nothing
    assert not (ROOT / "lessons" / "codings" / f"{CODER}.jsonl").exists()


def test_browser_codes_twice_in_one_document(home, voila, page):
    """The first coding of a document (its list label gains ✓) keeps the place: the next key
    press codes the next words of the same segment, not the document's title."""
    coder = f"{CODER}_twice"
    _open_panel(page, voila, coder)
    _open_document(page, _title(home, _doc_id()))
    page.locator(".syn-seg[data-index='8']").scroll_into_view_if_needed()
    scroll = page.evaluate("() => document.querySelector('.syn-doc').scrollTop")
    page.evaluate(SELECT_IN_SEGMENT, [8, 0, 8])
    page.wait_for_selector("mark.syn-selection")
    page.keyboard.press("1")
    _wait_for(lambda: len(_records(home, coder)) == 1, "the first coding")
    page.wait_for_selector(".syn-doclist select option:has-text('✓')")
    page.evaluate(SELECT_IN_SEGMENT, [8, 30, 45])
    page.wait_for_selector(".syn-seg[data-index='8'] mark.syn-selection")
    page.keyboard.press("2")
    _wait_for(lambda: len(_records(home, coder)) == 2, "the second coding")
    first, second = _records(home, coder)
    segment = page.locator(".syn-seg[data-index='8'] .syn-text").inner_text()
    assert first["quote"] in segment and second["quote"] in segment and first["start"] < second["start"]
    assert first["code_id"] != second["code_id"]
    assert _current(page) == 8
    assert page.evaluate("() => document.querySelector('.syn-doc').scrollTop") == scroll
    stripes = page.locator(".syn-seg[data-index='8'] .syn-stripe")
    _wait_for(lambda: stripes.count() == 2, "both margin stripes (the patch follows the write)")


def test_browser_remove_then_undo_with_ctrl_z_and_button(home, voila, page):
    coder = f"{CODER}_undo"
    _open_panel(page, voila, coder)
    _open_document(page, _title(home, _doc_id()))
    page.locator(".syn-seg[data-index='3'] .syn-gutter").click()
    _wait_for(lambda: _current(page) == 3, "segment 4 to become current")
    page.keyboard.press("2")
    _wait_for(lambda: len(_records(home, coder)) == 1, "the coding")
    memo_box = page.locator(".syn-codings .syn-memo input").first
    memo_box.fill("ต้องคุยกับทีมก่อน")
    memo_box.press("Enter")
    _wait_for(lambda: _records(home, coder)[0]["memo"] == "ต้องคุยกับทีมก่อน", "the memo")
    page.locator(".syn-seg[data-index='3'] .syn-gutter").click()  # the focus back in the document
    page.keyboard.press("2")  # pressing the code again removes it, memo and all
    _wait_for(lambda: _records(home, coder) == [], "the removal")
    page.wait_for_selector(".syn-doclist select option:has-text('✓')", state="detached")
    assert _current(page) == 3  # the document's last coding gone (its ✓ too), the place stays
    # the undo button names what it would undo (the status line may meanwhile say the
    # suggestions are ready: the model trains in the background)
    page.wait_for_selector(".syn-undo[title*='เอารหัส']")
    page.keyboard.press("Control+z")
    _wait_for(lambda: len(_records(home, coder)) == 1, "the undo to bring the coding back")
    assert _records(home, coder)[0]["memo"] == "ต้องคุยกับทีมก่อน"
    page.locator(".syn-codings .syn-remove").first.click()
    _wait_for(lambda: _records(home, coder) == [], "the remove button")
    page.locator(".syn-undo").click()
    _wait_for(lambda: len(_records(home, coder)) == 1, "the undo button")


def test_browser_keys_act_only_with_the_panel_focused(home, voila, page):
    coder = f"{CODER}_keys"
    _open_panel(page, voila, coder)
    title = _title(home, _doc_id())
    _open_document(page, title)
    page.locator(".syn-seg[data-index='2'] .syn-gutter").click()
    _wait_for(lambda: _current(page) == 2, "segment 3")
    # a title clicked in the document list, then a digit: no other document opens (the list
    # is part of the panel, so the digit is the code key there)
    page.locator(".syn-doclist select").focus()
    page.keyboard.press("2")
    _wait_for(lambda: len(_records(home, coder)) == 1, "the digit to code, not to pick a document")
    page.keyboard.press("j")
    _wait_for(lambda: _current(page) == 3, "j to move within the document")
    assert title in page.locator(".syn-title").inner_text()
    # the focus outside the panel: keys do nothing
    page.evaluate("() => { const b = document.createElement('button'); b.id = 'outside'; "
                  "document.body.prepend(b); b.focus(); }")
    page.keyboard.press("j")
    page.keyboard.press("1")
    page.locator(".syn-seg[data-index='3'] .syn-gutter").click()
    page.keyboard.press("k")
    _wait_for(lambda: _current(page) == 2, "k once the document has the focus again")
    assert len(_records(home, coder)) == 1  # "1" pressed outside the panel coded nothing
    assert title in page.locator(".syn-title").inner_text()


def test_browser_asks_for_the_coder_and_explains_refusals(home, voila, page):
    page.goto(f"{voila}?coder=", timeout=PAGE_SECONDS * 1000)
    page.wait_for_selector(".syn-coder-name input", timeout=PAGE_SECONDS * 1000)
    assert "ใครกำลังลงรหัส" in page.locator(".syn-ask").inner_text()
    page.locator(".syn-coder-name input").fill("สมศรี")
    page.locator(".syn-coder-go").click()
    page.locator(".syn-coder-message", has_text="ใช้ได้เฉพาะตัวอักษรอังกฤษ").wait_for()
    page.locator(".syn-coder-name input").fill("Browser_Tester_Asked")
    page.locator(".syn-coder-go").click()
    page.wait_for_selector(".syn-doclist select option", timeout=PAGE_SECONDS * 1000)
    assert "browser_tester_asked" in page.locator(".syn-panel h3").first.inner_text()
    assert not (home / "lessons" / "codings" / "coder_a.jsonl").read_text(encoding="utf-8").count("browser")


def test_browser_jupyterlab_keys_stay_in_the_panel(home, page, tmp_path):
    """In JupyterLab, after a click on a panel button, ``j`` moves the panel, not the notebook."""
    port = _free_port()
    server = _serve([sys.executable, "-m", "jupyterlab", f"--port={port}", "--no-browser", "--ServerApp.ip=127.0.0.1",
                     "--IdentityProvider.token=", "--ServerApp.password=", "--expose-app-in-browser",
                     "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                     "--ServerApp.disable_check_xsrf=True", "--allow-root",
                     "--LabApp.extension_manager=readonly"], home, port, tmp_path / "lab.log")
    try:
        page.goto(f"http://127.0.0.1:{port}/lab/tree/notebooks/coding.ipynb", timeout=PAGE_SECONDS * 1000)
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget "
                               "&& window.jupyterapp.shell.currentWidget.sessionContext "
                               "&& window.jupyterapp.shell.currentWidget.sessionContext.session", timeout=PAGE_SECONDS * 1000)
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.ready")
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_selector(".syn-coder-name input", timeout=PAGE_SECONDS * 1000)
        page.locator(".syn-coder-name input").fill(f"{CODER}_lab")
        page.locator(".syn-coder-go").click()
        page.wait_for_selector(".syn-doclist select option", timeout=PAGE_SECONDS * 1000)
        _open_document(page, _title(home, _doc_id()))
        active = "() => window.jupyterapp.shell.currentWidget.content.activeCellIndex"
        cell_before = page.evaluate(active)
        page.get_by_role("button", name="ถัดไป (j) ▶").click()
        _wait_for(lambda: _current(page) == 1, "the next-segment button")
        page.keyboard.press("j")
        page.keyboard.press("j")
        _wait_for(lambda: _current(page) == 3, "j to move the panel")
        assert page.evaluate(active) == cell_before  # the notebook's cells did not move
        # a click on the notebook outside the panel: j is the notebook's again
        page.evaluate("() => window.jupyterapp.shell.currentWidget.content.activeCellIndex = 0")
        page.locator(".jp-Cell").first.locator(".jp-InputPrompt").click()
        page.keyboard.press("Escape")
        page.keyboard.press("j")
        _wait_for(lambda: page.evaluate(active) == 1, "j to move the notebook's cell")
        assert _current(page) == 3
        page.screenshot(path=str(SHOTS / "coding-panel-jupyterlab.png"), full_page=True)
    finally:
        _stop(server)
